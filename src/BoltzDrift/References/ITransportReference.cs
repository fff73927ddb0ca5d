using BoltzDrift.Metrics;
using BoltzDrift.Sampling;

namespace BoltzDrift.References;

/// <summary>
/// Where the reference and floor sets of a target without an exact sampler come from: a long-MCMC
/// <see cref="ReferenceSet"/> of our own, or the field's DEM test split (<see cref="DemReference"/>).
/// </summary>
public interface ITransportReference
{
    /// <summary>Name of the target the configurations belong to.</summary>
    string Target { get; }

    /// <summary>How the reports label the floor (long-MCMC or DEM split).</summary>
    FloorSource Source { get; }

    /// <summary>A known limit of the source that every figure computed against it should carry (null: none).</summary>
    string? Caveat { get; }

    /// <summary>
    /// Two INDEPENDENT sets of (at most) <paramref name="count"/> points each, with their centres of mass removed
    /// for particle systems: the reference a metric compares against, and the set whose metric against that
    /// reference is the noise floor. <paramref name="draw"/> chooses among random draws where the source has
    /// them; sources with one fixed split ignore it.
    /// </summary>
    (SampleSet Reference, SampleSet Floor) Draw(int count, ulong draw);
}
