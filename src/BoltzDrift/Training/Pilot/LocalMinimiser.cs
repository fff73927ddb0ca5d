namespace BoltzDrift.Training.Pilot;

/// <summary>
/// Limited-memory BFGS (the last <see cref="Memory"/> steps) with a backtracking Armijo line search, falling
/// back to steepest descent whenever the quasi-Newton direction is not a descent direction. Curved, narrow
/// valleys (a banana's ridge) converge in tens of iterations instead of thousands. The pilot only needs to land
/// near the bottom of each basin, not working precision.
/// </summary>
internal static class LocalMinimiser
{
    /// <summary>A run whose point leaves this radius is taken to have run away (energy unbounded below).</summary>
    public const double RunawayRadius = 1e6;

    private const int Memory = 8;

    /// <summary>Descends from <paramref name="x"/> in place; false if the run reached a non-finite energy or ran away.</summary>
    public static bool Minimise(Derivatives derivatives, Span<double> x, int iterations)
    {
        int d = x.Length;
        var gradient = new double[d];
        var trial = new double[d];
        var trialGradient = new double[d];
        var direction = new double[d];
        var steps = new List<(double[] S, double[] Y, double Rho)>();
        var alpha = new double[Memory];
        double energy = derivatives.Gradient(x, gradient);
        if (!double.IsFinite(energy)) return false;
        double firstStep = 1e-2;
        for (int it = 0; it < iterations; it++)
        {
            double g2 = Dot(gradient, gradient);
            if (!double.IsFinite(g2)) return false;
            if (g2 < 1e-20) break;

            // Two-loop recursion: direction = -H·g with H the L-BFGS inverse-Hessian estimate.
            gradient.CopyTo(direction, 0);
            for (int j = steps.Count - 1; j >= 0; j--)
            {
                alpha[j] = steps[j].Rho * Dot(steps[j].S, direction);
                Axpy(-alpha[j], steps[j].Y, direction);
            }
            if (steps.Count > 0)
            {
                var (s, y, _) = steps[^1];
                Scale(Dot(s, y) / Dot(y, y), direction);
            }
            for (int j = 0; j < steps.Count; j++)
                Axpy(alpha[j] - steps[j].Rho * Dot(steps[j].Y, direction), steps[j].S, direction);
            Scale(-1, direction);
            double slope = Dot(direction, gradient);
            double step = 1;
            if (!(slope < 0) || steps.Count == 0)
            {
                for (int k = 0; k < d; k++) direction[k] = -gradient[k];
                slope = -g2;
                step = firstStep;
                steps.Clear();
            }

            bool accepted = false;
            double e = energy;
            for (int tries = 0; tries < 60 && !accepted; tries++)
            {
                for (int k = 0; k < d; k++) trial[k] = x[k] + step * direction[k];
                e = derivatives.Gradient(trial, trialGradient);
                accepted = double.IsFinite(e) && e <= energy + 1e-4 * step * slope;
                if (!accepted) step *= 0.25;
            }
            if (!accepted) break;
            if (steps.Count == 0) firstStep = 2 * step;

            var sNew = new double[d];
            var yNew = new double[d];
            for (int k = 0; k < d; k++) { sNew[k] = trial[k] - x[k]; yNew[k] = trialGradient[k] - gradient[k]; }
            double sy = Dot(sNew, yNew);
            if (sy > 1e-12 * Math.Sqrt(Dot(sNew, sNew) * Dot(yNew, yNew)))
            {
                if (steps.Count == Memory) steps.RemoveAt(0);
                steps.Add((sNew, yNew, 1 / sy));
            }
            bool progressed = energy - e > 1e-13 * (1 + Math.Abs(energy));
            trial.CopyTo(x);
            trialGradient.CopyTo(gradient, 0);
            energy = e;
            if (Dot(trial, trial) > RunawayRadius * RunawayRadius) return false;
            if (!progressed) break;
        }
        return true;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++) sum += a[k] * b[k];
        return sum;
    }

    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int k = 0; k < y.Length; k++) y[k] += a * x[k];
    }

    private static void Scale(double a, Span<double> x)
    {
        for (int k = 0; k < x.Length; k++) x[k] *= a;
    }
}
