using System.Globalization;
using BoltzDrift.Training;
using BoltzDrift.Training.Pilot;

namespace BoltzDrift.Cli.Output;

/// <summary>The pilot's findings and the settings in force, as the few lines printed before training.</summary>
internal static class PilotText
{
    public static IEnumerable<string> Lines(PilotFindings pilot, TrainingConfig config)
    {
        var c = CultureInfo.InvariantCulture;
        string Join(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("G3", c)));
        yield return string.Create(c,
            $"pilot: {pilot.Basins} {(pilot.Basins == 1 ? "basin" : "basins")} holding the mass, from {pilot.Starts} starts{(pilot.RunawayStarts > 0 ? $" ({pilot.RunawayStarts} ran away or hit a non-finite energy)" : "")}; "
            + $"local length scale {pilot.LocalScale:G3} (widest {pilot.WidestLocalScale:G3}); typical span {pilot.TypicalSpan:G3}; "
            + $"{(pilot.Blocks.Length > 1 ? $"separable into {pilot.Blocks.Length} blocks" : "not separable")}"
            + $"{(pilot.TranslationInvariantSpatialDimension is int dim ? $"; invariant under {dim}-D translations of {pilot.Dimension / dim} particles" : "")}; "
            + $"{pilot.EnergyEvaluations + pilot.GradientEvaluations:N0} evaluations");
        yield return string.Create(c,
            $"settings: bandwidths {Join(config.Bandwidths)} (IS effective sample size of 64 there: {Join(pilot.EffectiveSampleSizes)}); "
            + $"proposals {config.Proposals}/{config.ProposalsLargestBandwidth ?? config.Proposals}; initial spread {config.InitialSpread:G3}; "
            + $"{(config.Blocks is { } blocks ? $"drift block by block over {blocks.Length} blocks; " : "")}batch {config.Batch}{(config.ExtraSamplerSamples > 0 ? $" (the sampler side sees {config.Batch + config.ExtraSamplerSamples})" : "")}; {config.HiddenLayers} x {config.Width} network; {config.Steps} steps; learning rate {config.LearningRate:G3}, then {config.LearningRate * config.LearningRateDecayFactor:G3} from step {(int)Math.Ceiling(config.LearningRateDecayStart * config.Steps)} (flags override any of these)");
    }
}
