using BoltzDrift.Energies;
using BoltzDrift.Plots;
using BoltzDrift.Tests.IO;
using BoltzDrift.Training;

namespace BoltzDrift.Tests.Plots;

public sealed class RunPlotsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_two_dimensional_run_gets_all_four_figures()
    {
        var target = Targets.Get("gmm4");
        string log = WriteLog(_folder.File("train_log.csv"), steps: 40, ess: 20);

        var files = RunPlots.Write(_folder.File("plots"), target, PlotTargets.ExactSamples(target, 2_000, seed: 1), log, seed: 3);

        Assert.Equal([RunPlots.SamplesFileName, RunPlots.MarginalsFileName, RunPlots.EnergyFileName, RunPlots.TrainingFileName],
            files.Select(Path.GetFileName));
        foreach (string file in files) PngAssert.IsFigure(file);
    }

    [Fact]
    public void A_higher_dimensional_target_gets_a_grid_of_pair_scatters()
    {
        var target = PlotTargets.FourDimensional;
        var files = RunPlots.Write(_folder.File("plots"), target, PlotTargets.ExactSamples(target, 1_000, seed: 2), trainingLog: null);

        Assert.Equal([RunPlots.SamplesFileName, RunPlots.MarginalsFileName, RunPlots.EnergyFileName], files.Select(Path.GetFileName));
        // Six pairs of four coordinates and four marginals: both figures are grids wider than one panel.
        var (scatterWidth, scatterHeight) = PngAssert.IsFigure(files[0]);
        var (marginalWidth, _) = PngAssert.IsFigure(files[1]);
        Assert.True(scatterWidth > 1_000 && scatterHeight > 600, $"pair grid is only {scatterWidth} × {scatterHeight}");
        Assert.True(marginalWidth > 1_000);
    }

    [Fact]
    public void Training_curves_are_drawn_without_ess_for_the_curvature_estimator()
    {
        string log = WriteLog(_folder.File("train_log.csv"), steps: 30, ess: double.NaN);
        string png = _folder.File("training.png");

        TrainingCurvesPlot.Save(png, TrainingLog.Read(log), "curvature run");

        PngAssert.IsFigure(png);
    }

    [Fact]
    public void Samples_of_the_wrong_dimension_are_refused()
    {
        var samples = PlotTargets.ExactSamples(PlotTargets.FourDimensional, 100, seed: 1);
        Assert.Throws<ArgumentException>(() => SampleScatterPlot.Save(_folder.File("x.png"), Targets.Get("gmm4"), samples, reference: null));
    }

    /// <summary>A log as training writes it, with a falling loss, an annealed bandwidth and a learning-rate cut.</summary>
    internal static string WriteLog(string path, int steps, double ess)
    {
        var lines = new List<string> { StepReport.CsvHeader };
        for (int step = 1; step <= steps; step++)
            lines.Add(new StepReport(step, Loss: 5.0 / step, DriftRms: Math.Sqrt(5.0 / step), ess, [0.3, 2 * Math.Exp(-0.01 * step)],
                LearningRate: step > 0.7 * steps ? 1e-4 : 1e-3, GradientNorm: 1, 0, 0, 0, 100, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero).ToCsv());
        File.WriteAllLines(path, lines);
        return path;
    }
}
