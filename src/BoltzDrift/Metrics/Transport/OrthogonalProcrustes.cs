using BoltzDrift.Numerics;

namespace BoltzDrift.Metrics.Transport;

/// <summary>
/// The orthogonal Procrustes (Kabsch) problem with reflections allowed: the R in O(D) maximising
/// &lt;R, M&gt;_F = tr(Rᵀ M) for a D×D correlation M = Σ_p x_p y_pᵀ, which is the R minimising
/// Σ_p |x_p - R y_p|^2. The answer is R = U Vᵀ for M = U Σ Vᵀ, the polar factor of M.
/// </summary>
internal static class OrthogonalProcrustes
{
    /// <summary>Largest D for which the stack scratch below is sized.</summary>
    public const int MaxDimension = 8;

    /// <summary>
    /// Writes the optimal R (D×D row-major) for <paramref name="correlation"/> (D×D row-major, kept) and
    /// returns max &lt;R, M&gt; = Σ singular values. D = 2 is closed form (the better of the best rotation and
    /// the best reflection); otherwise R = Σ_k u_k v_kᵀ from the eigenvectors v_k of MᵀM, with
    /// u_k = M v_k / σ_k orthogonalised in order of decreasing σ_k, and completed to an orthonormal basis
    /// where M is rank deficient (planar or collinear configurations).
    /// </summary>
    public static double Fit(ReadOnlySpan<double> correlation, int d, Span<double> rotation)
    {
        if (d == 1)
        {
            rotation[0] = correlation[0] >= 0 ? 1 : -1;
            return Math.Abs(correlation[0]);
        }
        if (d == 2) return Fit2(correlation, rotation);

        Span<double> gram = stackalloc double[MaxDimension * MaxDimension];
        Span<double> values = stackalloc double[MaxDimension];
        Span<double> vectors = stackalloc double[MaxDimension * MaxDimension];
        Span<double> u = stackalloc double[MaxDimension * MaxDimension];  // u_k in row k
        Span<int> order = stackalloc int[MaxDimension];
        for (int a = 0; a < d; a++)
            for (int b = 0; b < d; b++)
            {
                double s = 0;
                for (int k = 0; k < d; k++) s += correlation[k * d + a] * correlation[k * d + b];
                gram[a * d + b] = s;
            }
        SymmetricEigen.Decompose(gram[..(d * d)], values, vectors, d);
        for (int k = 0; k < d; k++) order[k] = k;
        for (int k = 1; k < d; k++)  // insertion sort by decreasing eigenvalue
            for (int l = k; l > 0 && values[order[l]] > values[order[l - 1]]; l--)
                (order[l], order[l - 1]) = (order[l - 1], order[l]);

        double largest = Math.Sqrt(Math.Max(values[order[0]], 0));
        double nuclear = 0;
        for (int r = 0; r < d; r++)
        {
            int k = order[r];
            var uk = u.Slice(r * d, d);
            for (int a = 0; a < d; a++)
            {
                double s = 0;
                for (int b = 0; b < d; b++) s += correlation[a * d + b] * vectors[b * d + k];
                uk[a] = s;
            }
            // |M v_k| = σ_k; orthogonalising against the earlier u keeps U orthonormal in finite precision.
            double sigma = Orthonormalise(u, r, d);
            if (sigma <= 1e-12 * largest || sigma == 0)
            {
                for (int basis = 0; basis < d; basis++)
                {
                    uk.Clear();
                    uk[basis] = 1;
                    if (Orthonormalise(u, r, d) > 0.5) break;
                }
            }
            else
            {
                nuclear += sigma;
            }
        }
        rotation[..(d * d)].Clear();
        for (int r = 0; r < d; r++)
        {
            int k = order[r];
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++)
                    rotation[a * d + b] += u[r * d + a] * vectors[b * d + k];
        }
        return nuclear;
    }

    /// <summary>
    /// Removes from row <paramref name="r"/> of <paramref name="u"/> its components along rows 0..r-1
    /// (twice, for accuracy), normalises it, and returns its norm before normalisation.
    /// </summary>
    private static double Orthonormalise(Span<double> u, int r, int d)
    {
        var ur = u.Slice(r * d, d);
        for (int pass = 0; pass < 2; pass++)
            for (int q = 0; q < r; q++)
            {
                var uq = u.Slice(q * d, d);
                double dot = 0;
                for (int a = 0; a < d; a++) dot += ur[a] * uq[a];
                for (int a = 0; a < d; a++) ur[a] -= dot * uq[a];
            }
        double norm = 0;
        for (int a = 0; a < d; a++) norm += ur[a] * ur[a];
        norm = Math.Sqrt(norm);
        if (norm > 0)
            for (int a = 0; a < d; a++) ur[a] /= norm;
        return norm;
    }

    /// <summary>
    /// D = 2: a rotation [[c, -s], [s, c]] gives &lt;R, M&gt; = c (m00 + m11) + s (m10 - m01), a reflection
    /// [[c, s], [s, -c]] gives c (m00 - m11) + s (m01 + m10); each is maximal at (c, s) along its
    /// coefficient vector, with the vector's length as value.
    /// </summary>
    private static double Fit2(ReadOnlySpan<double> m, Span<double> rotation)
    {
        double rotationCos = m[0] + m[3], rotationSin = m[2] - m[1];
        double reflectionCos = m[0] - m[3], reflectionSin = m[1] + m[2];
        double rotationValue = Math.Sqrt(rotationCos * rotationCos + rotationSin * rotationSin);
        double reflectionValue = Math.Sqrt(reflectionCos * reflectionCos + reflectionSin * reflectionSin);
        if (rotationValue >= reflectionValue)
        {
            double c = rotationValue > 0 ? rotationCos / rotationValue : 1, s = rotationValue > 0 ? rotationSin / rotationValue : 0;
            rotation[0] = c; rotation[1] = -s; rotation[2] = s; rotation[3] = c;
            return rotationValue;
        }
        double cr = reflectionCos / reflectionValue, sr = reflectionSin / reflectionValue;
        rotation[0] = cr; rotation[1] = sr; rotation[2] = sr; rotation[3] = -cr;
        return reflectionValue;
    }

    /// <summary>The nuclear norm (sum of singular values) of a 2×2 matrix, max over O(2) of &lt;R, M&gt;.</summary>
    public static double NuclearNorm2(double m00, double m01, double m10, double m11)
    {
        double a = m00 + m11, b = m10 - m01, c = m00 - m11, e = m01 + m10;
        return Math.Sqrt(Math.Max(a * a + b * b, c * c + e * e));
    }
}
