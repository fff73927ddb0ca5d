namespace BoltzDrift.Training.Pilot;

/// <summary>
/// The rules that turn what the pilot measured (<see cref="PilotFindings"/>) into training settings. They are
/// the whole of BoltzDrift's automatic tuning: the same for every energy, built-in or a user's, and each can be
/// overridden by its flag. docs/method.md gives the reasoning behind each; in short:
/// <list type="bullet">
/// <item>Bandwidths: the smallest resolves the narrowest basin (0.6 ℓ, ℓ the local length scale), the largest
/// spans the basins found (the typical per-coordinate span), one geometric middle term; at least a factor 2 apart.</item>
/// <item>Initial spread: twice the typical span, so the untrained generator (spread about half of it) already
/// covers every basin found and mass never has to cross a barrier.</item>
/// <item>Batch: 2,048 when there is more than one basin (mode weights are set by the sampler-side kernel,
/// whose variance halves with the batch), 1,024 otherwise. The sampler side sees at least 4,096 generator samples: the
/// batch plus forward-only ones (banana, seeds 0-3: covariance error 0.007-0.065, mean 0.048, against 0.12 with the
/// batch of 1,024 alone; a batch of 4,096 gave 0.023-0.051 at four times the cost per step).</item>
/// <item>Proposals: enough that 64 proposals' measured effective sample size, scaled up, reaches about 32 at
/// each bandwidth (powers of two from 64; at most 256, and 1,024 at the largest bandwidth, whose
/// self-normalised bias sets the mass balance between modes: there four times the effective sample size is
/// aimed for when the basins' minimum energies differ by more than 0.5, since the bias then does not cancel).</item>
/// <item>Blocks: when the energy separates (Hessian block-diagonal and mixed differences zero wherever the pilot
/// looked) and d ≥ 4, the drift goes block by block (docs/method.md §10), and the proposal counts come from the
/// blocks' effective sample sizes. In 2-D a batch resolves the joint density directly and factorising only loses
/// how the blocks go together (gmm4: covariance error 0.084 factorised against 0.057 joint); in 8-D it is what puts
/// the right mass in every well (manywell, 4 pairs: largest pair error 0.013 against 0.10).</item>
/// <item>Network and steps: a generator that must carve its noise into many separated basins in low dimension
/// needs depth and time (5 hidden layers and 6,000 steps from 16 basins up, d ≤ 8); 3 layers and 2,000 steps otherwise.</item>
/// <item>Learning rate: 3·10⁻³ for 2 to 15 basins, 10⁻³ otherwise, either cut to 10⁻⁴ for the last 30 % of the steps. Between
/// separated basins the generator leaves a bridge of samples until its map grows steep there, and within 2,000 steps Adam's
/// rate sets how steep it gets (gmm4, seeds 0-2: covariance error 0.025-0.037 against 0.052-0.065, samples between the modes
/// 2.9-3.1 % against 4.4-5 %); the final 10⁻⁴ keeps unequal basins balanced (double-well 0.834 with a final 3·10⁻⁴).</item>
/// </list>
/// </summary>
public static class SettingsRules
{
    /// <summary>Effective sample size the proposal counts aim for; four times as much at the largest bandwidth when the basins are unequal.</summary>
    public const double TargetEffectiveSampleSize = 32;

    /// <summary>Spread of the basins' minimum energies above which they count as unequal.</summary>
    public const double UnequalBasins = 0.5;

    /// <summary>Fewest proposals per sample and bandwidth; most for the largest bandwidth (whose bias sets the mode weights) and for the others.</summary>
    public const int MinProposals = 64, MaxProposalsLargest = 1024, MaxProposals = 256;

    /// <summary>Fewest generator samples the sampler-side mean shift estimates q from (the batch plus forward-only ones).</summary>
    public const int MinSamplerSamples = 4096;

    /// <summary>Basins from which a low-dimensional target gets the deeper network and longer training.</summary>
    public const int ManyBasins = 16;

    /// <summary>Learning rate for a few separated basins (2 to <see cref="ManyBasins"/> - 1), cut to the usual final 10⁻⁴ for the last 30 % of the steps.</summary>
    public const double FewBasinsLearningRate = 3e-3, FewBasinsLearningRateDecayFactor = 1.0 / 30;

    /// <summary>The bandwidth ladder: [0.6 ℓ, √(0.6 ℓ · S), S] with S ≥ 2 · 0.6 ℓ (S the typical span).</summary>
    public static double[] Bandwidths(PilotFindings findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        double smallest = 0.6 * findings.LocalScale;
        double largest = Math.Max(findings.TypicalSpan, 2 * smallest);
        return [Round(smallest), Round(Math.Sqrt(smallest * largest)), Round(largest)];
    }

    /// <summary>Dimension from which a separable energy's drift is factorised over its blocks.</summary>
    public const int MinFactorisedDimension = 4;

    /// <summary>The coordinate blocks the drift is factorised over: the pilot's, when it found more than one and d ≥ <see cref="MinFactorisedDimension"/>; else null.</summary>
    public static int[][]? Blocks(PilotFindings findings) =>
        findings.Blocks.Length > 1 && findings.Dimension >= MinFactorisedDimension ? findings.Blocks : null;

    /// <summary>
    /// Settings derived from <paramref name="findings"/> on top of <paramref name="general"/> (which supplies
    /// everything the pilot does not decide), with the proposal counts from the measured effective sample sizes.
    /// </summary>
    public static TrainingConfig Apply(TrainingConfig general, PilotFindings findings)
    {
        ArgumentNullException.ThrowIfNull(general);
        ArgumentNullException.ThrowIfNull(findings);
        var bandwidths = Bandwidths(findings);
        bool many = findings.Basins >= ManyBasins && findings.Dimension <= 8;
        bool few = findings.Basins is > 1 and < ManyBasins;
        var ess = findings.EffectiveSampleSizes;
        return general with
        {
            Bandwidths = bandwidths,
            BandwidthFloors = null,
            BandwidthDecay = 0,
            InitialSpread = Round(2 * findings.TypicalSpan),
            Batch = findings.Basins > 1 ? 2048 : 1024,
            SamplerSamples = MinSamplerSamples,
            Proposals = ess.Length == bandwidths.Length ? Proposals(ess[..^1].DefaultIfEmpty(double.PositiveInfinity).Min(), MaxProposals) : general.Proposals,
            ProposalsLargestBandwidth = ess.Length == bandwidths.Length
                ? Proposals(ess[^1] / (findings.BasinEnergySpread > UnequalBasins ? 4 : 1), MaxProposalsLargest)
                : general.ProposalsLargestBandwidth,
            LearningRate = few ? FewBasinsLearningRate : general.LearningRate,
            LearningRateDecayFactor = few ? FewBasinsLearningRateDecayFactor : general.LearningRateDecayFactor,
            HiddenLayers = many ? 5 : general.HiddenLayers,
            Steps = many ? 6000 : general.Steps,
            Blocks = Blocks(findings),
            Pilot = findings,
        };
    }

    /// <summary>64 · 2^k proposals, the fewest for which ESS(64) · 2^k ≥ <see cref="TargetEffectiveSampleSize"/>, at most <paramref name="most"/>.</summary>
    public static int Proposals(double effectiveSampleSizeOf64, int most)
    {
        int m = MinProposals;
        double ess = double.IsFinite(effectiveSampleSizeOf64) ? effectiveSampleSizeOf64 : 0;
        while (m < most && ess * m / MinProposals < TargetEffectiveSampleSize) m *= 2;
        return m;
    }

    /// <summary>Two significant digits: settings a person can read and retype.</summary>
    private static double Round(double value) =>
        value > 0 && double.IsFinite(value) ? Math.Round(value, Math.Max(0, 1 - (int)Math.Floor(Math.Log10(value))), MidpointRounding.AwayFromZero) : value;
}
