using System.CommandLine;
using BoltzDrift.Energies;

namespace BoltzDrift.Cli.Commands;

internal static class TargetsCommand
{
    public static Command Create()
    {
        var command = new Command("targets", "List the built-in targets.");
        command.SetAction(r =>
        {
            int width = Targets.All.Max(t => t.Name.Length);
            foreach (var t in Targets.All)
                r.InvocationConfiguration.Output.WriteLine($"{t.Name.PadRight(width)}  d = {t.Dimension,-3} {(t.ExactSampler is null ? "MCMC reference" : "exact sampler ")}  {t.Description}");
            return 0;
        });
        return command;
    }
}
