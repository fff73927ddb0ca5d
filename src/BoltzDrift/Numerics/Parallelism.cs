namespace BoltzDrift.Numerics;

/// <summary>
/// How many threads the numeric kernels may use. Work is always cut into the same fixed chunks
/// whatever the thread count, and each chunk writes only its own outputs, so results do not depend on
/// how many threads ran them.
/// </summary>
public sealed class Parallelism
{
    /// <summary>Uses every core.</summary>
    public static Parallelism Default { get; } = new(Environment.ProcessorCount);

    /// <summary>Runs everything on the calling thread.</summary>
    public static Parallelism Serial { get; } = new(1);

    private readonly ParallelOptions _options;

    public Parallelism(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Threads = threads;
        _options = new ParallelOptions { MaxDegreeOfParallelism = threads };
    }

    /// <summary>Maximum number of threads.</summary>
    public int Threads { get; }

    /// <summary>
    /// Calls <paramref name="body"/>(start, end) for consecutive chunks of [0, count) of
    /// <paramref name="chunk"/> items each (the last may be shorter), in parallel when it pays.
    /// </summary>
    public void For(int count, int chunk, Action<int, int> body)
    {
        int chunks = (count + chunk - 1) / chunk;
        if (Threads == 1 || chunks <= 1)
        {
            for (int c = 0; c < chunks; c++) body(c * chunk, Math.Min(count, (c + 1) * chunk));
            return;
        }
        Parallel.For(0, chunks, _options, c => body(c * chunk, Math.Min(count, (c + 1) * chunk)));
    }

    /// <summary>The body of <see cref="For(ReadOnlySpan{float}, Span{float}, int, int, ChunkOverSpans)"/>: one chunk, with the whole input and output.</summary>
    public delegate void ChunkOverSpans(int start, int end, ReadOnlySpan<float> input, Span<float> output);

    /// <summary>
    /// <see cref="For(int, int, Action{int, int})"/> over spans: lambdas cannot capture spans, so the two are
    /// pinned for the duration of the loop and handed to every chunk.
    /// </summary>
    public unsafe void For(ReadOnlySpan<float> input, Span<float> output, int count, int chunk, ChunkOverSpans body)
    {
        fixed (float* pi = input) fixed (float* po = output)
        {
            nint ii = (nint)pi, io = (nint)po;
            int inputLength = input.Length, outputLength = output.Length;
            For(count, chunk, (i0, i1) => body(i0, i1, new ReadOnlySpan<float>((void*)ii, inputLength), new Span<float>((void*)io, outputLength)));
        }
    }
}
