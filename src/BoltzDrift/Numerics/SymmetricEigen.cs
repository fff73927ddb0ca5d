namespace BoltzDrift.Numerics;

/// <summary>
/// Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: simple, accurate to
/// working precision, and fast enough for the d ≤ a few dozen Hessians of the curvature estimator.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>
    /// Decomposes the symmetric d×d matrix <paramref name="matrix"/> (row-major; destroyed) as
    /// Q diag(values) Qᵀ. Column j of <paramref name="vectors"/> (row-major d×d) is the eigenvector of
    /// values[j].
    /// </summary>
    public static void Decompose(Span<double> matrix, Span<double> values, Span<double> vectors, int d)
    {
        vectors[..(d * d)].Clear();
        for (int i = 0; i < d; i++) vectors[i * d + i] = 1;
        for (int sweep = 0; sweep < 64; sweep++)
        {
            double off = 0, diag = 0;
            for (int p = 0; p < d; p++)
            {
                diag += matrix[p * d + p] * matrix[p * d + p];
                for (int q = p + 1; q < d; q++) off += matrix[p * d + q] * matrix[p * d + q];
            }
            if (off <= 1e-30 * (diag + 1e-300)) break;
            for (int p = 0; p < d; p++)
            for (int q = p + 1; q < d; q++)
            {
                double apq = matrix[p * d + q];
                if (apq == 0) continue;
                double theta = (matrix[q * d + q] - matrix[p * d + p]) / (2 * apq);
                double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                if (theta == 0) t = 1;
                double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                for (int k = 0; k < d; k++)  // A ← A J (columns p, q)
                {
                    double akp = matrix[k * d + p], akq = matrix[k * d + q];
                    matrix[k * d + p] = c * akp - s * akq;
                    matrix[k * d + q] = s * akp + c * akq;
                }
                for (int k = 0; k < d; k++)  // A ← Jᵀ A (rows p, q)
                {
                    double apk = matrix[p * d + k], aqk = matrix[q * d + k];
                    matrix[p * d + k] = c * apk - s * aqk;
                    matrix[q * d + k] = s * apk + c * aqk;
                }
                for (int k = 0; k < d; k++)  // Q ← Q J
                {
                    double vkp = vectors[k * d + p], vkq = vectors[k * d + q];
                    vectors[k * d + p] = c * vkp - s * vkq;
                    vectors[k * d + q] = s * vkp + c * vkq;
                }
            }
        }
        for (int i = 0; i < d; i++) values[i] = matrix[i * d + i];
    }
}
