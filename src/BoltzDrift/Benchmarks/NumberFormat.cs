using System.Globalization;

namespace BoltzDrift.Benchmarks;

/// <summary>How benchmark figures are written in tables: three significant digits, large counts as 2.44e8.</summary>
public static class NumberFormat
{
    /// <summary>
    /// Three significant digits: 0.0123, 4.56, 35000; magnitudes from 100,000 up and below 0.001 in the short
    /// exponent form 2.44e8, 9.21e-5.
    /// </summary>
    public static string Compact(double value)
    {
        var c = CultureInfo.InvariantCulture;
        if (double.IsNaN(value)) return "n/a";
        if (double.IsPositiveInfinity(value)) return "∞";
        if (double.IsNegativeInfinity(value)) return "-∞";
        if (value == 0) return "0";
        double magnitude = Math.Abs(value);
        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        if (magnitude >= 1e5 || magnitude < 1e-3)
        {
            double mantissa = Math.Round(value / Math.Pow(10, exponent), 2);
            if (Math.Abs(mantissa) >= 10) { mantissa /= 10; exponent++; }
            return mantissa.ToString("0.##", c) + "e" + exponent.ToString(c);
        }
        if (magnitude >= 1000) return (Math.Round(value / Math.Pow(10, exponent - 2)) * Math.Pow(10, exponent - 2)).ToString("F0", c);
        return value.ToString("G3", c);
    }

    /// <summary>"mean ± std"; just the mean when the values do not vary (or there is one); "n/a" when there is none.</summary>
    public static string Compact(MeanStd? value) => value switch
    {
        null => "n/a",
        { } v when v.Count == 1 || v.Std == 0 || double.IsNaN(v.Std) || double.IsInfinity(v.Mean) => Compact(v.Mean),
        { } v => Compact(v.Mean) + " ± " + Compact(v.Std),
    };
}
