namespace BoltzDrift.Metrics.Transport;

/// <summary>
/// Candidate rotations for aligning two centred particle configurations in 2-D or 3-D, from anchor
/// correspondences: x's outermost particle p1 (and, in 3-D, the particle p2 farthest from the axis through
/// p1) fix a frame of x; every particle q1 of y at a similar distance from the centre (and every q2 placed
/// like p2 relative to q1) fixes a frame of y, and each pair of frames gives a rotation, and a reflection,
/// taking y's frame onto x's. Each candidate is scored by Σ_p min_q |x_p - R y_q|^2 (nearest neighbours, no
/// matching), and the best few are kept as starts for the alternating refinement. When the configurations
/// are noisy copies, the true correspondence of the anchors is among the candidates, which is what the
/// distance-profile start misses for near-spherical clusters such as LJ13.
/// </summary>
internal sealed class AnchorStarts(ParticleLayout layout, double tolerance)
{
    private readonly double[] _rotated = new double[layout.Dimension];
    private readonly double[] _frameX = new double[9];
    private readonly double[] _frameY = new double[9];
    private readonly double[] _candidate = new double[9];

    /// <summary>
    /// Writes up to <paramref name="keep"/> best candidate rotations (D×D each, best first) into
    /// <paramref name="rotations"/> and returns how many were found.
    /// </summary>
    public int Collect(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> rotations, Span<double> scores, int keep)
    {
        int n = layout.Particles, d = layout.SpatialDimension;
        if (d is not (2 or 3) || n < d) return 0;
        int found = 0;

        int p1 = Outermost(x, n, d, out double radius1);
        if (radius1 == 0) return 0;
        double limit = tolerance * radius1;
        double axial2 = 0, perpendicular2 = 0;
        if (d == 3)
        {
            int p2 = FarthestFromAxis(x, p1, n, out axial2, out perpendicular2);
            if (perpendicular2 == 0) return 0;
            Frame3(x.Slice(p1 * 3, 3), x.Slice(p2 * 3, 3), _frameX);
        }
        else
        {
            Frame2(x.Slice(p1 * 2, 2), _frameX);
        }

        for (int q1 = 0; q1 < n; q1++)
        {
            var yq1 = y.Slice(q1 * d, d);
            double radius = Norm(yq1);
            if (Math.Abs(radius - radius1) > limit || radius == 0) continue;
            if (d == 2)
            {
                Frame2(yq1, _frameY);
                Consider(x, y, rotations, scores, keep, ref found);
                continue;
            }
            for (int q2 = 0; q2 < n; q2++)
            {
                if (q2 == q1) continue;
                var yq2 = y.Slice(q2 * 3, 3);
                double axial = (yq2[0] * yq1[0] + yq2[1] * yq1[1] + yq2[2] * yq1[2]) / radius;
                double perpendicular = Math.Sqrt(Math.Max(0, yq2[0] * yq2[0] + yq2[1] * yq2[1] + yq2[2] * yq2[2] - axial * axial));
                if (Math.Abs(axial - axial2) > limit || Math.Abs(perpendicular - perpendicular2) > limit || perpendicular == 0) continue;
                Frame3(yq1, yq2, _frameY);
                Consider(x, y, rotations, scores, keep, ref found);
            }
        }
        return found;
    }

    /// <summary>Scores R = Fxᵀ Fy and its reflection Fxᵀ diag(1, .., -1) Fy, inserting them into the kept best list.</summary>
    private void Consider(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> rotations, Span<double> scores, int keep, ref int found)
    {
        int d = layout.SpatialDimension, size = d * d;
        for (int reflect = 0; reflect < 2; reflect++)
        {
            for (int a = 0; a < d; a++)
                for (int b = 0; b < d; b++)
                {
                    double s = 0;
                    for (int k = 0; k < d; k++)
                        s += _frameX[k * d + a] * (reflect == 1 && k == d - 1 ? -1 : 1) * _frameY[k * d + b];
                    _candidate[a * d + b] = s;
                }
            // Only a score below the worst kept one matters, so scoring may stop as soon as it is exceeded.
            double bound = found < keep ? double.PositiveInfinity : scores[keep - 1];
            double score = NearestNeighbourScore(x, y, bound);
            if (score >= bound) continue;
            int position = found;
            while (position > 0 && scores[position - 1] > score) position--;
            if (position >= keep) continue;
            int last = Math.Min(found, keep - 1);
            for (int k = last; k > position; k--)
            {
                scores[k] = scores[k - 1];
                rotations.Slice((k - 1) * size, size).CopyTo(rotations.Slice(k * size, size));
            }
            scores[position] = score;
            _candidate.AsSpan(0, size).CopyTo(rotations.Slice(position * size, size));
            if (found < keep) found++;
        }
    }

    /// <summary>Σ_p min_q |x_p - R y_q|^2 for the candidate R, or any value ≥ <paramref name="bound"/> once the sum exceeds it.</summary>
    private double NearestNeighbourScore(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double bound)
    {
        int n = layout.Particles, d = layout.SpatialDimension;
        var r = _candidate;
        var rotated = _rotated;
        if (d == 3)
        {
            for (int q = 0; q < n; q++)
            {
                double y0 = y[3 * q], y1 = y[3 * q + 1], y2 = y[3 * q + 2];
                rotated[3 * q] = r[0] * y0 + r[1] * y1 + r[2] * y2;
                rotated[3 * q + 1] = r[3] * y0 + r[4] * y1 + r[5] * y2;
                rotated[3 * q + 2] = r[6] * y0 + r[7] * y1 + r[8] * y2;
            }
        }
        else
        {
            for (int q = 0; q < n; q++)
                for (int a = 0; a < d; a++)
                {
                    double s = 0;
                    for (int b = 0; b < d; b++) s += r[a * d + b] * y[q * d + b];
                    rotated[q * d + a] = s;
                }
        }
        double total = 0;
        for (int p = 0; p < n; p++)
        {
            double best = double.PositiveInfinity;
            if (d == 3)
            {
                double x0 = x[3 * p], x1 = x[3 * p + 1], x2 = x[3 * p + 2];
                for (int q = 0; q < n; q++)
                {
                    double d0 = x0 - rotated[3 * q], d1 = x1 - rotated[3 * q + 1], d2 = x2 - rotated[3 * q + 2];
                    best = Math.Min(best, d0 * d0 + d1 * d1 + d2 * d2);
                }
            }
            else
            {
                for (int q = 0; q < n; q++)
                {
                    double s = 0;
                    for (int a = 0; a < d; a++)
                    {
                        double difference = x[p * d + a] - rotated[q * d + a];
                        s += difference * difference;
                    }
                    best = Math.Min(best, s);
                }
            }
            total += best;
            if (total >= bound) return total;
        }
        return total;
    }

    private static int Outermost(ReadOnlySpan<double> x, int n, int d, out double radius)
    {
        int best = 0;
        radius = -1;
        for (int p = 0; p < n; p++)
        {
            double r = Norm(x.Slice(p * d, d));
            if (r > radius)
            {
                radius = r;
                best = p;
            }
        }
        return best;
    }

    /// <summary>The particle farthest from the line through the centre and p1, with its axial and perpendicular coordinates.</summary>
    private static int FarthestFromAxis(ReadOnlySpan<double> x, int p1, int n, out double axial, out double perpendicular)
    {
        var axis = x.Slice(p1 * 3, 3);
        double length = Norm(axis);
        int best = -1;
        axial = 0;
        perpendicular = -1;
        for (int p = 0; p < n; p++)
        {
            if (p == p1) continue;
            var xp = x.Slice(p * 3, 3);
            double along = (xp[0] * axis[0] + xp[1] * axis[1] + xp[2] * axis[2]) / length;
            double across = Math.Sqrt(Math.Max(0, xp[0] * xp[0] + xp[1] * xp[1] + xp[2] * xp[2] - along * along));
            if (across > perpendicular)
            {
                perpendicular = across;
                axial = along;
                best = p;
            }
        }
        return best;
    }

    /// <summary>Rows e1 = a/|a|, e2 = perpendicular part of b normalised, e3 = e1 × e2.</summary>
    private static void Frame3(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> frame)
    {
        double la = Norm(a);
        for (int k = 0; k < 3; k++) frame[k] = a[k] / la;
        double along = b[0] * frame[0] + b[1] * frame[1] + b[2] * frame[2];
        for (int k = 0; k < 3; k++) frame[3 + k] = b[k] - along * frame[k];
        double lb = Norm(frame.Slice(3, 3));
        for (int k = 0; k < 3; k++) frame[3 + k] /= lb;
        frame[6] = frame[1] * frame[5] - frame[2] * frame[4];
        frame[7] = frame[2] * frame[3] - frame[0] * frame[5];
        frame[8] = frame[0] * frame[4] - frame[1] * frame[3];
    }

    /// <summary>Rows e1 = a/|a| and e2 = e1 turned by 90°.</summary>
    private static void Frame2(ReadOnlySpan<double> a, Span<double> frame)
    {
        double la = Norm(a);
        frame[0] = a[0] / la;
        frame[1] = a[1] / la;
        frame[2] = -frame[1];
        frame[3] = frame[0];
    }

    private static double Norm(ReadOnlySpan<double> v)
    {
        double s = 0;
        foreach (double c in v) s += c * c;
        return Math.Sqrt(s);
    }
}
