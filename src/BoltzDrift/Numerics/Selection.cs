namespace BoltzDrift.Numerics;

/// <summary>
/// Order statistics by selection (quickselect) instead of a full sort: O(n) on average. Values are ordered as
/// <see cref="MemoryExtensions.Sort{T}(Span{T})"/> orders them (<see cref="float.CompareTo(float)"/>: NaN first), so
/// the results are the values a sort would put at those places.
/// </summary>
internal static class Selection
{
    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count), which it reorders.</summary>
    public static double Median(Span<float> values)
    {
        int n = values.Length, k = n / 2;
        float upper = Smallest(values, k);
        if (n % 2 == 1) return upper;
        // Everything before position k is now ordered at or below it: the lower middle value is their maximum.
        float lower = values[0];
        for (int i = 1; i < k; i++) if (lower.CompareTo(values[i]) < 0) lower = values[i];
        return 0.5 * (lower + upper);
    }

    /// <summary>
    /// The value a sort would put at position <paramref name="k"/>; leaves values[..k] ordered at or below it and
    /// values[k..] at or above (Hoare partitions around the middle element).
    /// </summary>
    public static float Smallest(Span<float> values, int k)
    {
        if ((uint)k >= (uint)values.Length) throw new ArgumentOutOfRangeException(nameof(k), $"Position {k} is outside 0..{values.Length - 1}.");
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            float pivot = values[lo + (hi - lo) / 2];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i].CompareTo(pivot) < 0) i++;
                while (pivot.CompareTo(values[j]) < 0) j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            // Now values[lo..j] ≤ pivot ≤ values[i..hi], and anything strictly between j and i equals the pivot.
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return values[k];
        }
        return values[k];
    }
}
