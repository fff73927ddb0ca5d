using BoltzDrift.Baselines;

namespace BoltzDrift.Tests.Baselines;

public class DualAveragingTests
{
    [Fact]
    public void Finds_the_step_size_with_the_target_acceptance_and_then_freezes()
    {
        // A smooth, decreasing acceptance curve a(h) = exp(-h): target 0.5 is reached at h = ln 2.
        var adaptation = new DualAveraging(initialStepSize: 0.01, targetAcceptance: 0.5);
        for (int t = 0; t < 2000; t++) adaptation.Update(Math.Exp(-adaptation.StepSize));
        adaptation.Freeze();

        Assert.True(adaptation.IsFrozen);
        Assert.Equal(Math.Log(2), adaptation.StepSize, 0.02);
        Assert.Throws<InvalidOperationException>(() => adaptation.Update(0.5));
    }

    [Fact]
    public void Freezing_without_updates_keeps_the_initial_step_size()
    {
        var adaptation = new DualAveraging(0.3, 0.6);
        adaptation.Freeze();
        Assert.Equal(0.3, adaptation.StepSize, 14);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DualAveraging(0.3, 1.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DualAveraging(0, 0.5));
    }
}
