using System.CommandLine;
using BoltzDrift.Cli.Commands;

var root = new RootCommand("BoltzDrift: one-step neural samplers for Boltzmann distributions p(x) ∝ exp(-E(x)), trained by drifting.")
{
    TrainCommand.Create(),
    SampleCommand.Create(),
    EvalCommand.Create(),
    DemoCommand.Create(),
    TargetsCommand.Create(),
    BenchSpeedCommand.Create(),
    BenchCommand.Create(),
};
return root.Parse(args).Invoke();
