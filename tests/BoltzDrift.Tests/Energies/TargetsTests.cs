using BoltzDrift.Energies;

namespace BoltzDrift.Tests.Energies;

public class TargetsTests
{
    [Theory]
    [InlineData("gmm4", "gmm4")]
    [InlineData("GMM4", "gmm4")]
    [InlineData("Double-Well", "double-well")]
    [InlineData("BANANA", "banana")]
    public void Get_IgnoresCase(string requested, string expected) =>
        Assert.Equal(expected, Targets.Get(requested).Name);

    [Fact]
    public void Get_UnknownName_ThrowsListingKnownNames()
    {
        var error = Assert.Throws<ArgumentException>(() => Targets.Get("foo"));
        Assert.StartsWith("Unknown target 'foo'. Known targets: gmm4, double-well, banana", error.Message);
        foreach (string name in Targets.Names) Assert.Contains(name, error.Message);
    }

    [Fact]
    public void TryGet_ReportsUnknownNames()
    {
        Assert.False(Targets.TryGet("manywell-999", out var missing));
        Assert.Null(missing);
        Assert.True(Targets.TryGet("Banana", out var banana));
        Assert.Same(Targets.Get("banana"), banana);
    }

    [Fact]
    public void All_HaveUniqueNamesDescriptionsAndConsistentExactKnowledge()
    {
        Assert.Equal(Targets.All.Count, Targets.Names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var target in Targets.All)
        {
            int d = target.Dimension;
            Assert.False(string.IsNullOrWhiteSpace(target.Description));
            // Only particle systems (dw4, lj13) lack exact knowledge; their references come from MCMC.
            if (target.ExactSampler is null)
            {
                Assert.NotNull(target.Particles);
                continue;
            }
            Assert.Equal(d, target.Mean!.Length);
            Assert.Equal(d * d, target.Covariance!.Length);
            for (int j = 0; j < d; j++)
                for (int l = 0; l < d; l++)
                    Assert.Equal(target.Covariance[j * d + l], target.Covariance[l * d + j]);
        }
    }

    /// <summary>The exact values stated in docs/targets.md.</summary>
    [Fact]
    public void ReferenceValues_MatchTargetDefinitions()
    {
        var gmm4 = Targets.Get("gmm4");
        Assert.Equal([0, 0], gmm4.Mean!);
        Assert.Equal([4.25, 0, 0, 4.25], gmm4.Covariance!);
        Assert.Equal(0, gmm4.LogZ);

        var banana = Targets.Get("banana");
        Assert.Equal([0, 0], banana.Mean!);
        Assert.Equal([2.25, 0, 0, 2.78125], banana.Covariance!);
        Assert.Equal(Math.Log(2 * Math.PI * 1.5 * 0.5), banana.LogZ!.Value, 12);

        var doubleWell = Targets.Get("double-well");
        NumericAssert.Close(0.844307, doubleWell.Statistics[0].Exact, 2e-6);
        NumericAssert.Close(1.187961, doubleWell.Mean![0], 2e-6);
        Assert.Equal([1.548555, 0, 0, 1], doubleWell.Covariance!.Select(c => Math.Round(c, 6)));
        NumericAssert.Close(10.293480, doubleWell.LogZ!.Value, 2e-6);
    }
}
