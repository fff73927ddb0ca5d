using BoltzDrift.Energies.Generic;

namespace BoltzDrift.Energies.Particles;

/// <summary>
/// The particle energy of <see cref="ParticleEnergy{TPotential}"/> written once over any scalar type:
/// E(x) = Σ_{i&lt;j} u(|x_i - x_j|²) + (k/2) Σ_i |x_i - x̄|². It gives the exact Hessian through
/// <see cref="ForwardDiff"/>; values and gradients take the hand-written, faster route.
/// </summary>
/// <param name="Layout">Particles and their spatial dimension.</param>
/// <param name="Potential">The pair potential u.</param>
/// <param name="Confinement">k, the strength of the harmonic pull towards the centre of mass (0 for none).</param>
public readonly record struct ParticleEnergyFunction<TPotential>(ParticleLayout Layout, TPotential Potential, double Confinement)
    : IEnergyFunction where TPotential : struct, IPairPotential
{
    /// <inheritdoc/>
    public int Dimension => Layout.Dimension;

    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x) where T : struct, IScalar<T>
    {
        int n = Layout.Count, dim = Layout.SpatialDimension;
        T energy = 0.0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                T squared = 0.0;
                for (int a = 0; a < dim; a++)
                {
                    T difference = x[i * dim + a] - x[j * dim + a];
                    squared += difference * difference;
                }
                energy += Potential.Evaluate(squared);
            }
        if (Confinement == 0) return energy;
        T spread = 0.0;
        for (int a = 0; a < dim; a++)
        {
            T mean = 0.0;
            for (int i = 0; i < n; i++) mean += x[i * dim + a];
            mean /= n;
            for (int i = 0; i < n; i++)
            {
                T difference = x[i * dim + a] - mean;
                spread += difference * difference;
            }
        }
        return energy + 0.5 * Confinement * spread;
    }
}
