using BoltzDrift.Sampling;

namespace BoltzDrift.References;

/// <summary>
/// Reference samples of a target without an exact sampler, with how they were made and how well the chains
/// mixed. Samples of particle systems have their centre of mass removed.
/// </summary>
/// <param name="Target">Name of the target.</param>
/// <param name="Samples">The samples, chain after chain (chain 0's kept draws in order, then chain 1's, …).</param>
/// <param name="Settings">The settings that produced them.</param>
/// <param name="Diagnostics">Mixing checks of the run.</param>
public sealed record ReferenceSet(string Target, SampleSet Samples, ReferenceSettings Settings, MixingDiagnostics Diagnostics);
