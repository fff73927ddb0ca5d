using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using BoltzDrift.Sampling;

namespace BoltzDrift.IO;

/// <summary>
/// NumPy .npy files (format versions 1.0 to 3.0), the exchange format with the Python samplers whose
/// numbers BoltzDrift is compared against: <c>numpy.load</c> reads what <see cref="Write"/> writes.
/// Data are read and written as little-endian values, the byte order of every platform .NET runs on.
/// </summary>
public static partial class Npy
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private const int Alignment = 64;

    /// <summary>
    /// Writes <paramref name="samples"/> as a version 1.0 file of dtype '&lt;f8', C order, shape (n, d),
    /// atomically (a reader sees the old file or the complete new one).
    /// </summary>
    public static void Write(string path, SampleSet samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var header = HeaderBytes("<f8", [samples.Count, samples.Dimension]);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(header);
            stream.Write(MemoryMarshal.AsBytes(samples.Values.AsSpan()));
        });
    }

    /// <summary>
    /// The version 1.0 header of a C-order array of dtype <paramref name="descr"/> (e.g. '&lt;f4') and shape
    /// <paramref name="shape"/> (empty for a scalar); the array's little-endian bytes follow it.
    /// </summary>
    internal static byte[] HeaderBytes(string descr, IReadOnlyList<long> shape)
    {
        string dims = shape.Count == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string dictionary = string.Create(CultureInfo.InvariantCulture,
            $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}");
        // Magic (6) + version (2) + header length (2) + header, where the header is the dictionary padded
        // with spaces and ended by a newline so that the data start on a 64-byte boundary.
        int prefixLength = Magic.Length + 4;
        int headerLength = dictionary.Length + 1;
        headerLength += (Alignment - (prefixLength + headerLength) % Alignment) % Alignment;
        if (headerLength > ushort.MaxValue)
            throw new ArgumentException($"The .npy header of shape ({dims}) is too long for format 1.0.");

        var prefix = new byte[prefixLength + headerLength];
        Magic.CopyTo(prefix);
        prefix[6] = 1;
        prefix[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix.AsSpan(8), (ushort)headerLength);
        prefix.AsSpan(prefixLength).Fill((byte)' ');
        Encoding.ASCII.GetBytes(dictionary, prefix.AsSpan(prefixLength));
        prefix[^1] = (byte)'\n';
        return prefix;
    }

    /// <summary>
    /// Reads a C-order file of dtype '&lt;f8' or '&lt;f4' (converted to double) and shape (n, d), or (n,)
    /// read as d = 1. Bytes after the data are ignored, as numpy does.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// Not an .npy file, an unsupported version, dtype or shape, Fortran order, or truncated data.
    /// </exception>
    public static SampleSet Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>As <see cref="Read(string)"/>, from a seekable stream (e.g. an embedded resource); <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">As <see cref="Read(string)"/>.</exception>
    public static SampleSet Read(Stream stream, string path)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = ReadHeader(stream, path);
        long count = header.Rows * header.Columns;
        long dataBytes = count * header.ItemSize;
        long available = stream.Length - stream.Position;
        if (available < dataBytes)
            throw new InvalidDataException(
                $"{path}: truncated .npy data: shape ({header.Rows}, {header.Columns}) of '{header.Dtype}' needs {dataBytes} bytes, but only {available} follow the header.");

        var values = new double[count];
        if (header.ItemSize == sizeof(double))
        {
            stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            var singles = new float[count];
            stream.ReadExactly(MemoryMarshal.AsBytes(singles.AsSpan()));
            for (long i = 0; i < count; i++) values[i] = singles[i];
        }
        return new SampleSet(values, (int)header.Columns);
    }

    private sealed record Header(string Dtype, int ItemSize, long Rows, long Columns);

    private static Header ReadHeader(Stream stream, string path)
    {
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false) < prefix.Length || !prefix[..6].SequenceEqual(Magic))
            throw new InvalidDataException($"{path}: not an .npy file (the magic string \\x93NUMPY is missing).");

        int major = prefix[6];
        if (major is < 1 or > 3)
            throw new InvalidDataException($"{path}: unsupported .npy format version {major}.{prefix[7]} (supported: 1.0, 2.0, 3.0).");
        var header = new byte[ReadHeaderLength(stream, major == 1 ? 2 : 4, path)];
        stream.ReadExactly(header);
        string text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(header);
        return ParseHeader(text, path);
    }

    private static int ReadHeaderLength(Stream stream, int fieldSize, string path)
    {
        Span<byte> lengthBytes = stackalloc byte[fieldSize];
        if (stream.ReadAtLeast(lengthBytes, lengthBytes.Length, throwOnEndOfStream: false) < lengthBytes.Length)
            throw new InvalidDataException($"{path}: truncated .npy header.");
        uint length = lengthBytes.Length == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes)
            : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (length > stream.Length - stream.Position)
            throw new InvalidDataException($"{path}: truncated .npy header: {length} bytes declared, {stream.Length - stream.Position} present.");
        return (int)length;
    }

    private static Header ParseHeader(string text, string path)
    {
        var descr = DescrPattern().Match(text);
        var fortran = FortranOrderPattern().Match(text);
        var shape = ShapePattern().Match(text);
        if (!descr.Success || !fortran.Success || !shape.Success)
            throw new InvalidDataException($"{path}: malformed .npy header (needs 'descr', 'fortran_order' and 'shape'): {text.Trim()}");

        string dtype = descr.Groups[1].Value;
        int itemSize = dtype switch
        {
            "<f8" => sizeof(double),
            "<f4" => sizeof(float),
            _ => throw new InvalidDataException($"{path}: unsupported .npy dtype '{dtype}' (supported: '<f8', '<f4')."),
        };
        if (fortran.Groups[1].Value == "True")
            throw new InvalidDataException($"{path}: Fortran-order .npy arrays are not supported; save a C-order array (numpy.ascontiguousarray).");

        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = new long[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            if (!long.TryParse(dims[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]))
                throw new InvalidDataException($"{path}: malformed .npy shape ({shape.Groups[1].Value}).");
        }
        (long rows, long columns) = sizes.Length switch
        {
            1 => (sizes[0], 1L),
            2 => (sizes[0], sizes[1]),
            _ => throw new InvalidDataException($"{path}: .npy array has {sizes.Length} dimensions; sample files must be 1-D or 2-D."),
        };
        if (columns < 1 || columns > int.MaxValue || rows > Array.MaxLength / columns)
            throw new InvalidDataException($"{path}: .npy shape ({rows}, {columns}) cannot be held as a sample set.");
        return new Header(dtype, itemSize, rows, columns);
    }

    [GeneratedRegex(@"['""]descr['""]\s*:\s*['""]([^'""]*)['""]")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"['""]fortran_order['""]\s*:\s*(True|False)")]
    private static partial Regex FortranOrderPattern();

    [GeneratedRegex(@"['""]shape['""]\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
