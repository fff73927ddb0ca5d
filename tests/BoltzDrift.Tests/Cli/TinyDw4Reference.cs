using BoltzDrift.Energies;
using BoltzDrift.IO;
using BoltzDrift.Numerics;
using BoltzDrift.References;
using BoltzDrift.Tests.Energies.Field;
using BoltzDrift.Tests.IO;

namespace BoltzDrift.Tests.Cli;

/// <summary>A tiny long-MCMC reference of dw4 cached the way <c>eval</c> and <c>bench</c> look for it (--reference FOLDER).</summary>
internal static class TinyDw4Reference
{
    /// <summary>
    /// Caches a dw4 reference of seed 0 (8 chains x 40 kept draws, milliseconds) in DIR/references, and writes
    /// 320 samples of other chains (seed 1) to DIR/s.npy; returns both paths.
    /// </summary>
    public static (string Folder, string Samples) Cache(TempDirectory dir)
    {
        var dw4 = Targets.Get("dw4");
        string folder = dir.File("references"), samples = dir.File("s.npy");
        ReferenceCache.Save(folder, ReferenceGenerator.Generate(dw4, Settings(0), Parallelism.Serial));
        SampleFile.Write(samples, ReferenceGenerator.Generate(dw4, Settings(1), Parallelism.Serial).Samples);
        return (folder, samples);
    }

    private static ReferenceSettings Settings(ulong seed) => ReferenceGenerationTests.Tiny(seed) with { Chains = 8 };
}
