using BoltzDrift.Energies;
using BoltzDrift.Engine;
using BoltzDrift.Sampling;

namespace BoltzDrift.Training;

/// <summary>
/// Stops a run that cannot succeed and says why, instead of letting it "finish": an energy that is not finite
/// anywhere the drift looks (<c>0/0</c>), and samples escaping without bound (an energy unbounded below, or a
/// learning rate that blows the generator up). It also decides whether the current state is fit to be kept as
/// a checkpoint, so that the checkpoint left after a divergence is a good one. It draws its own small batch of
/// samples with a fixed seed, so it changes nothing in the training itself.
/// </summary>
internal sealed class RunHealthMonitor
{
    /// <summary>Samples drawn per check: enough for a spread and a fraction to a percent, few enough to cost little next to a step.</summary>
    public const int CheckSamples = 1024;

    /// <summary>Samples of the final model whose energies are checked.</summary>
    public const int FinalSamples = 4096;

    /// <summary>The spread is checked every this many steps (and before every checkpoint).</summary>
    public const int CheckEvery = 10;

    /// <summary>
    /// Samples whose spread grew beyond this many times the larger of the untrained generator's spread and the
    /// largest bandwidth have escaped: no target the bandwidths can resolve is that wide.
    /// </summary>
    public const double RunawayFactor = 1000;

    /// <summary>
    /// A checkpoint is kept only while the spread is within this many times that scale: a run heading for the
    /// runaway limit is not "good" any more, and the checkpoint left after a divergence must be.
    /// </summary>
    public const double KeepFactor = 100;

    private const ulong CheckSeed = 0x4EA1_7CEC;

    private readonly TrainingConfig _config;
    private readonly Energy _energy;
    private readonly RunHealth _health;
    private readonly double _spreadLimit, _keepLimit;
    private readonly double _initialSpread;
    private readonly double _initialLowestEnergy;

    public RunHealthMonitor(TrainingConfig config, Energy energy, RunHealth health)
    {
        _config = config;
        _energy = energy;
        _health = health;
        var untrained = Measure(TrainingState.Initialize(config, energy.Dimension).Network, CheckSamples);
        _initialSpread = untrained.Spread;
        _initialLowestEnergy = untrained.LowestEnergy;
        double scale = Math.Max(untrained.Spread, config.Bandwidths.Max());
        _spreadLimit = RunawayFactor * scale;
        _keepLimit = KeepFactor * scale;
    }

    /// <summary>Counts the step's energy evaluations; stops the run if none of them was finite.</summary>
    /// <exception cref="TrainingDivergedException">The energy was NaN or ±∞ at every point the step evaluated.</exception>
    public void Observe(StepReport report)
    {
        _health.EnergyEvaluations += report.EnergyEvaluations;
        _health.NonFiniteEnergies += report.NonFiniteEnergies;
        bool noEnergy = report.EnergyEvaluations > 0 && report.NonFiniteEnergies == report.EnergyEvaluations;
        bool noInformation = report.SamplesWithoutTargetInformation >= (long)_config.Batch * _config.Bandwidths.Length;
        if (noEnergy || noInformation)
            throw new TrainingDivergedException(
                $"Training stopped at step {report.Step}: the energy is not finite (NaN or ±∞) at any point this step evaluated "
                + $"({(noEnergy ? $"{report.NonFiniteEnergies:N0} of {report.EnergyEvaluations:N0} evaluations" : "no sample got any target information")}), "
                + "so the samples cannot learn the target. Check the energy, for example for 0/0 or 1/0.");
    }

    /// <summary>Whether the spread is due for a check after <paramref name="step"/>.</summary>
    public static bool IsDue(long step) => step % CheckEvery == 0;

    /// <summary>
    /// Checks that <paramref name="network"/>'s samples are finite and within bounds, and returns whether they are
    /// well enough within them for the state to be kept as a checkpoint.
    /// </summary>
    /// <exception cref="TrainingDivergedException">They are not; the message names the cause.</exception>
    public bool CheckSpread(Mlp network, long step)
    {
        var m = Measure(network, CheckSamples);
        if (!double.IsFinite(m.Spread))
            throw new TrainingDivergedException($"Training diverged at step {step}: the generator produced non-finite samples. Try a lower --lr or --clip.");
        if (m.Spread <= _spreadLimit) return m.Spread <= _keepLimit;
        string cause = m.MedianEnergy < _initialLowestEnergy
            ? $"the energy looks unbounded below: the samples' median energy fell to {m.MedianEnergy:G3} (the untrained generator's lowest was {_initialLowestEnergy:G3}) "
              + "as they moved outward, so exp(-E) cannot be normalised"
            : "runaway growth of the samples' spread, as when the learning rate is too high (try a lower --lr or --clip)";
        throw new TrainingDivergedException(
            $"Training diverged at step {step}: the samples escape without bound (spread {m.Spread:G3}, from {_initialSpread:G3} untrained; limit {_spreadLimit:G3}): {cause}.");
    }

    /// <summary>Records what fraction of the final model's samples land where the energy is not finite.</summary>
    public void CheckFinal(Mlp samplingNetwork)
    {
        _health.SamplesChecked = FinalSamples;
        _health.SamplesWithNonFiniteEnergyFraction = RunHealth.NonFiniteFraction(_energy, Generator.For(_config, samplingNetwork).Sample(FinalSamples, CheckSeed));
    }

    private readonly record struct Measurement(double Spread, double MedianEnergy, double LowestEnergy);

    /// <summary>
    /// Spread (root mean square of a coordinate, about the origin: samples drifting away together escape as
    /// surely as samples spreading out) and median and lowest finite energy over <paramref name="count"/> samples of <paramref name="network"/>.
    /// </summary>
    private Measurement Measure(Mlp network, int count)
    {
        var samples = Generator.For(_config, network).Sample(count, CheckSeed);
        int d = samples.Dimension;
        double squares = 0;
        var energies = new List<double>(count);
        for (int i = 0; i < count; i++)
        {
            var x = samples[i];
            for (int k = 0; k < d; k++) squares += x[k] * x[k];
            double e = _energy.Evaluate(x);
            if (double.IsFinite(e)) energies.Add(e);
        }
        energies.Sort();
        double median = energies.Count > 0 ? energies[energies.Count / 2] : double.NaN;
        double lowest = energies.Count > 0 ? energies[0] : double.NaN;
        return new Measurement(Math.Sqrt(squares / ((double)count * d)), median, lowest);
    }
}
