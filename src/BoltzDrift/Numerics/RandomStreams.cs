namespace BoltzDrift.Numerics;

/// <summary>
/// Where every random stream of a training run comes from, in one place: from the run's seed, each step's
/// generator noise, extra sampler-side noise and drift seed; from a step's drift seed, each bandwidth term's; from a term's, each coordinate
/// block's. Every stream is a pure function of the seed and its indices, never of the thread count or of timing,
/// which is what makes a run reproducible (within a stream, <see cref="Rng"/> streams split further by chunk of
/// samples, again by index).
/// </summary>
public static class RandomStreams
{
    /// <summary>The generator's input noise at training step <paramref name="step"/>.</summary>
    public static Rng GeneratorNoise(ulong runSeed, long step) => new(runSeed, stream: 1 + (ulong)step * 2);

    /// <summary>The input noise of the forward-only samples the sampler side also sees at training step <paramref name="step"/>.</summary>
    public static Rng ExtraSamplerNoise(ulong runSeed, long step) => new(runSeed, stream: 2 + (ulong)step * 2);

    /// <summary>The seed of every random draw of the drift at training step <paramref name="step"/>.</summary>
    public static ulong Drift(ulong runSeed, long step) => runSeed ^ (0xD1B54A32D192ED03UL * (ulong)(step + 1));

    /// <summary>The seed of bandwidth term <paramref name="term"/>'s target side, from the step's drift seed.</summary>
    public static ulong Term(ulong driftSeed, int term) => driftSeed * 0x9E3779B97F4A7C15UL + (ulong)term;

    /// <summary>The seed of coordinate block <paramref name="block"/>'s proposals, from its term's seed.</summary>
    public static ulong Block(ulong termSeed, int block) => termSeed ^ (0xBF58476D1CE4E5B9UL * (ulong)(block + 1));
}
