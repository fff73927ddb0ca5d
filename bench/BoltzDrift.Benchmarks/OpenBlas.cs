using System.Runtime.InteropServices;

namespace BoltzDrift.Benchmarks;

/// <summary>
/// OpenBLAS's single-precision GEMM, the anchor the managed kernels are measured against (Debian: apt-get install
/// libopenblas0). Row-major throughout, like the engine.
/// </summary>
internal static unsafe partial class OpenBlas
{
    private const string Library = "libopenblas.so.0";
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    [LibraryImport(Library, EntryPoint = "cblas_sgemm")]
    private static partial void CblasSgemm(int order, int transA, int transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    [LibraryImport(Library, EntryPoint = "openblas_set_num_threads")]
    public static partial void SetThreads(int threads);

    [LibraryImport(Library, EntryPoint = "openblas_get_corename")]
    private static partial nint CoreName();

    /// <summary>The kernel family OpenBLAS picked for this CPU (e.g. SkylakeX, Haswell, Zen).</summary>
    public static string Core => Marshal.PtrToStringAnsi(CoreName()) ?? "?";

    /// <summary>Whether the library can be loaded here.</summary>
    public static bool IsAvailable => NativeLibrary.TryLoad(Library, out _);

    /// <summary>C[m×n] = op(A) op(B) with the engine's conventions: A stored k×m when transposeA, B stored n×k when transposeB.</summary>
    public static void Sgemm(float[] a, float[] b, float[] c, int m, int k, int n, bool transposeA, bool transposeB)
    {
        fixed (float* pa = a) fixed (float* pb = b) fixed (float* pc = c)
            CblasSgemm(RowMajor, transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans, m, n, k, 1f,
                pa, transposeA ? m : k, pb, transposeB ? k : n, 0f, pc, n);
    }
}
