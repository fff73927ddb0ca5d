using BoltzDrift.Energies.Data;
using BoltzDrift.Energies.Modes;
using BoltzDrift.Energies.Particles;

namespace BoltzDrift.Energies;

/// <summary>
/// Factories of the neural-sampler field's benchmark targets, exactly as docs/targets.md ("The neural-sampler field's benchmarks")
/// defines them; <see cref="Targets"/> registers them. Descriptions state every convention that codebases
/// disagree on.
/// </summary>
internal static class FieldTargets
{
    /// <summary>FAB / iDEM GMM-40: 40 equal-weight components, means from the embedded table (torch seed 0).</summary>
    public static Target Gmm40()
    {
        var mixture = EmbeddedMixture.Load("gmm40");
        return Targets.FromExactEnergy(
            "gmm40",
            "2-D mixture of 40 equal-weight Gaussians (per-axis std softplus(1) ≈ 1.3133), means uniform in [-40, 40]² " +
            "(FAB/iDEM, torch seed 0); normalised. iDEM trains on x / 50; this target is unscaled.",
            mixture,
            MixtureModes.Planar(mixture));
    }

    /// <summary>The 5 × 5 grid mixture of Sendera et al.</summary>
    public static Target Gmm25()
    {
        double[] grid = [-10, -5, 0, 5, 10];
        var means = grid.SelectMany(x => grid.SelectMany(y => new[] { x, y })).ToArray();
        var mixture = new GaussianMixtureEnergy(2, means, std: Math.Sqrt(0.3));
        return Targets.FromExactEnergy(
            "gmm25",
            "2-D mixture of 25 equal-weight Gaussians (covariance 0.3 I) on the grid {-10, -5, 0, 5, 10}²; normalised.",
            mixture,
            MixtureModes.Planar(mixture));
    }

    /// <summary>16 independent double wells; 2^16 modes.</summary>
    public static Target ManyWell32()
    {
        var energy = new ManyWellEnergy(pairs: 16);
        return Targets.FromExactEnergy(
            "manywell32",
            "32-D many-well: 16 independent double wells x⁴ - 6x² - 0.5x + 0.5y² on the pairs (x_2i, x_2i+1); " +
            "2^16 modes (sign of each x_2i, P(x_2i > 0) = 0.844307). log Z = 164.695675.",
            energy,
            energy.Modes(),
            new TargetStatistic("p_x1_pos", "P(x_2i > 0), pooled over the 16 pairs", ManyWellEnergy.FractionInRightWells, DoubleWellEnergy.RightWellProbability));
    }

    /// <summary>ASBS's MW-5.</summary>
    public static Target Mw5()
    {
        var energy = new SymmetricWellsEnergy(dimension: 5, wellSquare: 4);
        return Targets.FromExactEnergy(
            "mw5",
            "5-D symmetric many-well E = Σ (x_i² - 4)²: 32 equal-mass modes at x_i = ±2 (ASBS MW-5); unnormalised.",
            energy,
            energy.Modes());
    }

    /// <summary>Neal's funnel with the variance-9 neck.</summary>
    public static Target Funnel10()
    {
        var energy = new FunnelEnergy(dimension: 10, scale: 3);
        return Targets.FromExactEnergy(
            "funnel10",
            "10-D funnel: x0 ~ N(0, 9), x1..x9 | x0 ~ N(0, e^x0 I); normalised (not the buggy variance-1 funnel).",
            energy,
            new TargetStatistic("var_x0", "E[x0²] (variance of the neck coordinate)", FunnelEnergy.NeckVariance, 9));
    }

    /// <summary>Two concentric rings.</summary>
    public static Target Rings()
    {
        var energy = new RingsEnergy([1, 2], width: 0.125);
        return Targets.FromExactEnergy(
            "rings",
            "2-D concentric rings: log p = logsumexp_i -(|x| - r_i)²/(2·0.125²), r = {1, 2}; unnormalised. " +
            "Two modes (inner ring holds ≈ 1/3 of the mass).",
            energy,
            energy.Modes());
    }

    /// <summary>DW-4: 4 particles in 2-D with a double-well pair potential.</summary>
    public static Target Dw4()
    {
        var layout = new ParticleLayout(4, 2);
        return new Target
        {
            Name = "dw4",
            Description = "DW-4: 4 particles in 2-D (d = 8), E = Σ_{i<j} 0.9 (r_ij - 4)⁴ - 4 (r_ij - 4)², each pair counted once. " +
                          "Invariant to translation, rotation, reflection and permutation; compare with the centre of mass removed. " +
                          "No exact sampler: reference from the DEM split (`--reference dem`) or long MCMC (`reference --target dw4`).",
            Energy = new ParticleEnergy<DoubleWellPairPotential>(layout, new DoubleWellPairPotential(0.9, -4, 4)),
            Particles = layout,
        };
    }

    /// <summary>
    /// LJ-13 in the field's convention (iDEM, Adjoint Sampling, ASBS and the DEM reference split): every pair
    /// counted twice and distances softened, r̃ = √(r² + 1e-6), plus a harmonic pull to the centre of mass.
    /// Counting pairs once would be another distribution, so no figure computed on it compares with the field's.
    /// </summary>
    public static Target Lj13()
    {
        var layout = new ParticleLayout(13, 3);
        return new Target
        {
            Name = "lj13",
            Description = "LJ-13, the field's convention: 13 particles in 3-D (d = 39), E = 2 Σ_{i<j} (r̃_ij⁻¹² - 2 r̃_ij⁻⁶) + 0.5 Σ_i |x_i - x̄|² " +
                          "with r̃ = √(r² + 1e-6) (every pair counted TWICE, as iDEM/AS/ASBS and the DEM split do). Invariant to translation, " +
                          "rotation, reflection and permutation; compare with the centre of mass removed. No exact sampler: reference " +
                          "from the DEM split (`--reference dem`) or long MCMC (`reference --target lj13`).",
            Energy = new ParticleEnergy<LennardJonesPotential>(layout, LennardJonesPotential.Field, confinement: 1),
            Particles = layout,
        };
    }
}
