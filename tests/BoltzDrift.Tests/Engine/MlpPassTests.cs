using BoltzDrift.Engine;
using BoltzDrift.Numerics;
using BoltzDrift.Tests.Energies;

namespace BoltzDrift.Tests.Engine;

/// <summary>
/// Forward and back-propagation of <see cref="MlpPass"/> against an independent double-precision evaluation of the
/// same network: the forward values directly, the parameter gradient of L = Σ G ⊙ f(ε) by central differences.
/// </summary>
public class MlpPassTests
{
    private const double U = 1.0 / (1 << 24);

    /// <summary>(noise dim, width, hidden layers, output dim) × activation.</summary>
    public static TheoryData<int, int, int, int, ActivationKind> Networks
    {
        get
        {
            var data = new TheoryData<int, int, int, int, ActivationKind>();
            foreach (var kind in Enum.GetValues<ActivationKind>())
            {
                data.Add(2, 5, 2, 2, kind);
                data.Add(3, 4, 1, 3, kind);
            }
            data.Add(1, 6, 0, 2, ActivationKind.SiLU);  // no hidden layer: an affine map
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Forward_matches_a_double_precision_evaluation(int noiseDim, int width, int hidden, int outDim, ActivationKind kind)
    {
        var (net, noise, _) = Setup(noiseDim, width, hidden, outDim, kind, batch: 7);
        var pass = new MlpPass(net, capacity: 10);
        float[] output = pass.Forward(noise, 7).ToArray();
        double[] exact = ReferenceForward(net.Shape, net.Parameters.Select(p => (double)p).ToArray(), noise, 7, out _);
        Assert.Equal(7 * outDim, output.Length);
        double scale = Math.Max(1, exact.Max(Math.Abs));
        for (int i = 0; i < exact.Length; i++)
            // A few dozen float32 roundings per output (dot products of length <= width, layer after layer).
            NumericAssert.Close(exact[i], output[i], 64 * (hidden + 1) * width * U * scale, $"output {i}");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Backward_matches_central_differences_for_every_parameter(int noiseDim, int width, int hidden, int outDim, ActivationKind kind)
    {
        const int batch = 7;
        var (net, noise, outputGradient) = Setup(noiseDim, width, hidden, outDim, kind, batch);
        var pass = new MlpPass(net, capacity: 10);
        pass.Forward(noise, batch);
        float[] gradient = Enumerable.Repeat(float.NaN, net.Parameters.Length).ToArray();  // must be overwritten
        pass.Backward(outputGradient, gradient);

        double[] theta = net.Parameters.Select(p => (double)p).ToArray();
        ReferenceForward(net.Shape, theta, noise, batch, out double nearestKink);
        const double h = 1e-6;
        // ReLU is differentiable only away from its kink: no pre-activation may lie within the differencing step.
        Assert.True(nearestKink > 100 * h * (1 + theta.Max(Math.Abs)), $"a pre-activation lies {nearestKink} from 0; pick another seed");

        var numeric = new double[theta.Length];
        for (int j = 0; j < theta.Length; j++)
        {
            double saved = theta[j];
            theta[j] = saved + h;
            double up = Loss(net.Shape, theta, noise, outputGradient, batch);
            theta[j] = saved - h;
            double down = Loss(net.Shape, theta, noise, outputGradient, batch);
            theta[j] = saved;
            numeric[j] = (up - down) / (2 * h);  // double precision: accurate to ~1e-9
        }
        // float32 back-propagation has relative error of a few dozen u; √u ≈ 2.4e-4 of the gradient's scale leaves a
        // wide margin for that, while a wrong term (missing activation derivative, transposed weight, bias slot)
        // is off by O(1) of the scale.
        double scale = Math.Max(1e-3, numeric.Max(Math.Abs));
        double tolerance = Math.Sqrt(U) * scale;
        for (int j = 0; j < theta.Length; j++)
            NumericAssert.Close(numeric[j], gradient[j], tolerance, $"{kind}: dL/dθ[{j}] of {theta.Length}");
    }

    [Fact]
    public void Backward_needs_a_forward_pass_and_a_gradient_of_the_right_size()
    {
        var (net, noise, outputGradient) = Setup(2, 5, 2, 2, ActivationKind.SiLU, batch: 3);
        var pass = new MlpPass(net, capacity: 3);
        Assert.Throws<InvalidOperationException>(() => pass.Backward(outputGradient, new float[net.Parameters.Length]));
        pass.Forward(noise, 3);
        var error = Assert.Throws<ArgumentException>(() => pass.Backward(outputGradient, new float[net.Parameters.Length + 1]));
        Assert.Contains(net.Parameters.Length.ToString(), error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => pass.Forward(noise, 4));
    }

    [Theory]
    [InlineData(ActivationKind.SiLU)]
    [InlineData(ActivationKind.Tanh)]
    [InlineData(ActivationKind.ReLU)]
    public void A_forward_only_pass_gives_bitwise_the_training_forward_and_refuses_backward(ActivationKind kind)
    {
        var (net, noise, outputGradient) = Setup(3, 70, 3, 2, kind, batch: 150);
        float[] training = new MlpPass(net, 150).Forward(noise, 150).ToArray();
        var forwardOnly = new MlpPass(net, 150, new Parallelism(2), forwardOnly: true);
        Assert.Equal(training.Select(BitConverter.SingleToInt32Bits), forwardOnly.Forward(noise, 150).ToArray().Select(BitConverter.SingleToInt32Bits));
        Assert.Throws<InvalidOperationException>(() => forwardOnly.Backward(outputGradient, new float[net.Parameters.Length]));
    }

    [Fact]
    public void A_smaller_batch_gives_the_same_rows_as_the_full_one()
    {
        var (net, noise, _) = Setup(3, 8, 2, 2, ActivationKind.Tanh, batch: 9);
        var pass = new MlpPass(net, capacity: 9);
        float[] full = pass.Forward(noise, 9).ToArray();
        float[] part = pass.Forward(noise, 4).ToArray();
        Assert.Equal(full[..(4 * 2)], part);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Passes_are_bitwise_identical_for_any_thread_count(int threads)
    {
        // Batch and width above the 64-row chunk of the kernels, so the work really is split.
        var (net, noise, outputGradient) = Setup(4, 70, 2, 2, ActivationKind.SiLU, batch: 150);
        float[] Run(Parallelism p, out float[] output)
        {
            var pass = new MlpPass(net, 150, p);
            output = pass.Forward(noise, 150).ToArray();
            var gradient = new float[net.Parameters.Length];
            pass.Backward(outputGradient, gradient);
            return gradient;
        }
        float[] serialGradient = Run(Parallelism.Serial, out float[] serialOutput);
        float[] parallelGradient = Run(new Parallelism(threads), out float[] parallelOutput);
        Assert.Equal(serialOutput.Select(BitConverter.SingleToInt32Bits), parallelOutput.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(serialGradient.Select(BitConverter.SingleToInt32Bits), parallelGradient.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Shape_counts_weights_then_biases_layer_by_layer()
    {
        var shape = new MlpShape(2, 3, 5, 2);
        Assert.Equal(3, shape.Layers);
        Assert.Equal([0, 3 * 5, 3 * 5 + 6 * 5, 3 * 5 + 6 * 5 + 6 * 3], Enumerable.Range(0, 4).Select(shape.WeightOffset));
        Assert.Equal(3 * 5 + 6 * 5 + 6 * 3, shape.ParameterCount);
        Assert.Throws<ArgumentException>(() => new Mlp(shape, new float[shape.ParameterCount - 1]));
        Assert.Throws<ArgumentException>(() => new MlpShape(0, 3, 5, 2).Validate());
        Assert.Throws<ArgumentException>(() => new MlpShape(2, 3, 5, -1).Validate());
    }

    [Fact]
    public void Initialization_is_seeded_with_zero_biases()
    {
        var shape = new MlpShape(2, 2, 16, 2);
        Assert.Equal(Mlp.Initialize(shape, 5).Parameters, Mlp.Initialize(shape, 5).Parameters);
        Assert.NotEqual(Mlp.Initialize(shape, 5).Parameters, Mlp.Initialize(shape, 6).Parameters);
        var p = Mlp.Initialize(shape, 5).Parameters;
        for (int l = 0; l < shape.Layers; l++)
        {
            int biases = shape.WeightOffset(l) + shape.InputsOf(l) * shape.OutputsOf(l);
            Assert.All(p[biases..(biases + shape.OutputsOf(l))], b => Assert.Equal(0f, b));
        }
    }

    [Fact]
    public void Output_scale_stretches_the_untrained_generator_exactly()
    {
        // Zero output biases: scaling the last layer's weights scales every output by the same factor.
        var shape = new MlpShape(4, 2, 16, 2);
        var noise = new float[50 * 4];
        new Rng(3).FillGaussian(noise);
        float[] narrow = new MlpPass(Mlp.Initialize(shape, 7), 50).Forward(noise, 50).ToArray();
        float[] wide = new MlpPass(Mlp.Initialize(shape, 7, outputScale: 4), 50).Forward(noise, 50).ToArray();
        for (int i = 0; i < narrow.Length; i++) Assert.Equal(4 * narrow[i], wide[i], 4 * Math.Abs(narrow[i]) * 1e-6f);
    }

    /// <summary>A network with random weights and biases (std 0.7), noise and an output gradient G.</summary>
    internal static (Mlp Net, float[] Noise, float[] OutputGradient) Setup(int noiseDim, int width, int hidden, int outDim, ActivationKind kind, int batch)
    {
        var shape = new MlpShape(noiseDim, outDim, width, hidden, kind);
        var rng = new Rng(2024, (ulong)(noiseDim * 1000 + width * 10 + hidden));
        var parameters = new float[shape.ParameterCount];
        rng.FillGaussian(parameters);
        for (int i = 0; i < parameters.Length; i++) parameters[i] *= 0.7f;
        var noise = new float[batch * noiseDim];
        rng.FillGaussian(noise);
        var outputGradient = new float[batch * outDim];
        rng.FillGaussian(outputGradient);
        return (new Mlp(shape, parameters), noise, outputGradient);
    }

    private static double Loss(MlpShape shape, double[] theta, float[] noise, float[] outputGradient, int batch)
    {
        double[] output = ReferenceForward(shape, theta, noise, batch, out _);
        double loss = 0;
        for (int i = 0; i < output.Length; i++) loss += outputGradient[i] * output[i];
        return loss;
    }

    /// <summary>
    /// The network in double precision, written from its documented layout: layer l has an inputs×outputs row-major
    /// weight matrix at <see cref="MlpShape.WeightOffset"/>, then its biases; hidden layers apply the activation.
    /// Also returns the smallest |pre-activation| of the hidden layers.
    /// </summary>
    internal static double[] ReferenceForward(MlpShape shape, double[] theta, float[] noise, int batch, out double nearestKink)
    {
        double[] h = noise[..(batch * shape.NoiseDimension)].Select(x => (double)x).ToArray();
        nearestKink = double.PositiveInfinity;
        for (int l = 0; l < shape.Layers; l++)
        {
            int fin = shape.InputsOf(l), fout = shape.OutputsOf(l), w = shape.WeightOffset(l);
            var z = new double[batch * fout];
            for (int i = 0; i < batch; i++)
                for (int o = 0; o < fout; o++)
                {
                    double sum = theta[w + fin * fout + o];
                    for (int p = 0; p < fin; p++) sum += h[i * fin + p] * theta[w + p * fout + o];
                    z[i * fout + o] = sum;
                }
            if (l < shape.HiddenLayers)
                for (int i = 0; i < z.Length; i++)
                {
                    nearestKink = Math.Min(nearestKink, Math.Abs(z[i]));
                    z[i] = ActivationTests.Reference(shape.Activation, z[i]).Value;
                }
            h = z;
        }
        return h;
    }
}
