namespace BoltzDrift.Baselines;

/// <summary>Argument checks and limits shared by the transition kernels.</summary>
internal static class KernelChecks
{
    /// <summary>Dimension up to which kernels keep their per-step buffers on the stack.</summary>
    public const int MaxStackDimension = 128;

    /// <summary>Returns <paramref name="target"/> if it is a valid target acceptance, strictly between 0 and 1.</summary>
    public static double Acceptance(double target) =>
        target is > 0 and < 1 ? target : throw new ArgumentOutOfRangeException(nameof(target), target, "The target acceptance must lie strictly between 0 and 1.");
}
