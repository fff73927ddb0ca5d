namespace BoltzDrift.Energies.Modes;

/// <summary>
/// Exact masses of the mode regions of a 2-D Gaussian mixture with a common isotropic σ: the probability
/// that x lies where component k has the highest weighted density. Component j's share of each region is
/// integrated in polar coordinates about μ_j. Along a ray x = μ_j + t u, the quantity that decides the
/// region, |x - μ_k|²/(2σ²) - log w_k, is the same quadratic t²/(2σ²) plus a line in t for every k, so the
/// regions crossed by the ray follow from the lower envelope of K lines, and the radial integral over each
/// crossed segment [t₀, t₁] is exact: exp(-t₀²/2σ²) - exp(-t₁²/2σ²). Only the angle is integrated numerically,
/// by the midpoint rule on a periodic integrand that is smooth except at region corners.
/// </summary>
internal static class PlanarRegionMasses
{
    /// <summary>
    /// Angles per component. The integrand has kinks where a ray passes a region corner, so the rule's error
    /// falls as 1/M²: about 1e-8 of a weight here, far below any sampling noise.
    /// </summary>
    private const int Angles = 8192;

    /// <summary>The mass of each component's region, in component order; they sum to 1 up to rounding.</summary>
    public static double[] Compute(GaussianMixtureEnergy mixture)
    {
        if (mixture.Dimension != 2) throw new ArgumentException("The mixture must be two-dimensional.", nameof(mixture));
        int count = mixture.ComponentCount;
        var means = mixture.Means.ToArray();
        var weights = mixture.Weights.ToArray();
        double variance = mixture.Std * mixture.Std;
        var masses = new double[count];
        var intercepts = new double[count];
        var slopes = new double[count];
        for (int j = 0; j < count; j++)
        {
            for (int k = 0; k < count; k++)
            {
                double dx = means[2 * j] - means[2 * k], dy = means[2 * j + 1] - means[2 * k + 1];
                intercepts[k] = (dx * dx + dy * dy) / (2 * variance) - Math.Log(weights[k]);
            }
            for (int m = 0; m < Angles; m++)
            {
                double angle = 2 * Math.PI * (m + 0.5) / Angles;
                double ux = Math.Cos(angle), uy = Math.Sin(angle);
                for (int k = 0; k < count; k++)
                    slopes[k] = (ux * (means[2 * j] - means[2 * k]) + uy * (means[2 * j + 1] - means[2 * k + 1])) / variance;
                AddRay(intercepts, slopes, weights[j] / Angles, variance, masses);
            }
        }
        return masses;
    }

    /// <summary>
    /// Walks the lower envelope of the lines a_k + b_k t from t = 0 outwards and adds each crossed segment's
    /// radial mass, times <paramref name="scale"/>, to the region it lies in.
    /// </summary>
    private static void AddRay(double[] intercepts, double[] slopes, double scale, double variance, double[] masses)
    {
        int current = 0;
        for (int k = 1; k < intercepts.Length; k++)
            if (intercepts[k] < intercepts[current] || (intercepts[k] == intercepts[current] && slopes[k] < slopes[current])) current = k;
        double t = 0, tail = 1; // tail = P(radius > t) = exp(-t²/2σ²)
        while (true)
        {
            // The next line to cross below the current one: only lines that fall faster can.
            int next = -1;
            double crossing = double.PositiveInfinity;
            for (int k = 0; k < intercepts.Length; k++)
            {
                if (slopes[k] >= slopes[current]) continue;
                double at = (intercepts[k] - intercepts[current]) / (slopes[current] - slopes[k]);
                if (at < t) at = t;
                if (at < crossing || (at == crossing && next >= 0 && slopes[k] < slopes[next]))
                {
                    crossing = at;
                    next = k;
                }
            }
            double nextTail = next < 0 ? 0 : Math.Exp(-crossing * crossing / (2 * variance));
            masses[current] += scale * (tail - nextTail);
            if (next < 0 || nextTail == 0) return;
            current = next;
            t = crossing;
            tail = nextTail;
        }
    }
}
