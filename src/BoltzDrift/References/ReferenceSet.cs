using BoltzDrift.Metrics;
using BoltzDrift.Sampling;

namespace BoltzDrift.References;

/// <summary>
/// Reference samples of a target without an exact sampler, with how they were made and how well the chains
/// mixed. Samples of particle systems have their centre of mass removed.
/// </summary>
/// <param name="Target">Name of the target.</param>
/// <param name="Samples">The samples, chain after chain (chain 0's kept draws in order, then chain 1's, …).</param>
/// <param name="Settings">The settings that produced them.</param>
/// <param name="Diagnostics">Mixing checks of the run.</param>
public sealed record ReferenceSet(string Target, SampleSet Samples, ReferenceSettings Settings, MixingDiagnostics Diagnostics) : ITransportReference
{
    /// <inheritdoc/>
    public FloorSource Source => FloorSource.LongMcmc;

    /// <summary>None: the set's mixing checks are reported by <see cref="Diagnostics"/>.</summary>
    public string? Caveat => null;

    /// <summary>
    /// Whether the samples were made for <paramref name="energy"/>: their mean energy under it equals the one
    /// recorded when they were generated (to 1e-9, relative). A cached set of an energy since changed (lj13
    /// counted each pair once before it took the field's convention) has the same name and settings and would
    /// otherwise be reused silently.
    /// </summary>
    public bool WasMadeWith(Energies.Energy energy)
    {
        ArgumentNullException.ThrowIfNull(energy);
        if (energy.Dimension != Samples.Dimension) return false;
        double sum = 0;
        for (int i = 0; i < Samples.Count; i++) sum += energy.Evaluate(Samples[i]);
        double mean = sum / Samples.Count, recorded = Diagnostics.MeanEnergy;
        return Math.Abs(mean - recorded) <= 1e-9 * Math.Max(1, Math.Abs(recorded));
    }

    /// <summary><see cref="IndependentHalves"/>: one fixed split, whatever <paramref name="draw"/>.</summary>
    public (SampleSet Reference, SampleSet Floor) Draw(int count, ulong draw) => IndependentHalves(count);

    /// <summary>
    /// Two sets of <paramref name="count"/> points for a two-sample metric and its noise floor: the reference
    /// from the first half of the chains, the floor set from the second half, each spread evenly (a fixed
    /// stride) over its half, so the result is deterministic. A noise floor must be the metric between
    /// INDEPENDENT sets; points of one chain are correlated however far the thinning, but separate chains
    /// share nothing beyond the seed, so disjoint halves of the chains give independent sets. Fewer points
    /// when a half holds fewer than <paramref name="count"/>; with an odd number of chains the floor's half has
    /// one chain more.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    /// <exception cref="InvalidDataException">The sample count is not a multiple of the chains in the settings.</exception>
    public (SampleSet Reference, SampleSet Floor) IndependentHalves(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        int chains = Settings.Chains;
        if (chains < 2 || Samples.Count % chains != 0)
            throw new InvalidDataException($"Reference set of '{Target}': {Samples.Count} samples cannot be {chains} chains of equal length.");
        int perChain = Samples.Count / chains;
        int firstHalf = chains / 2 * perChain, secondHalf = Samples.Count - firstHalf;
        int n = Math.Min(count, firstHalf);
        return (Spread(0, firstHalf, n), Spread(firstHalf, secondHalf, n));
    }

    /// <summary><paramref name="n"/> ≤ <paramref name="length"/> rows of [start, start + length) at a fixed stride of length / n.</summary>
    private SampleSet Spread(int start, int length, int n)
    {
        int d = Samples.Dimension;
        var values = new double[n * d];
        for (int i = 0; i < n; i++)
            Samples[start + (int)((long)i * length / n)].CopyTo(values.AsSpan(i * d, d));
        return new SampleSet(values, d);
    }
}
