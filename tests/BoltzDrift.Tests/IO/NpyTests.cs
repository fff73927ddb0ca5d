using System.Buffers.Binary;
using System.Text;
using BoltzDrift.IO;
using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.IO;

public sealed class NpyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly SampleSet Awkward = new([0.1, -0.0, 1.0 / 3, 1e-300, double.MaxValue, -double.Epsilon, Math.PI, -7], 2);

    [Fact]
    public void Round_trips_values_bit_for_bit()
    {
        string path = _dir.File("s.npy");
        Npy.Write(path, Awkward);
        var read = Npy.Read(path);
        Assert.Equal(2, read.Dimension);
        Assert.Equal(Awkward.Values.Select(BitConverter.DoubleToInt64Bits), read.Values.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Header_follows_the_format_1_0_layout()
    {
        string path = _dir.File("s.npy");
        Npy.Write(path, Awkward);
        var bytes = File.ReadAllBytes(path);

        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, bytes[..8]);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        Assert.Equal(0, (10 + headerLength) % 64);
        string header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Equal("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 2), }", header.TrimEnd(' ', '\n'));
        Assert.EndsWith(" \n", header);
        Assert.Equal(10 + headerLength + 8 * 8, bytes.Length);
        Assert.Equal(0.1, BitConverter.ToDouble(bytes, 10 + headerLength));
    }

    [Fact]
    public void Reads_float32_one_dimensional_and_version_2_files()
    {
        string f4 = _dir.File("f4.npy");
        File.WriteAllBytes(f4, NpyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", Singles(1.5f, -2, 0.25f, 3)));
        var read = Npy.Read(f4);
        Assert.Equal((2, 2), (read.Count, read.Dimension));
        Assert.Equal([1.5, -2, 0.25, 3], read.Values);

        string oneD = _dir.File("v2.npy");
        File.WriteAllBytes(oneD, NpyFile("{\"descr\":\"<f8\",\"fortran_order\":False,\"shape\":(3,)}", Doubles(1, 2, 3), major: 2));
        read = Npy.Read(oneD);
        Assert.Equal((3, 1), (read.Count, read.Dimension));
        Assert.Equal([1.0, 2, 3], read.Values);
    }

    [Theory]
    [InlineData("{'descr': '>f8', 'fortran_order': False, 'shape': (1, 2), }", "unsupported .npy dtype '>f8'")]
    [InlineData("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 2), }", "unsupported .npy dtype '<i8'")]
    [InlineData("{'descr': '<f8', 'fortran_order': True, 'shape': (1, 2), }", "Fortran-order")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }", "truncated .npy data")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 2), }", "3 dimensions")]
    [InlineData("{'descr': '<f8', 'shape': (1, 2), }", "malformed .npy header")]
    public void Rejects_unsupported_or_broken_headers(string header, string message)
    {
        string path = _dir.File("bad.npy");
        File.WriteAllBytes(path, NpyFile(header, Doubles(1, 2)));
        var error = Assert.Throws<InvalidDataException>(() => Npy.Read(path));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Rejects_a_bad_magic_string()
    {
        string path = _dir.File("bad.npy");
        File.WriteAllText(path, "x0,x1\n1,2\n");
        Assert.Contains("not an .npy file", Assert.Throws<InvalidDataException>(() => Npy.Read(path)).Message);
    }

    [Fact]
    public void Overwrites_atomically_without_leaving_temporary_files()
    {
        string path = _dir.File("s.npy");
        Npy.Write(path, Awkward);
        Npy.Write(path, new SampleSet([5, 6, 7], 1));
        Assert.Equal([5.0, 6, 7], Npy.Read(path).Values);
        Assert.Equal([path], Directory.GetFiles(_dir.Path));
    }

    private static byte[] NpyFile(string header, byte[] data, int major = 1)
    {
        var text = Encoding.ASCII.GetBytes(header + "\n");
        var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        var length = new byte[major == 1 ? 2 : 4];
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)text.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)text.Length);
        stream.Write(length);
        stream.Write(text);
        stream.Write(data);
        return stream.ToArray();
    }

    private static byte[] Doubles(params double[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    private static byte[] Singles(params float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();
}
