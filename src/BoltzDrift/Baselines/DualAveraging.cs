namespace BoltzDrift.Baselines;

/// <summary>
/// Step-size adaptation by dual averaging on log h (Nesterov; Hoffman and Gelman 2014, as in Stan and
/// BlackJAX): during warm-up each <see cref="Update"/> moves log h so that the mean acceptance probability
/// approaches <see cref="TargetAcceptance"/>; <see cref="Freeze"/> then fixes h at the averaged iterate.
/// </summary>
public sealed class DualAveraging
{
    private readonly double _shrinkTarget, _gamma, _t0, _kappa;
    private double _errorAverage, _logStepSize, _logStepSizeAverage;
    private int _updates;

    /// <summary>Creates the adaptation.</summary>
    /// <param name="initialStepSize">Starting step size h₀; log h is shrunk towards log(10 h₀).</param>
    /// <param name="targetAcceptance">Mean acceptance probability aimed for, in (0, 1).</param>
    /// <param name="gamma">Shrinkage strength γ (Stan: 0.05).</param>
    /// <param name="t0">Iteration offset t₀ that damps the first updates (Stan: 10).</param>
    /// <param name="kappa">Decay κ of the averaging weights t^-κ (Stan: 0.75).</param>
    public DualAveraging(double initialStepSize, double targetAcceptance, double gamma = 0.05, double t0 = 10, double kappa = 0.75)
    {
        if (!(initialStepSize > 0) || double.IsInfinity(initialStepSize))
            throw new ArgumentOutOfRangeException(nameof(initialStepSize), initialStepSize, "The step size must be positive and finite.");
        TargetAcceptance = KernelChecks.Acceptance(targetAcceptance);
        _gamma = gamma;
        _t0 = t0;
        _kappa = kappa;
        _logStepSize = _logStepSizeAverage = Math.Log(initialStepSize);
        _shrinkTarget = Math.Log(10 * initialStepSize);
    }

    /// <summary>Mean acceptance probability aimed for.</summary>
    public double TargetAcceptance { get; }

    /// <summary>The step size to use now.</summary>
    public double StepSize => Math.Exp(_logStepSize);

    /// <summary>Whether warm-up is over and the step size fixed.</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>Feeds one observed mean acceptance probability (for example averaged over chains) and adapts the step size.</summary>
    /// <exception cref="InvalidOperationException">The adaptation is frozen.</exception>
    public void Update(double acceptanceProbability)
    {
        if (IsFrozen) throw new InvalidOperationException("The step size is frozen; warm-up is over.");
        int t = ++_updates;
        double weight = 1 / (t + _t0);
        _errorAverage = (1 - weight) * _errorAverage + weight * (TargetAcceptance - acceptanceProbability);
        _logStepSize = _shrinkTarget - Math.Sqrt(t) / _gamma * _errorAverage;
        double eta = Math.Pow(t, -_kappa);
        _logStepSizeAverage = eta * _logStepSize + (1 - eta) * _logStepSizeAverage;
    }

    /// <summary>Ends adaptation: the step size becomes the averaged iterate (or stays h₀ if never updated).</summary>
    public void Freeze()
    {
        _logStepSize = _logStepSizeAverage;
        IsFrozen = true;
    }
}
