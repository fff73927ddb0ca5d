using System.Text.Json;

namespace BoltzDrift.Energies.Data;

/// <summary>
/// Gaussian-mixture tables shipped inside the assembly as JSON resources (Energies/Data/NAME.json, with
/// fields "std" and "means": a list of points), so published targets such as FAB's GMM-40 use exactly the
/// published means without reading files at run time.
/// </summary>
internal static class EmbeddedMixture
{
    /// <summary>The mixture table <paramref name="name"/> as an equal-weight <see cref="GaussianMixtureEnergy"/>.</summary>
    /// <exception cref="InvalidDataException">The resource is missing or malformed.</exception>
    public static GaussianMixtureEnergy Load(string name)
    {
        string resource = $"BoltzDrift.Energies.Data.{name}.json";
        using var stream = typeof(EmbeddedMixture).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidDataException($"The assembly holds no resource '{resource}'.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        if (!root.TryGetProperty("std", out var std) || !root.TryGetProperty("means", out var means) || means.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"Resource '{resource}' needs a number 'std' and an array 'means'.");
        var rows = means.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        int dimension = rows.Length > 0 ? rows[0].Length : 0;
        if (dimension == 0 || rows.Any(row => row.Length != dimension))
            throw new InvalidDataException($"Resource '{resource}': every mean must have the same, positive number of coordinates.");
        return new GaussianMixtureEnergy(dimension, rows.SelectMany(row => row).ToArray(), std.GetDouble());
    }
}
