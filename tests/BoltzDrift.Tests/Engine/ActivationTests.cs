using BoltzDrift.Engine;
using BoltzDrift.Tests.Energies;

namespace BoltzDrift.Tests.Engine;

public class ActivationTests
{
    private const double U = 1.0 / (1 << 24);

    public static TheoryData<ActivationKind> Kinds => new(Enum.GetValues<ActivationKind>());

    /// <summary>Pre-activations from -8 to 8 on an irregular grid (0 itself excluded: ReLU has no derivative there).</summary>
    private static readonly float[] Z = Enumerable.Range(0, 44).Select(i => -8f + 0.371f * i).Append(-1e-3f).Append(2e-3f).ToArray();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Values_and_derivatives_match_the_closed_forms(ActivationKind kind)
    {
        var (a, d) = Forward(kind, Z);
        for (int i = 0; i < Z.Length; i++)
        {
            var (value, derivative) = Reference(kind, Z[i]);
            // A few float32 operations per entry: a handful of roundings at unit scale. (Not relative to the value:
            // TensorPrimitives.Tanh has an absolute, not relative, error of about u near 0, which is harmless here.)
            NumericAssert.Close(value, a[i], 8 * U * Math.Max(Math.Abs(value), 1), $"{kind}({Z[i]})");
            NumericAssert.Close(derivative, d[i], 8 * U * (1 + Math.Abs(Z[i])), $"{kind}'({Z[i]})");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Derivative_matches_central_differences_of_the_forward_pass(ActivationKind kind)
    {
        const float h = 1e-2f;
        // Bound on |act'''|: tanh''' peaks at 2 (at 0), silu''' at about 0.308; ReLU is linear away from 0.
        double thirdDerivative = kind switch { ActivationKind.Tanh => 2, ActivationKind.SiLU => 0.31, _ => 0 };
        var points = Z.Where(z => Math.Abs(z) > 2 * h).ToArray();
        var (_, d) = Forward(kind, points);
        var (plus, _) = Forward(kind, points.Select(z => z + h).ToArray());
        var (minus, _) = Forward(kind, points.Select(z => z - h).ToArray());
        for (int i = 0; i < points.Length; i++)
        {
            double step = (double)(points[i] + h) - (points[i] - h);  // the float arguments actually used
            double difference = ((double)plus[i] - minus[i]) / step;
            // Truncation h²/6·max|f'''| plus the forward pass's roundoff (a few ulp of |a|) amplified by 1/(2h).
            double tolerance = h * h / 6 * thirdDerivative + 2 * 8 * U * Math.Max(Math.Abs(plus[i]), Math.Abs(minus[i])) / step + 8 * U;
            NumericAssert.Close(difference, d[i], tolerance, $"{kind}'({points[i]})");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Forward_may_write_the_activation_over_its_input(ActivationKind kind)
    {
        // MlpPass applies the activation in place (a aliases z).
        var (a, d) = Forward(kind, Z);
        float[] inPlace = (float[])Z.Clone();
        float[] derivative = new float[Z.Length];
        Activation.Forward(kind, inPlace, inPlace, derivative);
        Assert.Equal(a, inPlace);
        Assert.Equal(d, derivative);
    }

    [Fact]
    public void Unknown_kind_is_rejected()
    {
        float[] z = [1f];
        Assert.Throws<ArgumentOutOfRangeException>(() => Activation.Forward((ActivationKind)99, z, new float[1], new float[1]));
    }

    private static (float[] A, float[] D) Forward(ActivationKind kind, float[] z)
    {
        float[] a = new float[z.Length], d = new float[z.Length];
        Activation.Forward(kind, z, a, d);
        return (a, d);
    }

    internal static (double Value, double Derivative) Reference(ActivationKind kind, double z)
    {
        switch (kind)
        {
            case ActivationKind.SiLU:
                double s = 1 / (1 + Math.Exp(-z));
                return (z * s, s * (1 + z * (1 - s)));
            case ActivationKind.Tanh:
                double t = Math.Tanh(z);
                return (t, 1 - t * t);
            case ActivationKind.ReLU:
                return (Math.Max(z, 0), z > 0 ? 1 : 0);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
