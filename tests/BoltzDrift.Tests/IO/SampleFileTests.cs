using BoltzDrift.IO;
using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.IO;

public sealed class SampleFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("s.npy", (byte)0x93)]
    [InlineData("s.NPY", (byte)0x93)]
    [InlineData("s.csv", (byte)'x')]
    public void Chooses_the_format_by_extension(string name, byte firstByte)
    {
        var samples = new SampleSet([1, 2, 3, 4], 2);
        string path = _dir.File(name);
        SampleFile.Write(path, samples);
        Assert.Equal(firstByte, File.ReadAllBytes(path)[0]);
        Assert.Equal(samples.Values, SampleFile.Read(path).Values);
    }

    [Fact]
    public void Rejects_other_extensions_naming_the_supported_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => SampleFile.Write(_dir.File("s.txt"), new SampleSet([1], 1)));
        Assert.Contains("'.txt'", error.Message);
        Assert.Contains(".npy, .csv", error.Message);
        Assert.Throws<ArgumentException>(() => SampleFile.Read(_dir.File("s")));
    }
}
