namespace BoltzDrift.Baselines;

/// <summary>What one transition of one chain did.</summary>
/// <param name="AcceptanceProbability">The Metropolis-Hastings acceptance probability min(1, ratio); 0 for a non-finite proposal.</param>
/// <param name="Accepted">Whether the chain moved to the proposal.</param>
/// <param name="NonFinite">Whether the proposal was rejected because its energy or gradient was NaN or infinite.</param>
public readonly record struct StepInfo(double AcceptanceProbability, bool Accepted, bool NonFinite)
{
    /// <summary>A proposal rejected because its energy or gradient was NaN or infinite.</summary>
    public static StepInfo RejectedNonFinite => new(0, false, true);
}
