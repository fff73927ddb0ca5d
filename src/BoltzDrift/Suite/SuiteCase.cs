using BoltzDrift.Energies;
using BoltzDrift.Sampling;

namespace BoltzDrift.Suite;

/// <summary>
/// One target of the suite: how to build it (a built-in name or an expression, exactly as a user would give it)
/// and the acceptance checks its samples must pass.
/// </summary>
/// <param name="Name">Case name in tables.</param>
/// <param name="CreateTarget">The target trained on.</param>
/// <param name="Check">Evaluates samples of the trained sampler (100,000 of them; evaluation seed given).</param>
/// <param name="MaxTrainingSeconds">Training-time limit of the acceptance (reported, not enforced).</param>
public sealed record SuiteCase(string Name, Func<Target> CreateTarget, Func<SampleSet, ulong, IReadOnlyList<CriterionResult>> Check, double MaxTrainingSeconds = 600);
