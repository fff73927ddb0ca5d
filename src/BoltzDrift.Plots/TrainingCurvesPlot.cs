using System.Globalization;
using ScottPlot;

namespace BoltzDrift.Plots;

/// <summary>
/// Training curves from a run's log, one panel each: the loss and the drift RMS |V| (log scale: both should
/// fall by orders of magnitude and then level off at the estimator's noise), the kernel bandwidths (log
/// scale), the mean ESS of the importance weights and, when the log has them, each term's effective neighbour
/// count and weight (the matched-information gate). Raw per-step values are drawn faint, their moving
/// average bold; a dashed line marks where the learning rate was cut.
/// </summary>
public static class TrainingCurvesPlot
{
    /// <summary>Writes the figure to <paramref name="path"/> (PNG).</summary>
    /// <param name="title">Prefix of each panel title, usually the target name.</param>
    /// <exception cref="ArgumentException">The log has no rows.</exception>
    public static void Save(string path, TrainingLog log, string title)
    {
        if (log.Count == 0) throw new ArgumentException("The training log has no steps to plot.");
        var panels = new List<Plot>
        {
            LogPanel(log, $"{title}: loss", "loss  η² · mean |V|²", [("loss", log.Loss)]),
            LogPanel(log, $"{title}: drift size", "drift RMS  |V|", [("|V|", log.DriftRms)]),
            LogPanel(log, $"{title}: kernel bandwidths", "bandwidth", log.Bandwidths.Select((b, k) => (BandwidthLabel(k, b), b)).ToArray()),
            EssPanel(log, $"{title}: importance-sampling ESS"),
        };
        if (log.TermNeighbours.Length > 0)
            panels.Add(LogPanel(log, $"{title}: sampler kernel", "effective neighbours", PerTerm(log, log.TermNeighbours)));
        if (log.TermWeights.Length > 0)
            panels.Add(LogPanel(log, $"{title}: term weights", "normalisation × gate", PerTerm(log, log.TermWeights)));
        PanelGrid.SavePng(path, panels, columns: 2);
    }

    private static Plot LogPanel(TrainingLog log, string title, string yLabel, (string Name, double[] Values)[] series)
    {
        var plot = PlotTheme.Create(title, "step", yLabel + "  (log scale)");
        var logs = series.Select(s => (s.Name, Values: LogAxis.Log10(s.Values))).ToArray();
        if (logs.Length == 1)
            AddRawAndTrend(plot, log.Steps, logs[0].Values);
        else
            for (int k = 0; k < logs.Length; k++)
            {
                var line = plot.Add.ScatterLine(log.Steps, logs[k].Values, plot.Add.Palette.GetColor(k));
                line.LineWidth = 2;
                line.LegendText = logs[k].Name;
            }
        LogAxis.Apply(plot, logs.SelectMany(s => s.Values));
        MarkLearningRateCuts(plot, log);
        FinishX(plot, log);
        return plot;
    }

    private static (string Name, double[] Values)[] PerTerm(TrainingLog log, double[][] series) =>
        series.Select((values, k) => (BandwidthLabel(k, log.Bandwidths[k]), values)).ToArray();

    /// <summary>"term 2: 1", or "term 2: 1 → 0.25" for an annealed bandwidth.</summary>
    private static string BandwidthLabel(int term, double[] values)
    {
        var c = CultureInfo.InvariantCulture;
        return values[0] == values[^1]
            ? $"term {term + 1}: {values[0].ToString("G3", c)}"
            : $"term {term + 1}: {values[0].ToString("G3", c)} → {values[^1].ToString("G3", c)}";
    }

    private static Plot EssPanel(TrainingLog log, string title)
    {
        var plot = PlotTheme.Create(title, "step", "mean ESS per sample (of M proposals)");
        if (log.EffectiveSampleSize.All(double.IsNaN))
        {
            // The curvature estimator uses no importance weights, so there is no ESS to show.
            var note = plot.Add.Annotation("no ESS: this run used no importance weights (curvature estimator)", Alignment.MiddleCenter);
            note.LabelBackgroundColor = Colors.White;
            note.LabelBorderColor = PlotTheme.Context;
            note.LabelShadowColor = Colors.Transparent;
            plot.Axes.SetLimitsY(0, 1);
            plot.Axes.Left.TickLabelStyle.IsVisible = false;
        }
        else
        {
            AddRawAndTrend(plot, log.Steps, log.EffectiveSampleSize);
            plot.Axes.AutoScaleY();
        }
        MarkLearningRateCuts(plot, log);
        FinishX(plot, log);
        return plot;
    }

    private static void AddRawAndTrend(Plot plot, double[] steps, double[] values)
    {
        var (x, y) = FiniteOnly(steps, values);
        var raw = plot.Add.ScatterLine(x, y, PlotTheme.Context.WithAlpha(0.45));
        raw.LineWidth = 1;
        raw.LegendText = "per step";
        int halfWidth = MovingAverage.HalfWidthFor(values.Length);
        if (halfWidth == 0) return;
        var trend = plot.Add.ScatterLine(x, MovingAverage.Centered(y, halfWidth), PlotTheme.Generated);
        trend.LineWidth = 2;
        trend.LegendText = $"moving average ({2 * halfWidth + 1} steps)";
    }

    /// <summary>The rows with a finite value: a NaN would break the line into invisible pieces.</summary>
    private static (double[] X, double[] Y) FiniteOnly(double[] x, double[] y)
    {
        var keep = Enumerable.Range(0, y.Length).Where(i => double.IsFinite(y[i])).ToArray();
        return (keep.Select(i => x[i]).ToArray(), keep.Select(i => y[i]).ToArray());
    }

    private static void MarkLearningRateCuts(Plot plot, TrainingLog log)
    {
        bool first = true;
        for (int i = 1; i < log.Count; i++)
        {
            if (log.LearningRate[i] == log.LearningRate[i - 1]) continue;
            var line = plot.Add.VerticalLine(log.Steps[i], 1.5f, PlotTheme.Exact.WithAlpha(0.7), LinePattern.Dashed);
            if (first) line.LegendText = $"lr cut to {log.LearningRate[i].ToString("G3", CultureInfo.InvariantCulture)}";
            first = false;
        }
    }

    private static void FinishX(Plot plot, TrainingLog log)
    {
        plot.Axes.SetLimitsX(log.Steps[0], Math.Max(log.Steps[^1], log.Steps[0] + 1));
        PlotTheme.ShowLegend(plot);
    }
}
