using BoltzDrift.Numerics;

namespace BoltzDrift.Tests.Numerics;

public class SelectionTests
{
    /// <summary>Against a full sort, bit for bit: odd and even counts, many ties, NaN and infinities, sorted and reversed input.</summary>
    [Fact]
    public void Median_and_every_order_statistic_are_the_values_a_sort_puts_there()
    {
        var rng = new Rng(41);
        foreach (int n in new[] { 1, 2, 3, 4, 7, 16, 33, 100, 1024, 1025 })
            foreach (string kind in new[] { "uniform", "ties", "special", "sorted", "reversed" })
            {
                var values = new float[n];
                for (int i = 0; i < n; i++)
                    values[i] = kind switch
                    {
                        "ties" => (float)Math.Floor(4 * rng.NextDouble()),
                        "sorted" => i,
                        "reversed" => n - i,
                        _ => (float)rng.NextDouble(),
                    };
                if (kind == "special" && n > 3) { values[0] = float.NaN; values[n / 2] = float.PositiveInfinity; values[n - 1] = float.NegativeInfinity; }
                var sorted = (float[])values.Clone();
                Array.Sort(sorted);
                double expected = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
                Assert.Equal(expected, Selection.Median((float[])values.Clone()));
                foreach (int k in new[] { 0, n / 3, n / 2, n - 1 })
                {
                    var copy = (float[])values.Clone();
                    Assert.Equal(sorted[k], Selection.Smallest(copy, k));
                    for (int i = 0; i < n; i++)
                        Assert.True(i < k ? copy[i].CompareTo(copy[k]) <= 0 : copy[i].CompareTo(copy[k]) >= 0, $"{kind}, n = {n}, k = {k}: value {i} on the wrong side");
                }
            }
    }

    [Fact]
    public void A_position_outside_the_values_is_an_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Selection.Smallest(new float[3], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Selection.Smallest(new float[3], -1));
    }
}
