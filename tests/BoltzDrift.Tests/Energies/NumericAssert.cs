namespace BoltzDrift.Tests.Energies;

/// <summary>Assertions on floating-point values with an explicit absolute tolerance.</summary>
internal static class NumericAssert
{
    public static void Close(double expected, double actual, double tolerance, string? what = null) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance,
            $"{what}{(what is null ? "" : ": ")}expected {expected}, got {actual}, difference {Math.Abs(expected - actual):g3} > tolerance {tolerance:g3}");
}
