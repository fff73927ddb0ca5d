using System.Globalization;

namespace BoltzDrift.Plots;

/// <summary>
/// The series of a run's <c>train_log.csv</c> that the training-curve figure draws. Columns are found by
/// their header names, so a log with more or reordered columns still reads.
/// </summary>
public sealed class TrainingLog
{
    private TrainingLog(double[] steps, double[] loss, double[] driftRms, double[] ess, double[][] bandwidths, double[] learningRate,
        double[][] termNeighbours, double[][] termWeights)
    {
        TermNeighbours = termNeighbours;
        TermWeights = termWeights;
        Steps = steps;
        Loss = loss;
        DriftRms = driftRms;
        EffectiveSampleSize = ess;
        Bandwidths = bandwidths;
        LearningRate = learningRate;
    }

    public double[] Steps { get; }
    public double[] Loss { get; }
    public double[] DriftRms { get; }
    /// <summary>Mean importance-sampling ESS; NaN on steps that have none (curvature estimator).</summary>
    public double[] EffectiveSampleSize { get; }
    /// <summary>One series per bandwidth term: <c>Bandwidths[term][row]</c>.</summary>
    public double[][] Bandwidths { get; }
    public double[] LearningRate { get; }
    /// <summary>Per term, the sampler kernel's median effective neighbour count (<c>TermNeighbours[term][row]</c>); empty for logs without the column.</summary>
    public double[][] TermNeighbours { get; }
    /// <summary>Per term, its weight in the drift (normalisation times neighbour gate); empty for logs without the column.</summary>
    public double[][] TermWeights { get; }
    public int Count => Steps.Length;

    /// <summary>Reads a training log written by <c>TrainingRun</c>.</summary>
    /// <exception cref="InvalidDataException">A required column is missing, or a row is malformed (the message gives the line).</exception>
    public static TrainingLog Read(string path)
    {
        using var lines = File.ReadLines(path).GetEnumerator();
        if (!lines.MoveNext()) throw new InvalidDataException($"{path}: empty training log (no header).");
        var header = lines.Current.Split(',');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0
            ? i
            : throw new InvalidDataException($"{path}: no '{name}' column in the header.");
        int step = Column("step"), loss = Column("loss"), drift = Column("drift_rms"), ess = Column("ess"), bandwidths = Column("bandwidths"), lr = Column("lr");
        int neighboursColumn = Array.IndexOf(header, "term_neighbours"), weightsColumn = Array.IndexOf(header, "term_weights");

        List<double> steps = [], losses = [], drifts = [], esses = [], lrs = [];
        List<double>[] terms = [], neighbours = [], weights = [];
        bool perTermMissing = false;   // rows written without per-term reports (hand-made logs) leave the columns empty
        int lineNumber = 1;
        while (lines.MoveNext())
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(lines.Current)) continue;
            var fields = lines.Current.Split(',');
            if (fields.Length != header.Length)
                throw new InvalidDataException($"{path}, line {lineNumber}: expected {header.Length} fields, found {fields.Length}.");
            double Number(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                ? v
                : throw new InvalidDataException($"{path}, line {lineNumber}: '{text}' is not a number.");
            steps.Add(Number(fields[step]));
            losses.Add(Number(fields[loss]));
            drifts.Add(Number(fields[drift]));
            esses.Add(Number(fields[ess]));
            lrs.Add(Number(fields[lr]));
            var widths = fields[bandwidths].Split(';');
            if (terms.Length == 0) terms = widths.Select(_ => new List<double>()).ToArray();
            if (widths.Length != terms.Length)
                throw new InvalidDataException($"{path}, line {lineNumber}: {widths.Length} bandwidths where earlier rows have {terms.Length}.");
            for (int k = 0; k < widths.Length; k++) terms[k].Add(Number(widths[k]));
            if (neighboursColumn >= 0) AddPerTerm(ref neighbours, fields[neighboursColumn]);
            if (weightsColumn >= 0) AddPerTerm(ref weights, fields[weightsColumn]);

            void AddPerTerm(ref List<double>[] series, string field)
            {
                if (field.Length == 0) { perTermMissing = true; return; }
                var values = field.Split(';');
                if (values.Length != terms.Length)
                    throw new InvalidDataException($"{path}, line {lineNumber}: {values.Length} per-term values for {terms.Length} bandwidths.");
                if (series.Length == 0) series = values.Select(_ => new List<double>()).ToArray();
                for (int k = 0; k < values.Length; k++) series[k].Add(Number(values[k]));
            }
        }
        static double[][] Arrays(List<double>[] series) => series.Select(t => t.ToArray()).ToArray();
        if (perTermMissing) neighbours = weights = [];
        return new TrainingLog([.. steps], [.. losses], [.. drifts], [.. esses], Arrays(terms), [.. lrs], Arrays(neighbours), Arrays(weights));
    }
}
