using BoltzDrift.Sampling;

namespace BoltzDrift.IO;

/// <summary>Reads and writes sample sets in the format named by the file extension: .npy or .csv.</summary>
public static class SampleFile
{
    /// <summary>The extensions this class understands.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } = [".npy", ".csv"];

    /// <summary>Reads <paramref name="path"/> with <see cref="Npy.Read(string)"/> or <see cref="Csv.Read"/>.</summary>
    /// <exception cref="ArgumentException">The extension is neither .npy nor .csv.</exception>
    /// <exception cref="InvalidDataException">The path is a folder, or the file is malformed.</exception>
    public static SampleSet Read(string path)
    {
        var format = FormatOf(path);
        if (Directory.Exists(path)) throw new InvalidDataException($"{path}: a folder, not a samples file.");
        return format == Format.Npy ? Npy.Read(path) : Csv.Read(path);
    }

    /// <summary>Writes <paramref name="samples"/> with <see cref="Npy.Write"/> or <see cref="Csv.Write"/>.</summary>
    /// <exception cref="ArgumentException">The extension is neither .npy nor .csv.</exception>
    public static void Write(string path, SampleSet samples)
    {
        if (FormatOf(path) == Format.Npy) Npy.Write(path, samples);
        else Csv.Write(path, samples);
    }

    private enum Format { Npy, Csv }

    private static Format FormatOf(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".npy" => Format.Npy,
            ".csv" => Format.Csv,
            _ => throw new ArgumentException(
                $"Unsupported sample file extension '{extension}' in '{path}'; supported: {string.Join(", ", SupportedExtensions)}.", nameof(path)),
        };
    }
}
