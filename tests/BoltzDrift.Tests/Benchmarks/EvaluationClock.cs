using BoltzDrift.Energies;

namespace BoltzDrift.Tests.Benchmarks;

/// <summary>
/// A deterministic clock for time budgets in tests: time advances by <see cref="SecondsPerEvaluation"/> for
/// every evaluation counted by <paramref name="counter"/> (energies, gradients and Hessians alike), and by
/// nothing else. Equal-time runs then depend on the work done, never on how fast or loaded the machine is.
/// </summary>
internal sealed class EvaluationClock(CountingEnergy counter) : TimeProvider
{
    /// <summary>Simulated seconds per evaluation: one microsecond.</summary>
    public const double SecondsPerEvaluation = 1e-6;

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp() => BenchmarkFixtures.Total(counter.Counts);
}
