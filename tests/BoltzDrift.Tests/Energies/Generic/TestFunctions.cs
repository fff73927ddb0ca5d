using BoltzDrift.Energies.Generic;

namespace BoltzDrift.Tests.Energies.Generic;

/// <summary>d-dimensional Rosenbrock: a curved valley, polynomial, with strong off-diagonal curvature.</summary>
internal sealed class Rosenbrock(int dimension) : IEnergyFunction
{
    public int Dimension => dimension;

    public T Evaluate<T>(ReadOnlySpan<T> x) where T : struct, IScalar<T>
    {
        T sum = 0.0;
        for (int i = 0; i + 1 < x.Length; i++)
            sum += 100.0 * ScalarMath.Square(x[i + 1] - x[i] * x[i]) + ScalarMath.Square(1.0 - x[i]);
        return sum;
    }
}

/// <summary>
/// A small Lennard-Jones cluster in 3-D (each pair once, unsoftened, ε = r_m = 1, harmonic
/// pull to the centre of mass): rational functions of distances, and a dimension that is not a multiple
/// of the dual lane count.
/// </summary>
internal readonly struct LennardJonesCluster(int particles) : IEnergyFunction
{
    public int Dimension => 3 * particles;

    public T Evaluate<T>(ReadOnlySpan<T> x) where T : struct, IScalar<T>
    {
        T energy = 0.0;
        for (int i = 0; i < particles; i++)
        {
            for (int j = i + 1; j < particles; j++)
            {
                T r2 = ScalarMath.Square(x[3 * i] - x[3 * j]) + ScalarMath.Square(x[3 * i + 1] - x[3 * j + 1]) + ScalarMath.Square(x[3 * i + 2] - x[3 * j + 2]);
                T inverse6 = 1.0 / (r2 * r2 * r2);
                energy += inverse6 * inverse6 - 2.0 * inverse6;
            }
        }
        for (int axis = 0; axis < 3; axis++)
        {
            T mean = 0.0;
            for (int i = 0; i < particles; i++) mean += x[3 * i + axis];
            mean /= particles;
            for (int i = 0; i < particles; i++) energy += 0.5 * ScalarMath.Square(x[3 * i + axis] - mean);
        }
        return energy;
    }
}

/// <summary>Every smooth primitive of <see cref="IScalar{TSelf}"/> in one 5-D function, including a variable exponent.</summary>
internal sealed class KitchenSink : IEnergyFunction
{
    public int Dimension => 5;

    public T Evaluate<T>(ReadOnlySpan<T> x) where T : struct, IScalar<T>
    {
        T a = T.Exp(T.Sin(x[0]) * T.Cos(x[1]));
        T b = T.Log(1.0 + x[2] * x[2]) + T.Sqrt(1.0 + x[3] * x[3]);
        T c = T.Tanh(x[4]) * T.Softplus(x[0] - 2.0 * x[4]);
        T d = T.Abs(x[1] - 7.0) / (2.0 + x[2] * x[2]) - 3.0 / (4.0 + x[3] * x[3]);
        T e = T.Pow(1.5 + T.Sin(x[3]), x[4]) + T.Pow(2.0 + x[0] * x[0], -1.5);
        return a + b + c + d + e - x[1] / 1.7 + (2.5 - x[2]) * 0.25;
    }
}

/// <summary>
/// Σ x_i⁴/4 + Σ x_i x_{i+1} in any dimension; its gradient and Hessian are known in closed form, and at
/// d = 100 the Hessian's seed buffer is too big for the stack.
/// </summary>
internal sealed class QuarticChain(int dimension) : IEnergyFunction
{
    public int Dimension => dimension;

    public T Evaluate<T>(ReadOnlySpan<T> x) where T : struct, IScalar<T>
    {
        T sum = 0.0;
        for (int i = 0; i < x.Length; i++) sum += 0.25 * ScalarMath.Square(x[i] * x[i]);
        for (int i = 0; i + 1 < x.Length; i++) sum += x[i] * x[i + 1];
        return sum;
    }

    public static double[] Gradient(double[] x) =>
        x.Select((v, i) => v * v * v + (i > 0 ? x[i - 1] : 0) + (i + 1 < x.Length ? x[i + 1] : 0)).ToArray();

    public static double[] Hessian(double[] x)
    {
        int d = x.Length;
        var h = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            h[i * d + i] = 3 * x[i] * x[i];
            if (i + 1 < d) h[i * d + i + 1] = h[(i + 1) * d + i] = 1;
        }
        return h;
    }
}
