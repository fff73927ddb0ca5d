using System.Globalization;
using System.Text;
using BoltzDrift.Sampling;

namespace BoltzDrift.IO;

/// <summary>
/// Comma-separated sample files: one point per line, for spreadsheets, plotting tools and quick inspection.
/// Numbers are written in invariant culture with the shortest text that parses back to the same double,
/// so a write/read round trip is exact.
/// </summary>
public static class Csv
{
    /// <summary>Writes a header row x0,x1,... and then one row per point, atomically.</summary>
    public static void Write(string path, SampleSet samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true)
            {
                NewLine = "\n",
            };
            int d = samples.Dimension;
            writer.WriteLine(string.Join(',', Enumerable.Range(0, d).Select(k => $"x{k}")));
            Span<char> number = stackalloc char[32];
            for (int i = 0; i < samples.Count; i++)
            {
                var point = samples[i];
                for (int k = 0; k < d; k++)
                {
                    if (k > 0) writer.Write(',');
                    point[k].TryFormat(number, out int length, "R", CultureInfo.InvariantCulture);
                    writer.Write(number[..length]);
                }
                writer.WriteLine();
            }
        });
    }

    /// <summary>
    /// Reads points, one per line. The first non-blank line is a header, and skipped, when none of its
    /// fields is a number; blank lines are ignored. Every row must have as many fields as the first one.
    /// </summary>
    /// <exception cref="InvalidDataException">The file has no rows, or a row is ragged or holds a non-number (the message gives the line).</exception>
    public static SampleSet Read(string path)
    {
        var values = new List<double>();
        int dimension = 0, lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split(',');
            if (dimension == 0)
            {
                dimension = fields.Length;
                if (fields.All(f => !TryParse(f, out _))) continue;
            }
            if (fields.Length != dimension)
                throw new InvalidDataException($"{path}, line {lineNumber}: expected {dimension} values, found {fields.Length}.");
            for (int k = 0; k < fields.Length; k++)
            {
                if (!TryParse(fields[k], out double value))
                    throw new InvalidDataException($"{path}, line {lineNumber}, column {k + 1}: '{fields[k].Trim()}' is not a number.");
                values.Add(value);
            }
        }
        if (dimension == 0)
            throw new InvalidDataException($"{path}: no rows (the file is empty).");
        return new SampleSet(values.ToArray(), dimension);
    }

    private static bool TryParse(string field, out double value) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
