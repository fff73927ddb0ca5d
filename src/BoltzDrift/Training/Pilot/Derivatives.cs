using BoltzDrift.Energies;

namespace BoltzDrift.Training.Pilot;

/// <summary>
/// Gradients and Hessians for the pilot: the energy's own where it has them, central finite differences
/// otherwise (of values for the gradient, of gradients for the Hessian), so energies that give values only
/// can be measured too. The pilot needs shapes of basins, not working precision.
/// </summary>
internal sealed class Derivatives(Energy energy)
{
    private readonly int _d = energy.Dimension;

    /// <summary>Whether both derivatives are the energy's own (exact zeros in the Hessian then mean "no coupling").</summary>
    public bool Exact => energy.HasGradient && energy.HasHessian;

    /// <summary>Writes ∇E(x) and returns E(x).</summary>
    public double Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        if (energy.HasGradient) return energy.Gradient(x, gradient);
        var probe = x.ToArray();
        for (int k = 0; k < _d; k++)
        {
            double h = Step(x[k]);
            probe[k] = x[k] + h;
            double up = energy.Evaluate(probe);
            probe[k] = x[k] - h;
            double down = energy.Evaluate(probe);
            probe[k] = x[k];
            gradient[k] = (up - down) / (2 * h);
        }
        return energy.Evaluate(x);
    }

    /// <summary>Writes the Hessian of E at x (d × d, row-major, symmetrised).</summary>
    public void Hessian(ReadOnlySpan<double> x, Span<double> hessian)
    {
        if (energy.HasHessian) { energy.Hessian(x, hessian); return; }
        var probe = x.ToArray();
        var up = new double[_d];
        var down = new double[_d];
        for (int k = 0; k < _d; k++)
        {
            double h = Math.Sqrt(Step(x[k]));   // gradients are themselves differences: a wider step keeps the noise down
            probe[k] = x[k] + h;
            Gradient(probe, up);
            probe[k] = x[k] - h;
            Gradient(probe, down);
            probe[k] = x[k];
            for (int j = 0; j < _d; j++) hessian[k * _d + j] = (up[j] - down[j]) / (2 * h);
        }
        for (int i = 0; i < _d; i++)
            for (int j = i + 1; j < _d; j++)
                hessian[i * _d + j] = hessian[j * _d + i] = 0.5 * (hessian[i * _d + j] + hessian[j * _d + i]);
    }

    private static double Step(double value) => 1e-5 * (1 + Math.Abs(value));
}
