namespace BoltzDrift.Baselines;

/// <summary>Running totals over many Metropolis-Hastings decisions (moves or replica swaps).</summary>
/// <param name="Proposals">Decisions made.</param>
/// <param name="Accepted">Proposals accepted.</param>
/// <param name="NonFinite">Proposals rejected because their energy or gradient was NaN or infinite.</param>
/// <param name="ProbabilitySum">Sum of the acceptance probabilities.</param>
public readonly record struct AcceptanceStatistics(long Proposals, long Accepted, long NonFinite, double ProbabilitySum)
{
    /// <summary>The fraction of proposals accepted (NaN before any proposal).</summary>
    public double Rate => (double)Accepted / Proposals;

    /// <summary>The mean acceptance probability, the quantity step-size adaptation steers (NaN before any proposal).</summary>
    public double MeanProbability => ProbabilitySum / Proposals;

    /// <summary>These totals with one more decision.</summary>
    public AcceptanceStatistics Add(StepInfo step) => new(
        Proposals + 1,
        Accepted + (step.Accepted ? 1 : 0),
        NonFinite + (step.NonFinite ? 1 : 0),
        ProbabilitySum + step.AcceptanceProbability);
}
