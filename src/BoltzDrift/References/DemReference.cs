using System.Security.Cryptography;
using BoltzDrift.Energies.Particles;
using BoltzDrift.IO;
using BoltzDrift.Metrics;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.References;

/// <summary>
/// The DEM test split of dw4 or lj13: the 10,000 configurations against which iDEM, Adjoint Sampling and ASBS
/// report their figures, embedded in the library (References/Data, MIT licence, provenance in its README) and
/// checked on loading (SHA-256 of the file, shape, finite values). Centres of mass are removed on loading (the
/// dw4 file is not centred). Each evaluation draws its reference and floor sets at random, disjoint, from the
/// split, as the field does; several draws give the spread of that choice.
/// </summary>
public sealed class DemReference : ITransportReference
{
    /// <summary>Configurations in each split.</summary>
    public const int SplitSize = 10_000;

    /// <summary>
    /// Draws an evaluation averages (<c>eval --reference dem</c>); their standard deviation shows how much a figure
    /// depends on which 2,000 of the 10,000 configurations were drawn.
    /// </summary>
    public const int Draws = 5;

    /// <summary>Name of the reference in command lines and reports.</summary>
    public const string Name = "dem";

    private static readonly Dictionary<string, Split> s_splits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dw4"] = new("test_split_DW4.npy", new ParticleLayout(4, 2), "ef4466793b3502b2fe405aad22d3ae43b34827971594c5bab28684771d828244",
            "this split does not follow exp(-E): its particles are not exchangeable and its pair-distance wells are filled in "
            + "other proportions, so samples of the exact density score above its floor (W2 about 0.5 where the floor is about 0.3; docs/metrics.md)"),
        ["lj13"] = new("test_split_LJ13-1000.npy", new ParticleLayout(13, 3), "c5064a56282e96441f1ff2f1babb13c241a99cd1077aee3667951d06055a785b", null),
    };

    private DemReference(string target, SampleSet samples, string? caveat)
    {
        Target = target;
        Samples = samples;
        Caveat = caveat;
    }

    /// <summary>The targets with a DEM split: dw4 and lj13.</summary>
    public static IEnumerable<string> Targets => s_splits.Keys;

    /// <summary>Whether <paramref name="target"/> (any case) has a DEM split.</summary>
    public static bool Has(string target) => s_splits.ContainsKey(target);

    /// <inheritdoc/>
    public string Target { get; }

    /// <inheritdoc/>
    public FloorSource Source => FloorSource.DemSplit;

    /// <summary>The whole split (<see cref="SplitSize"/> configurations, centres of mass removed), in file order.</summary>
    public SampleSet Samples { get; }

    /// <summary>
    /// What is known to be wrong with the split as a sample of its target's density, in one sentence, or null. The dw4
    /// split fails checks that need no sampler of ours (docs/metrics.md, "The dw4 DEM split";
    /// tests/…/References/Dw4SplitTests.cs), so its split-against-itself floor is not the level an exact sampler reaches.
    /// </summary>
    public string? Caveat { get; }

    /// <summary>The split of <paramref name="target"/>, read from the assembly and checked.</summary>
    /// <exception cref="ArgumentException">The target has no DEM split.</exception>
    /// <exception cref="InvalidDataException">The embedded file is missing, altered (checksum), mis-shaped or not finite.</exception>
    public static DemReference Load(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!s_splits.TryGetValue(target, out var split))
            throw new ArgumentException($"No DEM reference split for target '{target}'; there are splits for {string.Join(" and ", s_splits.Keys)}.");
        string resource = "BoltzDrift.References.Data." + split.File;
        using var stream = typeof(DemReference).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidDataException($"The DEM split {split.File} is not embedded in the library.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return Parse(target, bytes);
    }

    /// <summary>The split of <paramref name="target"/> from the bytes of its .npy file, checked as <see cref="Load"/> says.</summary>
    /// <exception cref="InvalidDataException">The bytes are not the published file, or it is mis-shaped or not finite.</exception>
    internal static DemReference Parse(string target, byte[] bytes)
    {
        var split = s_splits[target];
        string checksum = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (checksum != split.Sha256)
            throw new InvalidDataException($"The DEM split {split.File} has SHA-256 {checksum}, not the published file's {split.Sha256}.");
        var samples = Npy.Read(new MemoryStream(bytes, writable: false), split.File);
        if (samples.Count != SplitSize || samples.Dimension != split.Layout.Dimension)
            throw new InvalidDataException($"The DEM split {split.File} has shape ({samples.Count}, {samples.Dimension}), not ({SplitSize}, {split.Layout.Dimension}).");
        int nonFinite = samples.Values.Count(v => !double.IsFinite(v));
        if (nonFinite > 0)
            throw new InvalidDataException($"The DEM split {split.File} holds {nonFinite} non-finite values.");
        return new DemReference(target.ToLowerInvariant(), CentreOfMass.Remove(samples, split.Layout), split.Caveat);
    }

    /// <summary>
    /// Draw <paramref name="draw"/>: a random permutation of the split (seeded by the draw), its first
    /// <paramref name="count"/> configurations the reference and the next <paramref name="count"/> the floor set,
    /// so the two are disjoint. At most <see cref="SplitSize"/>/2 each.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    public (SampleSet Reference, SampleSet Floor) Draw(int count, ulong draw)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        int n = Math.Min(count, Samples.Count / 2);
        var rng = new Rng(draw, DrawStream);
        var rows = RandomRows.Indices(Samples.Count, 2 * n, ref rng);
        return (RandomRows.Take(Samples, rows.AsSpan(0, n)), RandomRows.Take(Samples, rows.AsSpan(n, n)));
    }

    /// <summary>Stream of <see cref="Rng"/> for the draws, apart from every other use of the seed.</summary>
    private const ulong DrawStream = 7;

    private sealed record Split(string File, ParticleLayout Layout, string Sha256, string? Caveat);
}
