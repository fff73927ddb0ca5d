namespace BoltzDrift.Energies;

/// <summary>
/// An energy whose Boltzmann distribution is known exactly (in closed form or to numerical precision):
/// it can be sampled without MCMC and its moments and normaliser are available. Such targets let
/// evaluation compare a trained sampler against the truth rather than against another estimate.
/// </summary>
public interface IExactDistribution : IExactSampler
{
    /// <summary>Exact mean, length d (a new array).</summary>
    double[] Mean();

    /// <summary>Exact covariance, d×d row-major (a new array).</summary>
    double[] Covariance();

    /// <summary>log Z, where Z = ∫ exp(-E(x)) dx.</summary>
    double LogNormalizer { get; }
}
