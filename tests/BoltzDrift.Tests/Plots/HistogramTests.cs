using BoltzDrift.Plots;

namespace BoltzDrift.Tests.Plots;

public class HistogramTests
{
    [Fact]
    public void Density_integrates_to_the_fraction_of_values_on_the_axis()
    {
        double[] values = [0.1, 0.2, 0.6, 0.9, 5, double.NaN];
        var histogram = DensityHistogram.Of(values, new ViewRange(0, 1), bins: 4);

        Assert.Equal(2, histogram.Outside);
        Assert.Equal(4.0 / 6, histogram.Density.Sum() * histogram.BinWidth, 12);
        Assert.Equal([0.125, 0.375, 0.625, 0.875], histogram.Centers);
    }

    [Fact]
    public void View_range_ignores_stray_points_and_pads_the_bulk()
    {
        var values = Enumerable.Range(0, 10_000).Select(i => i / 10_000.0).Append(1e6).ToArray();
        var range = ViewRange.Of([values], tail: 0.001, padding: 0.1);

        Assert.InRange(range.Min, -0.11, -0.09);
        Assert.InRange(range.Max, 1.08, 1.11);
    }

    [Fact]
    public void A_constant_set_still_gets_an_interval()
    {
        var range = ViewRange.Of([[2.0, 2.0, 2.0]]);
        Assert.True(range.Min < 2 && range.Max > 2);
    }
}
