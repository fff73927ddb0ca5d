namespace BoltzDrift.Drift;

/// <summary>What one bandwidth term of the drift saw in one step.</summary>
/// <param name="Bandwidth">The bandwidth used on both sides (after the nearest-neighbour floor).</param>
/// <param name="EffectiveNeighbours">Median over the batch of the sampler kernel's effective neighbour count, (Σk)²/Σk², self excluded.</param>
/// <param name="EffectiveSampleSize">Mean importance-sampling effective sample size of the target side (NaN for other estimators).</param>
/// <param name="TargetRms">Root-mean-square of V+ over the batch (per coordinate).</param>
/// <param name="SamplerRms">Root-mean-square of V- over the batch (per coordinate).</param>
/// <param name="Weight">The weight of the term in V: its normalisation times the neighbour gate (0 = dropped).</param>
public sealed record DriftTermReport(double Bandwidth, double EffectiveNeighbours, double EffectiveSampleSize, double TargetRms, double SamplerRms, double Weight);
