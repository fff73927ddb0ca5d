using BoltzDrift.IO;
using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.IO;

public sealed class CsvTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Round_trips_values_exactly_with_a_header()
    {
        var samples = new SampleSet([0.1, -0.0, 1.0 / 3, 1e-300, double.MaxValue, -double.Epsilon, Math.PI, -7, 2e22], 3);
        string path = _dir.File("s.csv");
        Csv.Write(path, samples);

        Assert.Equal("x0,x1,x2", File.ReadLines(path).First());
        var read = Csv.Read(path);
        Assert.Equal(3, read.Dimension);
        Assert.Equal(samples.Values.Select(BitConverter.DoubleToInt64Bits), read.Values.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Reads_files_without_header_with_blank_lines_and_crlf()
    {
        string path = _dir.File("s.csv");
        File.WriteAllText(path, "1, 2.5\r\n\r\n-3e-2,4\r\n");
        var read = Csv.Read(path);
        Assert.Equal(2, read.Dimension);
        Assert.Equal([1, 2.5, -0.03, 4], read.Values);
    }

    [Theory]
    [InlineData("x,y\n1,2\n3,4,5\n", "line 3: expected 2 values, found 3")]
    [InlineData("1,2\n3\n", "line 2: expected 2 values, found 1")]
    [InlineData("x,y\n1,2\n3,abc\n", "line 3, column 2: 'abc' is not a number")]
    [InlineData("1,2\n3,\n", "line 2, column 2: '' is not a number")]
    [InlineData("", "no rows")]
    public void Reports_malformed_rows_with_their_line(string content, string message)
    {
        string path = _dir.File("bad.csv");
        File.WriteAllText(path, content);
        Assert.Contains(message, Assert.Throws<InvalidDataException>(() => Csv.Read(path)).Message);
    }
}
