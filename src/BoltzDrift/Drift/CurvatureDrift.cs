using BoltzDrift.Energies;
using BoltzDrift.Numerics;

namespace BoltzDrift.Drift;

/// <summary>
/// The curvature-corrected target drift (docs/method.md §3b): expanding E to second order makes the
/// window posterior Gaussian, so V+ ≈ -s² (I + s²H)⁻¹ ∇E. Exact for quadratic energies, deterministic
/// (no proposals), and needs the gradient and Hessian. Where I + s²H is not positive definite
/// (between wells, on saddles) the eigenvalues of s²H are clamped from below at -(1 - δ), and the
/// clamp is counted.
/// </summary>
public sealed class CurvatureDrift : ITargetDrift
{
    private const int SamplesPerChunk = 32;
    private readonly Energy _energy;
    private readonly Parallelism _parallelism;

    /// <param name="energy">Target energy; must provide gradient and Hessian.</param>
    /// <param name="clampDelta">δ in (0, 1]: eigenvalues of I + s²H are kept at or above δ.</param>
    /// <param name="parallelism">Threads to spread samples over.</param>
    public CurvatureDrift(Energy energy, double clampDelta = 0.5, Parallelism? parallelism = null)
    {
        if (!energy.HasGradient || !energy.HasHessian)
            throw new ArgumentException("The curvature estimator needs an energy with gradient and Hessian; use the importance-sampling estimator for energies given by value only.");
        if (!(clampDelta > 0 && clampDelta <= 1)) throw new ArgumentException($"Clamp δ must lie in (0, 1], got {clampDelta}.");
        _energy = energy;
        ClampDelta = clampDelta;
        _parallelism = parallelism ?? Parallelism.Serial;
    }

    public double ClampDelta { get; }

    public void Estimate(ReadOnlySpan<float> points, double bandwidth, Span<float> drift, ulong seed, DriftDiagnostics diagnostics)
    {
        int d = _energy.Dimension;
        int n = points.Length / d;
        long clamps = 0, uninformed = 0;
        double s2 = bandwidth * bandwidth;
        _parallelism.For(points, drift, n, SamplesPerChunk, (i0, i1, x, v) =>
        {
            var point = new double[d];
            var grad = new double[d];
            var h = new double[d * d];
            var q = new double[d * d];
            var lambda = new double[d];
            long chunkClamps = 0, chunkUninformed = 0;
            for (int i = i0; i < i1; i++)
            {
                for (int k = 0; k < d; k++) point[k] = x[i * d + k];
                var vi = v.Slice(i * d, d);
                double e = _energy.Gradient(point, grad);
                _energy.Hessian(point, h);
                if (!double.IsFinite(e) || !AllFinite(grad) || !AllFinite(h)) { vi.Clear(); chunkUninformed++; continue; }
                if (Solve(h, grad, s2, q, lambda, vi, d)) chunkClamps++;
            }
            Interlocked.Add(ref clamps, chunkClamps);
            Interlocked.Add(ref uninformed, chunkUninformed);
        });
        diagnostics.CurvatureClamps += clamps;
        diagnostics.SamplesWithoutTargetInformation += uninformed;
        diagnostics.GradientEvaluations += n;
    }

    /// <summary>
    /// v = -s² (I + s²H)⁻¹ g through the eigen-decomposition of H, with the eigenvalues of s²H clamped
    /// at -(1 - δ). Returns whether any eigenvalue was clamped.
    /// </summary>
    private bool Solve(double[] h, double[] g, double s2, double[] q, double[] lambda, Span<float> v, int d)
    {
        SymmetricEigen.Decompose(h, lambda, q, d);
        bool clamped = false;
        double floor = -(1 - ClampDelta);
        v.Clear();
        for (int j = 0; j < d; j++)
        {
            double sl = s2 * lambda[j];
            if (sl < floor) { sl = floor; clamped = true; }
            double proj = 0;  // q_jᵀ g
            for (int k = 0; k < d; k++) proj += q[k * d + j] * g[k];
            double coef = -s2 * proj / (1 + sl);
            for (int k = 0; k < d; k++) v[k] += (float)(coef * q[k * d + j]);
        }
        return clamped;
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double x in values) if (!double.IsFinite(x)) return false;
        return true;
    }
}
