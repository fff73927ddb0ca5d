using BoltzDrift.Baselines;
using BoltzDrift.Energies;
using BoltzDrift.Energies.Particles;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.References;

/// <summary>
/// Makes reference samples of a target from long MCMC (<see cref="McmcRunner"/>: MALA or HMC chains, with
/// parallel tempering when <see cref="ReferenceSettings.Temperatures"/> &gt; 1) and checks that the chains
/// mixed. The result depends only on the target and the settings, seed included, never on the thread count.
/// For particle systems the centre of mass is removed from the kept draws. The energy is flat along the
/// centre of mass, so the chains' centres wander freely; that wandering is independent of the relative
/// coordinates (their proposals, acceptance and swaps see only translation-invariant energies), so removing
/// it afterwards leaves exact MCMC on the relative coordinates.
/// </summary>
public static class ReferenceGenerator
{
    /// <summary>Stream of the settings' seed from which starting points are drawn (the chains use their own streams).</summary>
    private const ulong StartStream = 7;

    /// <summary>Runs the chains for <paramref name="target"/> as <paramref name="settings"/> say.</summary>
    /// <param name="target">The target; must have a gradient.</param>
    /// <param name="settings">Chain counts, lengths, kernel and seed.</param>
    /// <param name="parallelism">Threads to use; null for all cores. Results do not depend on it.</param>
    public static ReferenceSet Generate(Target target, ReferenceSettings settings, Parallelism? parallelism = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (!target.Energy.HasGradient)
            throw new ArgumentException($"Target '{target.Name}' has no gradient, which the reference kernels need.", nameof(target));

        var options = new McmcOptions
        {
            Chains = settings.Chains,
            WarmupSteps = settings.WarmupSteps,
            SamplingSteps = settings.SamplingSteps,
            Thinning = settings.Thinning,
            Seed = settings.Seed,
            InitialStepSize = settings.InitialStepSize,
            InitialPositions = StartingPositions(target, settings),
            Parallelism = parallelism ?? Parallelism.Default,
        };
        var result = McmcRunner.Run(Sampler(settings), target.Energy, options);

        var chains = result.Chains;
        if (target.Particles is { } layout)
            foreach (var draw in chains.SelectMany(chain => chain)) CentreOfMass.RemoveInPlace(draw.AsSpan(), layout);
        var samples = Pool(chains, target.Dimension);
        var diagnostics = Diagnose(target, chains, result);
        return new ReferenceSet(target.Name, samples, settings, diagnostics);
    }

    private static IMcmcSampler Sampler(ReferenceSettings settings)
    {
        ITransitionKernel kernel = settings.Kernel switch
        {
            ReferenceKernel.Hmc => new Hmc(settings.LeapfrogSteps),
            _ => new Mala(),
        };
        return settings.Temperatures > 1
            ? new ParallelTempering(settings.Temperatures, settings.MaxTemperature, kernel)
            : new IndependentChains(kernel);
    }

    private static double[] StartingPositions(Target target, ReferenceSettings settings)
    {
        var rng = new Rng(settings.Seed, StartStream);
        return StartingPoints.ForChains(target, settings.Chains, settings.StartSpread, settings.StartMinDistance, settings.StartMaxEnergy, ref rng);
    }

    private static SampleSet Pool(double[][][] chains, int dimension)
    {
        var values = new double[chains.Sum(chain => chain.Length) * dimension];
        int offset = 0;
        foreach (var draw in chains.SelectMany(chain => chain))
        {
            draw.CopyTo(values, offset);
            offset += dimension;
        }
        return new SampleSet(values, dimension);
    }

    private static MixingDiagnostics Diagnose(Target target, double[][][] chains, McmcResult result)
    {
        var energy = target.Energy;
        var energies = chains.Select(chain => chain.Select(draw => energy.Evaluate(draw)).ToArray()).ToArray();
        int draws = chains[0].Length, kept = chains.Length * draws;
        double energyEss = Ess.Autocorrelation(energies), energyRHat = SplitRHat.Compute(energies);
        double meanEnergy = energies.SelectMany(chain => chain).Average();
        double energyVariance = energies.SelectMany(chain => chain).Sum(e => (e - meanEnergy) * (e - meanEnergy)) / (kept - 1);

        double? distanceEss = null, distanceRHat = null;
        if (target.Particles is { } layout)
        {
            var distances = chains.Select(chain => chain.Select(draw => MeanPairDistance(draw, layout)).ToArray()).ToArray();
            distanceEss = Ess.Autocorrelation(distances);
            distanceRHat = SplitRHat.Compute(distances);
        }

        var warnings = new List<string>();
        CheckRHat("energy", energyRHat, warnings);
        CheckEss("energy", energyEss, kept, warnings);
        if (distanceRHat is { } rHat) CheckRHat("mean pair distance", rHat, warnings);
        if (distanceEss is { } ess) CheckEss("mean pair distance", ess, kept, warnings);
        if (result.AcceptanceRate is < 0.3 or > 0.95 || double.IsNaN(result.AcceptanceRate))
            warnings.Add($"T = 1 acceptance {result.AcceptanceRate:F3} is outside [0.3, 0.95]: the step size did not adapt.");
        var swapRates = result.Swaps.Select(s => s.Rate).ToArray();
        for (int k = 0; k < swapRates.Length; k++)
            if (!(swapRates[k] >= 0.05))
                warnings.Add($"Swap rate {swapRates[k]:F3} between temperatures {k} and {k + 1} is below 0.05: the ladder is too sparse.");

        return new MixingDiagnostics
        {
            Chains = chains.Length,
            DrawsPerChain = draws,
            EnergyEss = energyEss,
            EnergyRHat = energyRHat,
            MeanEnergy = meanEnergy,
            MeanEnergyStandardError = Math.Sqrt(energyVariance / energyEss),
            PairDistanceEss = distanceEss,
            PairDistanceRHat = distanceRHat,
            Acceptance = result.AcceptanceRate,
            StepSize = result.StepSizes[0],
            SwapRates = swapRates,
            NonFiniteProposals = result.NonFiniteProposals,
            GradientEvaluations = result.Counts.Gradient,
            Seconds = result.WallTime.TotalSeconds,
            Warnings = warnings,
        };
    }

    private static void CheckRHat(string what, double rHat, List<string> warnings)
    {
        if (!(rHat <= MixingDiagnostics.MaxRHat))
            warnings.Add($"Split R-hat of the {what} is {rHat:F4} > {MixingDiagnostics.MaxRHat}: the chains disagree; run longer.");
    }

    private static void CheckEss(string what, double ess, int kept, List<string> warnings)
    {
        if (!(ess >= MixingDiagnostics.MinEssFraction * kept))
            warnings.Add($"ESS of the {what} is {ess:F0} for {kept} kept draws (< {MixingDiagnostics.MinEssFraction:P0}): thin more or run longer.");
    }

    /// <summary>The mean distance over all particle pairs of one configuration.</summary>
    internal static double MeanPairDistance(ReadOnlySpan<double> point, ParticleLayout layout)
    {
        int n = layout.Count;
        double sum = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                sum += Math.Sqrt(layout.SquaredDistance(point, i, j));
        return sum / (n * (n - 1) / 2);
    }
}
