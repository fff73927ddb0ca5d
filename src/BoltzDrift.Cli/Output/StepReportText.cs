using System.Globalization;
using BoltzDrift.Training;

namespace BoltzDrift.Cli.Output;

/// <summary>The figures of a training step as both progress views print them.</summary>
internal static class StepReportText
{
    /// <summary>"loss 1.234E-003  |V| 0.0312  ESS 41.2" (ESS only where the estimator has one).</summary>
    public static string Figures(StepReport r)
    {
        var c = CultureInfo.InvariantCulture;
        string ess = double.IsNaN(r.EffectiveSampleSize) ? "" : $"  ESS {r.EffectiveSampleSize.ToString("F1", c)}";
        return string.Create(c, $"loss {r.Loss:E3}  |V| {r.DriftRms:F4}{ess}");
    }

    /// <summary>"step   120/2000".</summary>
    public static string Step(StepReport r, long totalSteps) => $"step {r.Step,6}/{totalSteps}";
}
