using BoltzDrift.Baselines;
using BoltzDrift.Drift;
using BoltzDrift.Energies;
using BoltzDrift.Numerics;

namespace BoltzDrift.Training.Pilot;

/// <summary>
/// A short, counted look at an energy before training, the same for built-in targets and users' energies:
/// <list type="number">
/// <item>local minimisation from Gaussian starts at radii 1, 4, 16 and 64 (basins, and their count);</item>
/// <item>the Hessian at every distinct minimum (local length scales: its narrowest and widest directions);</item>
/// <item>short MCMC runs started from every distinct minimum and from broad starts; chains whose estimated share of
/// the mass is negligible are left out (the global span of the basins, per coordinate; which minima hold the mass);</item>
/// <item>the Hessian's sparsity pattern (separable blocks) and a check for translation invariance of particles;</item>
/// <item>the effective sample size of importance sampling at given bandwidths (<see cref="EffectiveSampleSizes"/>).</item>
/// </list>
/// Deterministic for a seed; every evaluation goes through a counter and is reported.
/// </summary>
public sealed class EnergyPilot
{
    /// <summary>Minimisations started at each radius.</summary>
    public const int StartsPerRadius = 12;
    private static readonly double[] s_startRadii = [1, 4, 16, 64];
    private const int MinimiserIterations = 300;
    private const double RelevantEnergyGap = 10;
    private const double BroadStartRadius = 4;
    private const int Chains = 64, WarmupSteps = 200, SamplingSteps = 800;
    private const int ProbePoints = 64, ProbeProposals = 64;
    /// <summary>Point pairs whose mixed differences test separability, up to this dimension (d² evaluations per pair).</summary>
    private const int MixedDifferencePairs = 8, MaxMixedDifferenceDimension = 128;
    /// <summary>Midpoints between minima at which the Hessian's sparsity is also checked.</summary>
    private const int SeparabilityMidpoints = 4;
    private const double MixedDifferenceTolerance = 1e-6;

    private readonly CountingEnergy _energy;
    private readonly Derivatives _derivatives;
    private readonly ulong _seed;
    private readonly List<double[]> _chainPoints = [];

    private EnergyPilot(Energy energy, ulong seed)
    {
        _energy = new CountingEnergy(energy);
        _derivatives = new Derivatives(_energy);
        _seed = seed;
    }

    /// <summary>Measures <paramref name="energy"/>: basins, local scales, span, blocks, translation invariance.</summary>
    public static (EnergyPilot Pilot, PilotFindings Findings) Measure(Energy energy, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(energy);
        var pilot = new EnergyPilot(energy, seed);
        return (pilot, pilot.MeasureGeometry());
    }

    private PilotFindings MeasureGeometry()
    {
        int d = _energy.Dimension;
        var rng = new Rng(_seed, stream: 0x9170);
        var minima = new List<double[]>();
        var broadStarts = new List<double[]>();
        int runaway = 0;
        foreach (double radius in s_startRadii)
        {
            for (int s = 0; s < StartsPerRadius; s++)
            {
                var x = new double[d];
                rng.FillGaussian(x);
                for (int k = 0; k < d; k++) x[k] *= radius;
                if (!double.IsFinite(_energy.Evaluate(x))) { runaway++; continue; }
                if (radius <= BroadStartRadius) broadStarts.Add((double[])x.Clone());
                if (LocalMinimiser.Minimise(_derivatives, x, MinimiserIterations)) minima.Add(x);
                else runaway++;
            }
        }
        if (minima.Count == 0)
            throw new DegenerateEnergyException($"The pilot found no finite local minimum from {s_startRadii.Length * StartsPerRadius} starts: "
                + "the energy is non-finite everywhere it looked, or unbounded below.");

        // A basin whose bottom lies more than RelevantEnergyGap above the lowest found holds a fraction below
        // e^-10 of the mass (for comparable widths): it says nothing about where samples must go.
        var ranked = minima.Select(m => (Point: m, Energy: _energy.Evaluate(m))).OrderBy(m => m.Energy).ToList();
        double lowest = ranked[0].Energy;
        ranked = ranked.Where(m => m.Energy <= lowest + RelevantEnergyGap).ToList();
        int? spatial = TranslationInvariance(ranked[0].Point, ref rng);
        var distinct = new List<(double[] Point, double Energy, double Narrow, double Wide)>();
        foreach (var (m, energy) in ranked)
        {
            if (distinct.Any(b => Distance(b.Point, m) < 0.25 * b.Narrow)) continue;
            var (narrow, wide) = Scales(m);
            distinct.Add((m, energy, narrow, wide));
        }

        var survey = Survey(distinct.Select(b => b.Point).ToList(), broadStarts, distinct.Select(b => b.Narrow).Where(double.IsFinite).DefaultIfEmpty(1).Min(), spatial);
        var span = survey.Span;
        double typicalSpan = PilotFindings.Median(span);
        // Basins are the minima whose chains hold the mass; where all of it lies away from every minimum (a funnel, whose
        // minimiser runs stop in the neck), the region the kept chains explore is the one basin, measured at their last draws.
        var scales = survey.KeptMinima.Count > 0
            ? survey.KeptMinima.Select(m => (distinct[m].Narrow, distinct[m].Wide)).ToList()
            : survey.LastDraws.Select(Scales).ToList();
        var basinEnergies = survey.KeptMinima.Select(m => distinct[m].Energy).DefaultIfEmpty(lowest).ToList();
        double Clamp(double scale) => Math.Clamp(double.IsFinite(scale) ? scale : typicalSpan, 1e-3 * typicalSpan, typicalSpan);
        var counts = _energy.Counts;
        return new PilotFindings
        {
            Dimension = d,
            Starts = s_startRadii.Length * StartsPerRadius,
            Basins = Math.Max(1, survey.KeptMinima.Count),
            BasinEnergySpread = basinEnergies.Max() - basinEnergies.Min(),
            RunawayStarts = runaway,
            LocalScale = Clamp(PilotFindings.Median(scales.Select(s => s.Narrow).ToList())),
            WidestLocalScale = PilotFindings.Median(scales.Select(s => double.IsFinite(s.Wide) ? s.Wide : span.Max()).ToList()),
            Span = span,
            Blocks = Blocks(SeparabilityPoints(distinct.Select(b => b.Point).ToList())),
            TranslationInvariantSpatialDimension = spatial,
            EnergyEvaluations = counts.Energy,
            GradientEvaluations = counts.Gradient + counts.Hessian,
        };
    }

    /// <summary>
    /// Short MCMC (MALA, or random-walk Metropolis for energies without gradients) in two runs, each with its own
    /// adapted step size: chains from the distinct minima in turn, and chains from the broad starts (where the mass of
    /// an energy is far from its minima, as in a funnel's mouth, only these find it). Each chain's share of the mass is
    /// estimated as that of a Gaussian with its mean energy and per-coordinate variances (log Z ≈ -⟨E⟩ + Σ ½ log σ²,
    /// constants dropped); chains more than <see cref="RelevantEnergyGap"/> below the best hold a negligible share (a
    /// funnel's neck, where the minimiser stops) and are left out. The kept draws' per-coordinate standard deviation,
    /// with the centre of mass removed for particles, is the span.
    /// </summary>
    private ChainSurvey Survey(IReadOnlyList<double[]> minima, IReadOnlyList<double[]> broadStarts, double stepScale, int? spatial)
    {
        var fromMinima = RunChains(minima, fromMinimum: true, _seed ^ 0x5EED_9170UL, stepScale, spatial);
        var fromBroad = broadStarts.Count > 0 ? RunChains(broadStarts, fromMinimum: false, _seed ^ 0xB40AD_9170UL, stepScale, spatial) : [];
        var chains = fromMinima.Concat(fromBroad).ToList();
        if (chains.Count == 0)
            throw new DegenerateEnergyException("The pilot's MCMC chains found no point with a finite energy and position.");
        double best = chains.Max(c => c.LogMass);
        var kept = double.IsFinite(best) ? chains.Where(c => c.LogMass >= best - RelevantEnergyGap).ToList() : chains;

        int d = _energy.Dimension;
        var mean = new double[d];
        var square = new double[d];
        int count = 0;
        foreach (var chain in kept)
            foreach (var point in chain.Draws)
            {
                for (int k = 0; k < d; k++) { mean[k] += point[k]; square[k] += point[k] * point[k]; }
                count++;
            }
        int stride = Math.Max(1, count / 256);
        _chainPoints.AddRange(kept.SelectMany(c => c.Draws).Where((_, i) => i % stride == 0));
        var keptMinima = kept.Where(c => c.FromMinimum).Select(c => c.Start).Distinct().Order().ToList();
        return new ChainSurvey(
            Enumerable.Range(0, d).Select(k => Math.Sqrt(Math.Max(0, square[k] / count - mean[k] / count * (mean[k] / count)))).ToArray(),
            keptMinima,
            kept.Select(c => c.Draws[^1]).ToList());
    }

    /// <summary>The narrowest and widest length scales of the Hessian at <paramref name="point"/>: 1/√λ_max and 1/√λ_min over its positive eigenvalues (∞ where there are none).</summary>
    private (double Narrow, double Wide) Scales(double[] point)
    {
        int d = point.Length;
        var hessian = new double[d * d];
        var values = new double[d];
        _derivatives.Hessian(point, hessian);
        SymmetricEigen.Decompose(hessian, values, new double[d * d], d);
        double largest = values.Max();
        double smallestPositive = values.Where(v => v > 1e-8 * Math.Max(largest, 1e-300)).DefaultIfEmpty(largest).Min();
        return (largest > 0 ? 1 / Math.Sqrt(largest) : double.PositiveInfinity, smallestPositive > 0 ? 1 / Math.Sqrt(smallestPositive) : double.PositiveInfinity);
    }

    /// <summary>What the pilot's chains found: the span, the minima whose chains hold the mass, and every kept chain's last draw.</summary>
    private sealed record ChainSurvey(double[] Span, List<int> KeptMinima, List<double[]> LastDraws);

    /// <summary>One chain's finite draws (centre removed for particles), its start (the index of a minimum or of a broad start) and its estimated log share of the mass.</summary>
    private sealed record Chain(bool FromMinimum, int Start, List<double[]> Draws, double LogMass);

    private List<Chain> RunChains(IReadOnlyList<double[]> starts, bool fromMinimum, ulong seed, double stepScale, int? spatial)
    {
        int d = _energy.Dimension;
        var initial = new double[Chains * d];
        for (int c = 0; c < Chains; c++) starts[c % starts.Count].CopyTo(initial, c * d);
        ITransitionKernel kernel = _energy.HasGradient ? new Mala() : new RandomWalkMetropolis();
        var options = new McmcOptions
        {
            Chains = Chains,
            WarmupSteps = WarmupSteps,
            SamplingSteps = SamplingSteps,
            Seed = seed,
            InitialStepSize = 0.5 * stepScale,
            InitialPositions = initial,
            Parallelism = Parallelism.Serial,
        };
        var energySums = new double[Chains];
        var result = McmcRunner.Run(new IndependentChains(kernel), _energy, options,
            state => { for (int c = 0; c < Chains; c++) energySums[c] += state.Chains.Energies[state.Slot(c, 0)]; });
        return Enumerable.Range(0, Chains).Select(c =>
        {
            var draws = result.Chains[c].Where(p => p.All(double.IsFinite)).Select(p => (double[])p.Clone()).ToList();
            if (spatial is int dim) foreach (var p in draws) RemoveCentre(p, dim);
            return new Chain(fromMinimum, c % starts.Count, draws, LogMass(draws, energySums[c] / SamplingSteps));
        }).Where(c => c.Draws.Count > 0).ToList();
    }

    /// <summary>-⟨E⟩ + Σ_k ½ log σ_k²: the log normaliser of a Gaussian with the draws' variances and mean energy, up to constants.</summary>
    private static double LogMass(List<double[]> draws, double meanEnergy)
    {
        if (!double.IsFinite(meanEnergy) || draws.Count < 2) return double.NegativeInfinity;
        double logMass = -meanEnergy;
        for (int k = 0; k < draws[0].Length; k++)
        {
            double mean = draws.Average(p => p[k]);
            logMass += 0.5 * Math.Log(draws.Average(p => (p[k] - mean) * (p[k] - mean)));
        }
        return double.IsNaN(logMass) ? double.NegativeInfinity : logMass;
    }

    /// <summary>
    /// The mean effective sample size of <see cref="ProbeProposals"/> importance-sampling proposals at each of
    /// <paramref name="bandwidths"/>, at points of the pilot's MCMC runs; with <paramref name="blocks"/>, of proposals
    /// block by block (<see cref="BlockImportanceSamplingDrift"/>), averaged over blocks.
    /// </summary>
    public double[] EffectiveSampleSizes(IReadOnlyList<double> bandwidths, IReadOnlyList<int[]>? blocks = null)
    {
        int d = _energy.Dimension;
        // Points are rounded to float32 as training sees them; one where the energy is then not finite (a chain that
        // crept up to a singularity) would only make the probe throw.
        var points = _chainPoints.Where((_, i) => i % Math.Max(1, _chainPoints.Count / ProbePoints) == 0)
            .Where(p => double.IsFinite(_energy.Evaluate(p.Select(v => (double)(float)v).ToArray())))
            .Take(ProbePoints).ToList();
        var flat = new float[points.Count * d];
        for (int i = 0; i < points.Count; i++)
            for (int k = 0; k < d; k++) flat[i * d + k] = (float)points[i][k];
        var estimator = BlockImportanceSamplingDrift.Create(_energy, blocks, ProbeProposals);
        var drift = new float[flat.Length];
        var diagnostics = new DriftDiagnostics();
        return bandwidths.Select((s, k) =>
        {
            estimator.Estimate(flat, s, drift, _seed ^ (0xE55UL + (ulong)k), diagnostics);
            return diagnostics.MeanEffectiveSampleSize;
        }).ToArray();
    }

    /// <summary>Evaluations spent so far.</summary>
    public EvaluationCounts Counts => _energy.Counts;

    /// <summary>
    /// The spatial dimension D ∈ {3, 2, 1} under whose translations (every particle shifted by the same
    /// D-vector) the energy is unchanged at <paramref name="point"/> and two shifted copies; null if none.
    /// </summary>
    private int? TranslationInvariance(double[] point, ref Rng rng)
    {
        int d = point.Length;
        double e0 = _energy.Evaluate(point);
        foreach (int dim in new[] { 3, 2, 1 })
        {
            if (d % dim != 0 || d / dim < 2) continue;
            bool invariant = true;
            for (int trial = 0; trial < 2 && invariant; trial++)
            {
                var shifted = (double[])point.Clone();
                var shift = new double[dim];
                rng.FillGaussian(shift);
                for (int k = 0; k < d; k++) shifted[k] += shift[k % dim];
                invariant = Math.Abs(_energy.Evaluate(shifted) - e0) <= 1e-9 * (1 + Math.Abs(e0));
            }
            if (invariant) return dim;
        }
        return null;
    }

    /// <summary>
    /// Where separability is tested: the minima and chain points (16 at most), then the midpoints between the first
    /// few pairs of minima. Between two modes of a mixture the components' responsibilities trade off, and the Hessian
    /// couples every coordinate in which the modes differ (at a mode of a well-separated mixture in 8-D it is diagonal
    /// to within e^-10 and the coordinates look independent); a truly separable energy has a block-diagonal Hessian
    /// there as everywhere.
    /// </summary>
    private List<double[]> SeparabilityPoints(List<double[]> minima)
    {
        var midpoints = minima.Zip(minima.Skip(1), (a, b) => a.Zip(b, (u, v) => 0.5 * (u + v)).ToArray()).Take(SeparabilityMidpoints);
        return [.. minima.Concat(_chainPoints.Take(8)).Take(16), .. midpoints];
    }

    /// <summary>
    /// Connected components of the coupling graph. Coordinates i and j are coupled when |H_ij| is more than a tiny
    /// fraction of √|H_ii H_jj| at any of the points, or when the energy's mixed difference between two of the points,
    /// E(x with x'_i, x'_j) - E(x with x'_i) - E(x with x'_j) + E(x), is not zero: the Hessian alone is diagonal at the
    /// modes of a mixture of isotropic Gaussians, whose coordinates interact only between modes.
    /// </summary>
    private int[][] Blocks(IReadOnlyList<double[]> points)
    {
        int d = _energy.Dimension;
        double tolerance = _derivatives.Exact ? 1e-9 : 1e-4;
        var parent = Enumerable.Range(0, d).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var hessian = new double[d * d];
        foreach (var p in points)
        {
            _derivatives.Hessian(p, hessian);
            for (int i = 0; i < d; i++)
                for (int j = i + 1; j < d; j++)
                    if (Math.Abs(hessian[i * d + j]) > tolerance * (Math.Sqrt(Math.Abs(hessian[i * d + i] * hessian[j * d + j])) + 1e-12))
                        parent[Find(i)] = Find(j);
        }
        if (d <= MaxMixedDifferenceDimension)
            for (int a = 0; a + 1 < points.Count && a < MixedDifferencePairs; a++)
                foreach (var (i, j) in MixedDifferenceCouplings(points[a], points[a + 1], Find))
                    parent[Find(i)] = Find(j);
        return Enumerable.Range(0, d).GroupBy(Find).Select(g => g.ToArray()).OrderBy(b => b[0]).ToArray();
    }

    /// <summary>Pairs of coordinates not yet in one component whose mixed difference between <paramref name="x"/> and <paramref name="other"/> is not zero (d² evaluations at most).</summary>
    private IEnumerable<(int, int)> MixedDifferenceCouplings(double[] x, double[] other, Func<int, int> component)
    {
        int d = x.Length;
        double e = _energy.Evaluate(x);
        var single = new double[d];
        var point = (double[])x.Clone();
        for (int i = 0; i < d; i++)
        {
            point[i] = other[i];
            single[i] = _energy.Evaluate(point);
            point[i] = x[i];
        }
        for (int i = 0; i < d; i++)
            for (int j = i + 1; j < d; j++)
            {
                if (component(i) == component(j) || x[i] == other[i] || x[j] == other[j]) continue;
                point[i] = other[i];
                point[j] = other[j];
                double both = _energy.Evaluate(point);
                point[i] = x[i];
                point[j] = x[j];
                double mixed = both - single[i] - single[j] + e;
                // Rounding of four energies of this size; a values-only energy in float32 gets the wider margin.
                double scale = Math.Abs(both) + Math.Abs(single[i]) + Math.Abs(single[j]) + Math.Abs(e);
                if (double.IsFinite(mixed) && Math.Abs(mixed) > MixedDifferenceTolerance * scale + 1e-9) yield return (i, j);
            }
    }

    private static void RemoveCentre(Span<double> point, int spatial)
    {
        int particles = point.Length / spatial;
        for (int a = 0; a < spatial; a++)
        {
            double centre = 0;
            for (int p = 0; p < particles; p++) centre += point[p * spatial + a];
            centre /= particles;
            for (int p = 0; p < particles; p++) point[p * spatial + a] -= centre;
        }
    }

    private static double Distance(double[] a, double[] b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++) sum += (a[k] - b[k]) * (a[k] - b[k]);
        return Math.Sqrt(sum);
    }
}
