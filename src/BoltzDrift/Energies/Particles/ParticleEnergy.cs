using BoltzDrift.Energies.Generic;

namespace BoltzDrift.Energies.Particles;

/// <summary>
/// The energy of N identical particles with a pair potential and an optional harmonic confinement:
/// E(x) = Σ_{i&lt;j} u(|x_i - x_j|) + (k/2) Σ_i |x_i - x̄|², each unordered pair counted once.
/// It is invariant under translation, rotation, reflection and permutation of the particles; in particular it
/// is flat along the centre of mass, so exp(-E) is normalisable only once the centre of mass is removed
/// (<see cref="CentreOfMass"/>). Values and gradients are hand-written pair loops (the MCMC references spend
/// their time here); the Hessian, rarely needed, comes exactly from <see cref="ParticleEnergyFunction{TPotential}"/>
/// by forward-mode differentiation. Stateless, so safe to call from parallel threads.
/// </summary>
public sealed class ParticleEnergy<TPotential> : Energy where TPotential : struct, IPairPotential
{
    private const int MaxStackDimension = 256;

    private readonly ParticleEnergyFunction<TPotential> _function;

    /// <summary>Creates the energy of <paramref name="layout"/> particles interacting through <paramref name="potential"/>.</summary>
    /// <param name="layout">Number of particles and their spatial dimension.</param>
    /// <param name="potential">The pair potential u.</param>
    /// <param name="confinement">k ≥ 0 of the harmonic term (k/2) Σ_i |x_i - x̄|²; 0 for none.</param>
    public ParticleEnergy(ParticleLayout layout, TPotential potential, double confinement = 0)
    {
        layout.Validate();
        if (!(confinement >= 0) || double.IsInfinity(confinement))
            throw new ArgumentOutOfRangeException(nameof(confinement), confinement, "The confinement must be non-negative and finite.");
        _function = new ParticleEnergyFunction<TPotential>(layout, potential, confinement);
    }

    /// <summary>Particles and their spatial dimension.</summary>
    public ParticleLayout Layout => _function.Layout;

    /// <summary>The pair potential u.</summary>
    public TPotential Potential => _function.Potential;

    /// <summary>k of the harmonic confinement term.</summary>
    public double Confinement => _function.Confinement;

    /// <summary>The same energy as a generic function (for forward-mode derivatives).</summary>
    public ParticleEnergyFunction<TPotential> Function => _function;

    /// <inheritdoc/>
    public override int Dimension => Layout.Dimension;

    /// <inheritdoc/>
    public override bool HasGradient => true;

    /// <inheritdoc/>
    public override bool HasHessian => true;

    /// <inheritdoc/>
    public override double Evaluate(ReadOnlySpan<double> point)
    {
        if (point.Length != Dimension) throw new ArgumentException($"Expected {Dimension} coordinates, got {point.Length}.", nameof(point));
        var layout = Layout;
        int n = layout.Count, dim = layout.SpatialDimension;
        var potential = Potential;
        double energy = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
                energy += potential.Evaluate(layout.SquaredDistance(point, i, j), out _);
        return Confinement == 0 ? energy : energy + 0.5 * Confinement * Spread(point, n, dim);
    }

    /// <summary>
    /// Batched energies: each point is widened to double and evaluated there. r⁻¹² overflows float32 for
    /// particles closer than about 6e-4, and pair sums of large, cancelling terms lose float32 precision.
    /// </summary>
    public override void Evaluate(ReadOnlySpan<float> points, Span<float> energies)
    {
        CheckShape(points.Length, energies.Length);
        int d = Dimension;
        Span<double> point = d <= MaxStackDimension ? stackalloc double[d] : new double[d];
        for (int i = 0; i < energies.Length; i++)
        {
            var row = points.Slice(i * d, d);
            for (int k = 0; k < d; k++) point[k] = row[k];
            energies[i] = (float)Evaluate(point);
        }
    }

    /// <summary>∇_i E = Σ_{j≠i} (u'(r_ij)/r_ij)(x_i - x_j) + k (x_i - x̄); the x̄ term of the confinement has zero net gradient.</summary>
    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        if (point.Length != Dimension) throw new ArgumentException($"Expected {Dimension} coordinates, got {point.Length}.", nameof(point));
        var layout = Layout;
        int n = layout.Count, dim = layout.SpatialDimension, d = Dimension;
        var potential = Potential;
        gradient[..d].Clear();
        double energy = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                energy += potential.Evaluate(layout.SquaredDistance(point, i, j), out double radialForce);
                for (int a = 0; a < dim; a++)
                {
                    double force = radialForce * (point[i * dim + a] - point[j * dim + a]);
                    gradient[i * dim + a] += force;
                    gradient[j * dim + a] -= force;
                }
            }
        if (Confinement == 0) return energy;
        for (int a = 0; a < dim; a++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += point[i * dim + a];
            mean /= n;
            for (int i = 0; i < n; i++)
            {
                double difference = point[i * dim + a] - mean;
                energy += 0.5 * Confinement * difference * difference;
                gradient[i * dim + a] += Confinement * difference;
            }
        }
        return energy;
    }

    /// <inheritdoc/>
    public override void Hessian(ReadOnlySpan<double> point, Span<double> hessian) =>
        ForwardDiff.Hessian(_function, point, hessian);

    /// <summary>Σ_i |x_i - x̄|².</summary>
    private static double Spread(ReadOnlySpan<double> point, int n, int dim)
    {
        double spread = 0;
        for (int a = 0; a < dim; a++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += point[i * dim + a];
            mean /= n;
            for (int i = 0; i < n; i++)
            {
                double difference = point[i * dim + a] - mean;
                spread += difference * difference;
            }
        }
        return spread;
    }
}
