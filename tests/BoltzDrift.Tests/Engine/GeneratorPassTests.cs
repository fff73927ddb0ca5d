using BoltzDrift.Energies.Particles;
using BoltzDrift.Engine;
using BoltzDrift.Sampling;
using BoltzDrift.Tests.Energies;

namespace BoltzDrift.Tests.Engine;

/// <summary>
/// The generator x = P f(ε) with the zero-centre-of-mass projection P: its outputs, and the parameter gradient of
/// L = Σ G ⊙ P f(ε) against central differences of an independent double-precision evaluation.
/// </summary>
public class GeneratorPassTests
{
    private const double U = 1.0 / (1 << 24);
    private const int Batch = 6;

    [Theory]
    [InlineData(4, 2)]
    [InlineData(3, 3)]
    public void Outputs_are_the_networks_with_the_centre_of_mass_removed(int particles, int spatial)
    {
        var layout = new ParticleLayout(particles, spatial);
        var (net, noise, _) = MlpPassTests.Setup(3, 6, 2, layout.Dimension, ActivationKind.SiLU, Batch);
        float[] raw = new MlpPass(net, Batch).Forward(noise, Batch).ToArray();
        float[] centred = new GeneratorPass(net, Batch, layout).Forward(noise, Batch).ToArray();
        float[] expected = (float[])raw.Clone();
        CentreOfMass.RemoveInPlace<float>(expected, layout);
        Assert.Equal(expected, centred);
        Assert.NotEqual(raw, centred);
        Assert.Equal(raw, new GeneratorPass(net, Batch, centredParticles: null).Forward(noise, Batch).ToArray());
    }

    [Theory]
    [InlineData(4, 2)]
    [InlineData(3, 3)]
    public void Backward_through_the_projection_matches_central_differences(int particles, int spatial)
    {
        var layout = new ParticleLayout(particles, spatial);
        var (net, noise, outputGradient) = MlpPassTests.Setup(3, 6, 2, layout.Dimension, ActivationKind.SiLU, Batch);
        var pass = new GeneratorPass(net, Batch, layout);
        pass.Forward(noise, Batch);
        float[] gradient = Enumerable.Repeat(float.NaN, net.Parameters.Length).ToArray();  // must be overwritten
        pass.Backward(outputGradient, gradient);

        double Loss(double[] theta)
        {
            double[] x = MlpPassTests.ReferenceForward(net.Shape, theta, noise, Batch, out _);
            CentreOfMass.RemoveInPlace<double>(x, layout);
            return x.Select((value, i) => outputGradient[i] * value).Sum();
        }
        double[] theta = net.Parameters.Select(p => (double)p).ToArray();
        double[] numeric = Enumerable.Range(0, theta.Length).Select(j => FiniteDifferences.CentralDifference(Loss, theta, j)).ToArray();
        // As in MlpPassTests: float32 back-propagation is good to a few dozen u, a wrong term is off by O(1) of the scale.
        double scale = Math.Max(1e-3, numeric.Max(Math.Abs));
        double tolerance = Math.Sqrt(U) * scale;
        for (int j = 0; j < theta.Length; j++)
            NumericAssert.Close(numeric[j], gradient[j], tolerance, $"dL/dθ[{j}] of {theta.Length}");

        // The check has teeth: back-propagating G without projecting it gives a gradient far outside the tolerance.
        var unprojected = new float[net.Parameters.Length];
        var plain = new MlpPass(net, Batch);
        plain.Forward(noise, Batch);
        plain.Backward(outputGradient, unprojected);
        Assert.True(numeric.Zip(unprojected, (n, g) => Math.Abs(n - g)).Max() > 100 * tolerance);
    }

    [Fact]
    public void A_layout_that_does_not_fit_the_network_is_rejected()
    {
        var (net, _, _) = MlpPassTests.Setup(3, 6, 1, 8, ActivationKind.SiLU, Batch);
        var error = Assert.Throws<ArgumentException>(() => new GeneratorPass(net, Batch, new ParticleLayout(13, 3)));
        Assert.Contains("needs points of dimension 39; the network produces dimension 8", error.Message);
        Assert.Throws<ArgumentException>(() => new Generator(net, centredParticles: new ParticleLayout(3, 2)));
    }
}
