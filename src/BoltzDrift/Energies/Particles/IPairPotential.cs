using BoltzDrift.Energies.Generic;

namespace BoltzDrift.Energies.Particles;

/// <summary>
/// A pair potential u(r) of a particle system, written in terms of the squared distance q = r² so that
/// potentials of even powers (Lennard-Jones) need no square root. Implement it as a struct: particle energies
/// are generic over it and inline its calls in their pair loops.
/// </summary>
public interface IPairPotential
{
    /// <summary>u at squared distance q, and in <paramref name="radialForce"/> u'(r)/r, so that the gradient of
    /// u(|x_i - x_j|) with respect to x_i is radialForce · (x_i - x_j).</summary>
    double Evaluate(double squaredDistance, out double radialForce);

    /// <summary>u at squared distance q over any scalar type, for exact Hessians by forward-mode differentiation.</summary>
    T Evaluate<T>(T squaredDistance) where T : struct, IScalar<T>;
}

/// <summary>
/// The pair potential of the DW-4 system (Köhler et al. 2020): u(r) = a (r - r₀)⁴ + b (r - r₀)², with
/// a = 0.9, b = -4, r₀ = 4 for DW-4: two preferred distances r₀ ± √(-b/2a) ≈ 2.51 and 5.49 separated by a
/// barrier of b²/4a ≈ 4.44 at r₀.
/// </summary>
/// <param name="Quartic">a, the coefficient of (r - r₀)⁴.</param>
/// <param name="Quadratic">b, the coefficient of (r - r₀)².</param>
/// <param name="Offset">r₀, the distance of the barrier.</param>
public readonly record struct DoubleWellPairPotential(double Quartic, double Quadratic, double Offset) : IPairPotential
{
    /// <summary>The DW-4 potential: a = 0.9, b = -4, r₀ = 4. (Without this, <c>new()</c> would be all zeros.)</summary>
    public DoubleWellPairPotential() : this(0.9, -4, 4) { }

    /// <inheritdoc/>
    public double Evaluate(double squaredDistance, out double radialForce)
    {
        double r = Math.Sqrt(squaredDistance), s = r - Offset, s2 = s * s;
        radialForce = (4 * Quartic * s2 + 2 * Quadratic) * s / r;
        return (Quartic * s2 + Quadratic) * s2;
    }

    /// <inheritdoc/>
    public T Evaluate<T>(T squaredDistance) where T : struct, IScalar<T>
    {
        T s = T.Sqrt(squaredDistance) - Offset, s2 = s * s;
        return (Quartic * s2 + Quadratic) * s2;
    }
}

/// <summary>
/// Lennard-Jones in the r_m convention: u(r) = ε [(r_m/r̃)¹² - 2 (r_m/r̃)⁶] with r̃ = √(r² + s), minimum -ε at
/// r̃ = r_m (σ = 2^{-1/6} r_m in the other convention). The softening s is the field's guard against
/// coincident particles: iDEM, Adjoint Sampling and ASBS compute r̃ = √(|Δ|² + 1e-6), and count every pair
/// twice, which is ε = 2 here (<see cref="Field"/>).
/// </summary>
/// <param name="Epsilon">ε, the depth of the well.</param>
/// <param name="MinimumDistance">r_m, the distance of the minimum.</param>
/// <param name="Softening">s ≥ 0, added to the squared distance before the potential is applied.</param>
public readonly record struct LennardJonesPotential(double Epsilon, double MinimumDistance, double Softening = 0) : IPairPotential
{
    /// <summary>ε = r_m = 1, no softening. (Without this, <c>new()</c> would be all zeros.)</summary>
    public LennardJonesPotential() : this(1, 1) { }

    /// <summary>
    /// The field's LJ-13 pair term (docs/metrics.md, "As-published protocols"): ε = r_m = 1 with every unordered
    /// pair counted twice, so ε = 2 per pair, and r̃ = √(r² + 1e-6).
    /// </summary>
    public static LennardJonesPotential Field => new(2, 1, 1e-6);

    /// <inheritdoc/>
    public double Evaluate(double squaredDistance, out double radialForce)
    {
        double softened = squaredDistance + Softening;
        double inverse2 = MinimumDistance * MinimumDistance / softened;
        double inverse6 = inverse2 * inverse2 * inverse2, inverse12 = inverse6 * inverse6;
        // d/dx_i u(r̃) = (u'(r̃)/r̃)(x_i - x_j), and u'(r̃)/r̃ = -12 ε (r_m¹²/r̃¹⁴ - r_m⁶/r̃⁸) = -12 ε (inverse12 - inverse6) / r̃²
        radialForce = -12 * Epsilon * (inverse12 - inverse6) / softened;
        return Epsilon * (inverse12 - 2 * inverse6);
    }

    /// <inheritdoc/>
    public T Evaluate<T>(T squaredDistance) where T : struct, IScalar<T>
    {
        T inverse2 = MinimumDistance * MinimumDistance / (squaredDistance + Softening);
        T inverse6 = inverse2 * inverse2 * inverse2;
        return Epsilon * (inverse6 * inverse6 - 2 * inverse6);
    }
}
