namespace BoltzDrift.Energies.Generic;

/// <summary>
/// An <see cref="Energy"/> defined by an <see cref="IEnergyFunction"/>: energies in double precision,
/// and exact gradients and Hessians by forward-mode differentiation (<see cref="ForwardDiff"/>), all from
/// the one generic formula. Thread-safe when the function is.
/// </summary>
/// <typeparam name="TFunction">
/// The function type. A struct gets code specialised for it, so its calls can be inlined.
/// </typeparam>
public sealed class GenericEnergy<TFunction> : Energy where TFunction : IEnergyFunction
{
    /// <summary>Points up to this dimension are converted to double in a stack buffer.</summary>
    private const int MaxStackDimension = 256;

    private readonly TFunction _function;
    private readonly int _dimension;

    /// <summary>The function's own batched path, if it has one (a struct is boxed once, here).</summary>
    private readonly IBatchedEnergyFunction? _batched;

    /// <summary>Wraps <paramref name="function"/>, whose dimension is read once, here.</summary>
    public GenericEnergy(TFunction function)
    {
        if (function is null) throw new ArgumentNullException(nameof(function));
        _dimension = function.Dimension;
        if (_dimension < 1)
            throw new ArgumentException($"An energy function needs dimension ≥ 1, got {_dimension}.", nameof(function));
        _function = function;
        _batched = function as IBatchedEnergyFunction;
    }

    /// <summary>The function this energy evaluates.</summary>
    public TFunction Function => _function;

    /// <inheritdoc/>
    public override int Dimension => _dimension;

    /// <inheritdoc/>
    public override bool HasGradient => true;

    /// <inheritdoc/>
    public override bool HasHessian => true;

    /// <inheritdoc/>
    public override double Evaluate(ReadOnlySpan<double> point) => ForwardDiff.Value(_function, point);

    /// <summary>
    /// Batched float32 energies. A function with its own batched path (expressions: column by column, see
    /// <see cref="Expressions.EnergyExpression"/>) evaluates the batch itself. Otherwise each point is
    /// widened to double and evaluated there: a generic formula gains no SIMD from float, and double keeps
    /// e.g. exp(100) finite where float would overflow.
    /// </summary>
    public override void Evaluate(ReadOnlySpan<float> points, Span<float> energies)
    {
        CheckShape(points.Length, energies.Length);
        if (_batched is not null)
        {
            _batched.EvaluateBatch(points, energies);
            return;
        }
        int d = _dimension;
        Span<Real<double>> point = d <= MaxStackDimension ? stackalloc Real<double>[d] : new Real<double>[d];
        for (int i = 0; i < energies.Length; i++)
        {
            var row = points.Slice(i * d, d);
            for (int k = 0; k < d; k++) point[k] = new Real<double>(row[k]);
            energies[i] = (float)_function.Evaluate<Real<double>>(point).Value;
        }
    }

    /// <inheritdoc/>
    protected override Energy? BlockEnergyCore(IReadOnlyList<int> block) =>
        _function is IBlockSeparableFunction separable ? separable.BlockEnergy(block) : null;

    /// <inheritdoc/>
    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient) =>
        ForwardDiff.Gradient(_function, point, gradient);

    /// <inheritdoc/>
    public override void Hessian(ReadOnlySpan<double> point, Span<double> hessian) =>
        ForwardDiff.Hessian(_function, point, hessian);
}

/// <summary>Creates <see cref="GenericEnergy{TFunction}"/> instances with the function type inferred.</summary>
public static class GenericEnergy
{
    /// <summary>The energy defined by <paramref name="function"/>.</summary>
    public static GenericEnergy<TFunction> Create<TFunction>(TFunction function) where TFunction : IEnergyFunction =>
        new(function);
}
