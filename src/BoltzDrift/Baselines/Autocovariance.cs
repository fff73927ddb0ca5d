using System.Numerics;

namespace BoltzDrift.Baselines;

/// <summary>The sample autocovariance of a series at every lag, by FFT in O(n log n).</summary>
internal static class Autocovariance
{
    /// <summary>
    /// γ(t) = (1/n) Σ_{i &lt; n-t} (x_i - x̄)(x_{i+t} - x̄) for t = 0 … n-1 (the biased estimator, as in Stan),
    /// from the power spectrum of the centred series zero-padded to at least 2n points.
    /// </summary>
    public static double[] Compute(ReadOnlySpan<double> series)
    {
        int n = series.Length;
        double mean = 0;
        foreach (double x in series) mean += x;
        mean /= n;
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * n));
        var real = new double[size];
        var imaginary = new double[size];
        for (int i = 0; i < n; i++) real[i] = series[i] - mean;

        Fft(real, imaginary);
        for (int i = 0; i < size; i++)
        {
            real[i] = real[i] * real[i] + imaginary[i] * imaginary[i];
            imaginary[i] = 0;
        }
        Fft(real, imaginary);   // the power spectrum is real and even, so the forward transform inverts it up to 1/size

        var autocovariance = new double[n];
        for (int t = 0; t < n; t++) autocovariance[t] = real[t] / ((double)size * n);
        return autocovariance;
    }

    /// <summary>In-place iterative radix-2 forward DFT, X_k = Σ_j x_j e^{-2πi jk/N}; the length is a power of two.</summary>
    private static void Fft(double[] real, double[] imaginary)
    {
        int size = real.Length;
        for (int i = 1, j = 0; i < size; i++)
        {
            int bit = size >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j |= bit;
            if (i < j)
            {
                (real[i], real[j]) = (real[j], real[i]);
                (imaginary[i], imaginary[j]) = (imaginary[j], imaginary[i]);
            }
        }
        for (int length = 2; length <= size; length <<= 1)
        {
            int half = length >> 1;
            double angle = -2 * Math.PI / length;
            for (int k = 0; k < half; k++)
            {
                double wr = Math.Cos(angle * k), wi = Math.Sin(angle * k);
                for (int start = 0; start < size; start += length)
                {
                    int a = start + k, b = a + half;
                    double tr = wr * real[b] - wi * imaginary[b];
                    double ti = wr * imaginary[b] + wi * real[b];
                    real[b] = real[a] - tr;
                    imaginary[b] = imaginary[a] - ti;
                    real[a] += tr;
                    imaginary[a] += ti;
                }
            }
        }
    }
}
