using System.CommandLine;
using System.CommandLine.Help;
using BoltzDrift.Cli.Commands;
using BoltzDrift.Cli.Configuration;

namespace BoltzDrift.Cli;

/// <summary>The command tree of the <c>boltzdrift</c> tool; built here so that tests can invoke it in-process.</summary>
internal static class CliApp
{
    /// <summary>The tool's name, which help and usage lines show.</summary>
    public const string ToolName = "boltzdrift";

    /// <summary>
    /// The root command. A plain <see cref="Command"/> rather than a <see cref="RootCommand"/>, which would
    /// name itself after the executable (BoltzDrift.Cli) instead of the command people type.
    /// </summary>
    public static Command CreateRootCommand()
    {
        var train = TrainCommand.Create();
        var demo = DemoCommand.Create();
        var plot = PlotCommand.Create();
        var root = new Command(ToolName, "BoltzDrift: one-step neural samplers for Boltzmann distributions p(x) ∝ exp(-E(x)), trained by drifting.")
        {
            new HelpOption(),
            new VersionOption(),
            train,
            SampleCommand.Create(),
            EvalCommand.Create(),
            demo,
            plot,
            TargetsCommand.Create(),
            BenchSpeedCommand.Create(),
            ReferenceCommand.Create(),
            BenchCommand.Create(),
            SuiteCommand.Create(),
        };
        HelpWithExamples.Install(root, new Dictionary<Command, string>
        {
            [train] = ConfigFile.HelpExample,
            [demo] = ConfigFile.HelpExample,
            [plot] = PlotCommand.FiguresHelp,
        });
        return root;
    }
}
