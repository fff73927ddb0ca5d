namespace BoltzDrift.Training;

/// <summary>
/// Training settings tuned per built-in target, so that <c>train --target NAME</c> works without
/// flags. Each entry records why it differs from the general default.
/// </summary>
public static class TargetDefaults
{
    /// <summary>The tuned configuration for <paramref name="target"/> (the general default for unknown names).</summary>
    public static TrainingConfig For(string target) => target.ToLowerInvariant() switch
    {
        "gmm4" => new TrainingConfig { Target = "gmm4" },
        "double-well" => new TrainingConfig { Target = "double-well" },
        "banana" => new TrainingConfig { Target = "banana" },
        _ => new TrainingConfig { Target = target },
    };
}
