using System.CommandLine;
using System.Diagnostics;
using BoltzDrift.Energies;
using BoltzDrift.References;

namespace BoltzDrift.Cli;

/// <summary>
/// <c>--reference FOLDER|dem</c> of <c>eval</c> and <c>bench</c>: for a target without an exact sampler, the field's
/// DEM test split (<c>dem</c>, embedded in the library), or the folder where its long-MCMC reference set is cached
/// (the folder <c>reference --out</c> writes), and how that is found or made.
/// </summary>
internal static class ReferenceOption
{
    /// <summary>The cache folder when none is given, relative to the working directory.</summary>
    public const string DefaultFolder = "references";

    /// <summary>Seed of the reference chains: the set is TARGET-seed0.npy in the folder.</summary>
    public const ulong Seed = 0;

    public static Option<string> Create() => new("--reference")
    {
        HelpName = "FOLDER|dem",
        Description = "For targets without an exact sampler (dw4, lj13): 'dem' for the field's DEM test split (10,000 configurations shipped with "
            + "BoltzDrift; each evaluation draws 2,000 reference and 2,000 other floor configurations from it at random), or the "
            + "folder of the cached long-MCMC reference set TARGET-seed0.npy/.json "
            + "(as `reference --out FOLDER` writes it). A set found there is used whatever settings made it; if there is none, the tuned one is "
            + "generated once (dw4 about 10 s, lj13 about 40 s on two cores). The metrics compare against the first half of its chains, "
            + "the floor is the second half's.",
        DefaultValueFactory = _ => DefaultFolder,
    };

    /// <summary>
    /// The reference set of <paramref name="target"/> cached in <paramref name="folder"/>, or, if the folder holds
    /// none, the one <see cref="ReferenceSettings.For"/> gives, generated and cached there; <paramref name="status"/>
    /// hears which, and how long generating took.
    /// </summary>
    /// <exception cref="ArgumentException">The target has no reference settings (or, for <c>dem</c>, no DEM split).</exception>
    /// <exception cref="InvalidDataException">The cached files are damaged.</exception>
    public static ITransportReference Resolve(Target target, string folder, Action<string> status)
    {
        if (IsDem(folder))
        {
            var dem = DemReference.Load(target.Name);
            status($"reference: the DEM test split of {target.Name} ({dem.Samples.Count:N0} configurations, checksum verified)");
            if (dem.Caveat is { } caveat) status($"note: {caveat}");
            return dem;
        }
        if (!ReferenceSettings.HasDefaults(target.Name))
            throw new ArgumentException($"Target '{target.Name}' has neither an exact sampler nor long-MCMC reference settings (those exist for dw4 and lj13).");
        string path = ReferenceCache.SamplesPath(folder, target.Name, Seed);
        if (ReferenceCache.Load(folder, target.Name, Seed) is { } cached)
        {
            if (!cached.WasMadeWith(target.Energy))
                throw new InvalidDataException($"{path}: made for another energy of {target.Name} (its recorded mean energy differs; lj13 counted each pair once before it took the field's convention); delete it or make the reference again.");
            status($"reference: {Describe(cached)} in {path}");
            return cached;
        }
        status($"generating the long-MCMC reference set of {target.Name} into {path} (once; tens of seconds) ...");
        var clock = Stopwatch.StartNew();
        var reference = ReferenceCache.GetOrCreate(folder, target, ReferenceSettings.For(target.Name, Seed), out _);
        status($"reference: {Describe(reference)}, generated in {clock.Elapsed.TotalSeconds:F1} s");
        return reference;
    }

    /// <summary>Whether the option names the DEM split rather than a folder (a folder called dem: ./dem).</summary>
    public static bool IsDem(string value) => string.Equals(value, DemReference.Name, StringComparison.OrdinalIgnoreCase);

    private static string Describe(ReferenceSet reference) =>
        $"{reference.Samples.Count:N0} long-MCMC samples from {reference.Settings.Chains} chains "
        + (reference.Diagnostics.IsWellMixed ? "(mixing checks passed)" : $"({reference.Diagnostics.Warnings.Count} mixing check(s) failed: see `reference`)");
}
