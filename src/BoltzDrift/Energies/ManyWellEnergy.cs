using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BoltzDrift.Energies.Expressions;
using BoltzDrift.Energies.Modes;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;

namespace BoltzDrift.Energies;

/// <summary>
/// Many-well (FAB, Midgley et al.; Sendera et al.): P independent copies of the <see cref="DoubleWellEnergy"/>
/// on the pairs (x_{2i}, x_{2i+1}), so d = 2P and there are 2^P modes. Every exact quantity factorises over
/// pairs: samples, moments and log Z come from the double well's tabulated x1 marginal.
/// </summary>
public sealed class ManyWellEnergy : Energy, IExactDistribution
{
    /// <summary>Creates P = <paramref name="pairs"/> double wells (manywell32 is P = 16).</summary>
    public ManyWellEnergy(int pairs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pairs, 1);
        Pairs = pairs;
    }

    /// <summary>Number of double-well pairs P.</summary>
    public int Pairs { get; }

    /// <inheritdoc/>
    public override int Dimension => 2 * Pairs;

    /// <inheritdoc/>
    public override bool HasGradient => true;

    /// <inheritdoc/>
    public override bool HasHessian => true;

    /// <summary>P times the double well's log Z (164.695675 for P = 16).</summary>
    public double LogNormalizer => Pairs * new DoubleWellEnergy().LogNormalizer;

    /// <inheritdoc/>
    public override double Evaluate(ReadOnlySpan<double> point)
    {
        double energy = 0;
        for (int i = 0; i < Pairs; i++)
        {
            double x2 = point[2 * i + 1];
            energy += DoubleWellEnergy.X1Energy(point[2 * i]) + 0.5 * x2 * x2;
        }
        return energy;
    }

    /// <summary>
    /// Batched float32 energies. When d is a multiple of 8 each row is summed in 256-bit registers: even
    /// lanes hold x1's of pairs and odd lanes x2's, so one blend picks each lane's term.
    /// </summary>
    public override void Evaluate(ReadOnlySpan<float> points, Span<float> energies)
    {
        CheckShape(points.Length, energies.Length);
        int d = Dimension;
        if (Vector256.IsHardwareAccelerated && d % Vector256<float>.Count == 0)
        {
            for (int i = 0; i < energies.Length; i++) energies[i] = RowEnergyVector(points.Slice(i * d, d));
            return;
        }
        for (int i = 0; i < energies.Length; i++)
        {
            var row = points.Slice(i * d, d);
            float energy = 0;
            for (int p = 0; p < Pairs; p++) energy += DoubleWellEnergy.X1Energy(row[2 * p]) + 0.5f * row[2 * p + 1] * row[2 * p + 1];
            energies[i] = energy;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float RowEnergyVector(ReadOnlySpan<float> row)
    {
        var evenLanes = Vector256.Create(-1, 0, -1, 0, -1, 0, -1, 0).AsSingle();
        var six = Vector256.Create(6f);
        var half = Vector256.Create(0.5f);
        var sum = Vector256<float>.Zero;
        ref float start = ref MemoryMarshal.GetReference(row);
        for (int k = 0; k < row.Length; k += Vector256<float>.Count)
        {
            var x = Vector256.LoadUnsafe(ref start, (nuint)k);
            var square = x * x;
            var well = square * (square - six) - half * x;
            sum += Vector256.ConditionalSelect(evenLanes, well, half * square);
        }
        return Vector256.Sum(sum);
    }

    /// <summary>
    /// Every coordinate is a term of its own (x1 in its double well, x2 a standard normal), so any block separates:
    /// its part is the sum of its coordinates' terms, as an energy expression.
    /// </summary>
    protected override Energy? BlockEnergyCore(IReadOnlyList<int> block) =>
        EnergyExpression.Parse(string.Join(" + ", block.Select((k, j) => k % 2 == 0
            ? $"x[{j}]^4 - 6*x[{j}]^2 - 0.5*x[{j}]"
            : $"0.5*x[{j}]^2")), block.Count);

    /// <inheritdoc/>
    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        for (int i = 0; i < Pairs; i++)
        {
            double x1 = point[2 * i];
            gradient[2 * i] = 4 * x1 * x1 * x1 - 12 * x1 - 0.5;
            gradient[2 * i + 1] = point[2 * i + 1];
        }
        return Evaluate(point);
    }

    /// <summary>Diagonal: 12 x1² - 12 for each x1, 1 for each x2.</summary>
    public override void Hessian(ReadOnlySpan<double> point, Span<double> hessian)
    {
        int d = Dimension;
        hessian[..(d * d)].Clear();
        for (int i = 0; i < Pairs; i++)
        {
            hessian[(2 * i) * d + 2 * i] = 12 * point[2 * i] * point[2 * i] - 12;
            hessian[(2 * i + 1) * d + 2 * i + 1] = 1;
        }
    }

    /// <summary>Each pair as <see cref="DoubleWellEnergy.Sample"/>: x1 by inverse CDF, x2 ~ N(0, 1).</summary>
    public SampleSet Sample(int count, ref Rng rng)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var x1 = DoubleWellEnergy.X1Marginal;
        int d = Dimension;
        var values = new double[count * d];
        for (int i = 0; i < count; i++)
            for (int p = 0; p < Pairs; p++)
            {
                values[i * d + 2 * p] = x1.Sample(ref rng);
                values[i * d + 2 * p + 1] = rng.NextGaussian();
            }
        return new SampleSet(values, d);
    }

    /// <summary>(E[x1], 0) repeated over the pairs.</summary>
    public double[] Mean()
    {
        var mean = new double[Dimension];
        for (int p = 0; p < Pairs; p++) mean[2 * p] = DoubleWellEnergy.X1Marginal.Mean;
        return mean;
    }

    /// <summary>diag(Var[x1], 1, Var[x1], 1, …): all coordinates are independent.</summary>
    public double[] Covariance()
    {
        int d = Dimension;
        var covariance = new double[d * d];
        for (int p = 0; p < Pairs; p++)
        {
            covariance[(2 * p) * d + 2 * p] = DoubleWellEnergy.X1Marginal.Variance;
            covariance[(2 * p + 1) * d + 2 * p + 1] = 1;
        }
        return covariance;
    }

    /// <summary>
    /// 2^P modes, one per sign pattern of the x1's: factor p is the sign of x_{2p}, with
    /// P(x_{2p} &gt; 0) = <see cref="DoubleWellEnergy.RightWellProbability"/>.
    /// </summary>
    public ProductModes Modes() =>
        new(Enumerable.Range(0, Pairs).Select(p => new SignModes(2 * p, DoubleWellEnergy.RightWellProbability)));

    /// <summary>The fraction of (point, pair) combinations with x1 &gt; 0; exact value 0.844307 as for one double well.</summary>
    public static double FractionInRightWells(SampleSet samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int pairs = samples.Dimension / 2;
        long right = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            var point = samples[i];
            for (int p = 0; p < pairs; p++) if (point[2 * p] > 0) right++;
        }
        return (double)right / ((long)samples.Count * pairs);
    }
}
