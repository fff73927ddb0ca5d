using System.Diagnostics;
using System.Globalization;
using BoltzDrift.Training;

namespace BoltzDrift.Cli;

/// <summary>Prints a training progress line about once a second: step, loss, |V|, ESS, bandwidths, ETA.</summary>
internal sealed class ProgressPrinter(int totalSteps, bool quiet) : IProgress<StepReport>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _firstStep = -1;
    private TimeSpan _lastPrint = TimeSpan.FromSeconds(-1);

    public void Report(StepReport r)
    {
        if (_firstStep < 0) _firstStep = r.Step - 1;
        var now = _clock.Elapsed;
        if (quiet || (now - _lastPrint < TimeSpan.FromSeconds(1) && r.Step != totalSteps)) return;
        _lastPrint = now;
        double perStep = now.TotalSeconds / Math.Max(1, r.Step - _firstStep);
        var eta = TimeSpan.FromSeconds(perStep * (totalSteps - r.Step));
        var c = CultureInfo.InvariantCulture;
        string ess = double.IsNaN(r.EffectiveSampleSize) ? "" : $"  ESS {r.EffectiveSampleSize.ToString("F1", c)}";
        string bw = string.Join(",", r.Bandwidths.Select(b => b.ToString("G3", c)));
        Console.WriteLine(string.Create(c,
            $"step {r.Step,6}/{totalSteps}  loss {r.Loss:E3}  |V| {r.DriftRms:F4}{ess}  s {bw}  lr {r.LearningRate:G3}  {perStep * 1000:F1} ms/step  ETA {eta:mm\\:ss}"));
    }
}
