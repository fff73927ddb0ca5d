using BoltzDrift.Sampling;

namespace BoltzDrift.Tests.Metrics;

public class SampleSetTests
{
    private static readonly SampleSet Five = new([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5], 2);

    [Fact]
    public void Rows_copies_the_points_from_start_on_and_stops_at_the_end()
    {
        Assert.Equal([1, 1.5, 2, 2.5], Five.Rows(1, 2).Values);
        Assert.Equal([3, 3.5, 4, 4.5], Five.Rows(3, 10).Values);
        Assert.Equal(0, Five.Rows(5, 1).Count);
        Assert.Equal(Five.Rows(0, 3).Values, Five.Take(3).Values);
    }

    [Fact]
    public void Rows_rejects_a_start_outside_the_set()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Five.Rows(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Five.Rows(6, 1));
    }
}
