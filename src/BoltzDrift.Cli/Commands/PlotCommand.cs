using System.CommandLine;
using BoltzDrift.Energies;
using BoltzDrift.IO;

namespace BoltzDrift.Cli.Commands;

internal static class PlotCommand
{
    /// <summary>What each figure shows, for the command's help.</summary>
    public const string FiguresHelp =
        """
        boltzdrift plot --run runs/g0 [--count 10000] writes into runs/g0/plots/:
          samples.png     generated samples over energy contours (2-D targets), or scatters of coordinate pairs (d > 2)
          marginals.png   histogram of each coordinate against the exact marginal
          energy.png      histogram of E(x) over the samples against exact samples
          training.png    loss, drift RMS |V|, bandwidths and ESS against step, from train_log.csv
        train and demo write the same figures at the end unless given --no-plots.
        """;

    public static Command Create()
    {
        var runDir = new Option<string>("--run") { Description = "Run directory written by `train` or `demo`.", Required = true };
        var count = new Option<int>("--count") { Description = "Generated samples drawn for the figures.", DefaultValueFactory = _ => RunPlotting.DefaultSampleCount };
        var force = OutputGuard.CreateForceOption("the figures already in DIR/plots/");
        var command = new Command("plot", "Write a run's figures (samples, marginals, energy, training curves) as PNG files into DIR/plots/.")
            { runDir, count, force };
        command.SetAction(r => CliRunner.Run(r, () =>
        {
            int n = PlotOptions.CheckCount(r.GetValue(count), "--count");
            var run = new RunDirectory(r.GetValue(runDir)!);
            var model = Checkpoint.Load(run.LatestModel());
            if (Directory.Exists(run.PlotsDirectory) && Directory.EnumerateFiles(run.PlotsDirectory, "*.png").Any() && !r.GetValue(force))
                throw new ArgumentException($"--run: '{run.PlotsDirectory}' already holds figures; pass --force to replace them.");
            IReadOnlyList<string> files;
            try
            {
                files = RunPlotting.Write(run, ExternalEnergyOptions.Resolve(model.Config), model.Config, model.State.SamplingNetwork, n);
            }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException)
            {
                throw new NotSupportedException($"plots not written: {RunPlotting.Describe(e)}", e);
            }
            foreach (string file in files) r.InvocationConfiguration.Output.WriteLine(file);
            return 0;
        }));
        return command;
    }
}
