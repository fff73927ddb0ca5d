using System.Security.Cryptography;
using System.Text.Json;
using BoltzDrift.Energies;
using BoltzDrift.IO;
using BoltzDrift.Numerics;

namespace BoltzDrift.References;

/// <summary>
/// Reference sets cached in a folder chosen by the caller: NAME-seedS.npy (float64, shape [n, d]) with a
/// NAME-seedS.json manifest holding the settings and the mixing checks. <see cref="GetOrCreate"/> reuses a cached
/// set only when its manifest records exactly the requested settings, and otherwise generates it again and
/// replaces it; <see cref="Load"/> reads whatever set is cached, for callers that only evaluate against it. The
/// manifest holds the SHA-256 of the samples file, so a cache altered after it was made (even into another
/// well-formed .npy) is rejected rather than silently evaluated against.
/// </summary>
public static class ReferenceCache
{
    /// <summary>The samples file of <paramref name="target"/> with seed <paramref name="seed"/> in <paramref name="folder"/>.</summary>
    public static string SamplesPath(string folder, string target, ulong seed) => Path.Combine(folder, $"{target}-seed{seed}.npy");

    /// <summary>The manifest next to <see cref="SamplesPath"/>.</summary>
    public static string ManifestPath(string folder, string target, ulong seed) => Path.Combine(folder, $"{target}-seed{seed}.json");

    /// <summary>
    /// The cached reference set of <paramref name="target"/> made with <paramref name="settings"/> for its current
    /// energy (<see cref="ReferenceSet.WasMadeWith"/>), generated (and cached) if the folder holds none that matches. <paramref name="reused"/> tells which happened.
    /// </summary>
    public static ReferenceSet GetOrCreate(string folder, Target target, ReferenceSettings settings, out bool reused, Parallelism? parallelism = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(settings);
        if (TryLoad(folder, target.Name, settings) is { } cached && cached.WasMadeWith(target.Energy))
        {
            reused = true;
            return cached;
        }
        reused = false;
        var reference = ReferenceGenerator.Generate(target, settings, parallelism);
        Save(folder, reference);
        return reference;
    }

    /// <summary>The cached set made with exactly <paramref name="settings"/>, or null if there is none.</summary>
    /// <exception cref="InvalidDataException">The manifest matches but the samples file is damaged.</exception>
    public static ReferenceSet? TryLoad(string folder, string target, ReferenceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!Exists(folder, target, settings.Seed)) return null;
        ReferenceManifest? manifest;
        try
        {
            manifest = ReadManifest(folder, target, settings.Seed);
        }
        catch (JsonException)
        {
            return null; // an unreadable or older manifest: regenerate
        }
        return manifest is not null && manifest.Target == target && manifest.Settings == settings && manifest.Sha256 is not null
            ? Read(folder, settings.Seed, manifest)
            : null;
    }

    /// <summary>
    /// The set of <paramref name="target"/> with seed <paramref name="seed"/> cached in <paramref name="folder"/>,
    /// whatever settings made it (its <see cref="ReferenceSet.Settings"/> say which), or null if the folder holds
    /// none. Unlike <see cref="TryLoad(string, string, ReferenceSettings)"/>, a damaged cache is an error rather
    /// than a reason to regenerate: callers that only read a reference must not replace it silently.
    /// </summary>
    /// <exception cref="InvalidDataException">The manifest or the samples file is unreadable, or they disagree.</exception>
    public static ReferenceSet? Load(string folder, string target, ulong seed)
    {
        if (!Exists(folder, target, seed)) return null;
        string manifestPath = ManifestPath(folder, target, seed);
        ReferenceManifest? manifest;
        try
        {
            manifest = ReadManifest(folder, target, seed);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{manifestPath}: not a reference manifest ({e.Message}); delete it or make the reference again.", e);
        }
        if (manifest is null || manifest.Target != target || manifest.Settings is null || manifest.Diagnostics is null)
            throw new InvalidDataException($"{manifestPath}: not a reference manifest of '{target}'; delete it or make the reference again.");
        if (manifest.Sha256 is null)
            throw new InvalidDataException($"{manifestPath}: no checksum of the samples (made by an older version); make the reference again (`reference --force`).");
        return Read(folder, seed, manifest);
    }

    private static bool Exists(string folder, string target, ulong seed) =>
        File.Exists(ManifestPath(folder, target, seed)) && File.Exists(SamplesPath(folder, target, seed));

    private static ReferenceManifest? ReadManifest(string folder, string target, ulong seed) =>
        JsonSerializer.Deserialize<ReferenceManifest>(File.ReadAllText(ManifestPath(folder, target, seed)), Json.Options);

    /// <summary>The samples <paramref name="manifest"/> describes.</summary>
    /// <exception cref="InvalidDataException">The samples file is damaged, changed since it was made, or its shape differs from the manifest's.</exception>
    private static ReferenceSet Read(string folder, ulong seed, ReferenceManifest manifest)
    {
        string samplesPath = SamplesPath(folder, manifest.Target, seed);
        if (!string.Equals(Checksum(samplesPath), manifest.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{samplesPath}: its SHA-256 differs from the manifest's: the file changed after it was made; delete it or make the reference again (`reference --force`).");
        var samples = Npy.Read(samplesPath);
        if (samples.Count != manifest.Count || samples.Dimension != manifest.Dimension)
            throw new InvalidDataException($"{samplesPath}: shape ({samples.Count}, {samples.Dimension}) differs from its manifest's ({manifest.Count}, {manifest.Dimension}).");
        return new ReferenceSet(manifest.Target, samples, manifest.Settings, manifest.Diagnostics);
    }

    /// <summary>
    /// Writes <paramref name="reference"/> into <paramref name="folder"/> (created if needed). The old manifest
    /// goes first and the new one last, so an interrupted write never leaves a manifest describing other samples.
    /// </summary>
    public static void Save(string folder, ReferenceSet reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        Directory.CreateDirectory(folder);
        ulong seed = reference.Settings.Seed;
        string manifestPath = ManifestPath(folder, reference.Target, seed);
        File.Delete(manifestPath);
        string samplesPath = SamplesPath(folder, reference.Target, seed);
        Npy.Write(samplesPath, reference.Samples);
        var manifest = new ReferenceManifest(reference.Target, reference.Samples.Count, reference.Samples.Dimension, reference.Settings, reference.Diagnostics,
            Checksum(samplesPath));
        AtomicFile.Write(manifestPath, stream => JsonSerializer.Serialize(stream, manifest, Json.Options));
    }

    /// <summary>The SHA-256 of a file, in hexadecimal.</summary>
    private static string Checksum(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    /// <summary>The JSON next to a cached samples file; <paramref name="Sha256"/> is the samples file's checksum (null in manifests of older versions).</summary>
    private sealed record ReferenceManifest(string Target, int Count, int Dimension, ReferenceSettings Settings, MixingDiagnostics Diagnostics, string? Sha256);
}
