using BoltzDrift.Plots;
using BoltzDrift.Tests.IO;

namespace BoltzDrift.Tests.Plots;

public sealed class TrainingLogTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_each_series_and_one_column_per_bandwidth_term()
    {
        var log = TrainingLog.Read(RunPlotsTests.WriteLog(_folder.File("log.csv"), steps: 10, ess: double.NaN));

        Assert.Equal(10, log.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (double)i), log.Steps);
        Assert.Equal(5.0, log.Loss[0], 5);
        Assert.Equal(2, log.Bandwidths.Length);
        Assert.All(log.Bandwidths[0], b => Assert.Equal(0.3, b));
        Assert.All(log.EffectiveSampleSize, e => Assert.True(double.IsNaN(e)));
        Assert.Equal(1e-4, log.LearningRate[^1]);
    }

    [Fact]
    public void A_ragged_row_is_reported_with_its_line()
    {
        string path = RunPlotsTests.WriteLog(_folder.File("log.csv"), steps: 3, ess: 1);
        File.AppendAllText(path, "4,1,2\n");

        var e = Assert.Throws<InvalidDataException>(() => TrainingLog.Read(path));
        Assert.Contains("line 5", e.Message);
    }
}
