namespace BoltzDrift.Energies.Generic;

/// <summary>Helpers for writing energies over <see cref="IScalar{TSelf}"/> that the interface itself does not need to carry.</summary>
public static class ScalarMath
{
    /// <summary>x², as one multiplication (cheaper and more exact than Pow(x, 2)).</summary>
    public static T Square<T>(T x) where T : struct, IScalar<T> => x * x;

    /// <summary>
    /// log Σ e^t_k with the largest value subtracted first, so nothing overflows and the smallest terms do
    /// not all underflow. The shift is taken from the values only: it cancels exactly, so derivatives need
    /// none of it. Empty input gives -∞; a NaN term gives NaN; a +∞ term gives +∞; all terms -∞ give -∞.
    /// </summary>
    public static T LogSumExp<T>(ReadOnlySpan<T> terms) where T : struct, IScalar<T> => T.LogSumExp(terms);

    /// <summary>The generic log-sum-exp: the shift, then Σ exp and log in <typeparamref name="T"/> arithmetic.</summary>
    internal static T ShiftedLogSumExp<T>(ReadOnlySpan<T> terms) where T : struct, IScalar<T>
    {
        if (!TryLogSumExpShift(terms, out double shift, out T decided)) return decided;
        T sum = T.Exp(terms[0] - shift);
        for (int k = 1; k < terms.Length; k++) sum += T.Exp(terms[k] - shift);
        return T.Log(sum) + shift;
    }

    /// <summary>
    /// The largest value among the terms, or false with the result when no sum is needed: -∞ for no terms,
    /// the NaN term if there is one, ±∞ when the largest value is infinite.
    /// </summary>
    internal static bool TryLogSumExpShift<T>(ReadOnlySpan<T> terms, out double shift, out T decided) where T : struct, IScalar<T>
    {
        shift = double.NegativeInfinity;
        decided = default;
        foreach (var term in terms)
        {
            double value = term.Value;
            if (double.IsNaN(value))
            {
                decided = term;
                return false;
            }
            if (value > shift) shift = value;
        }
        if (!double.IsInfinity(shift)) return true;
        decided = shift;
        return false;
    }

    /// <summary>
    /// Writes the softmax weights e^(t_k - shift) / Σ into <paramref name="weights"/> and returns the
    /// log-sum-exp value, summing in the same order as <see cref="ShiftedLogSumExp{T}"/> so the two agree exactly.
    /// </summary>
    internal static double SoftmaxWeights<T>(ReadOnlySpan<T> terms, double shift, Span<double> weights) where T : struct, IScalar<T>
    {
        double total = 0;
        for (int k = 0; k < terms.Length; k++) total += weights[k] = Math.Exp(terms[k].Value - shift);
        for (int k = 0; k < terms.Length; k++) weights[k] /= total;
        return Math.Log(total) + shift;
    }
}
