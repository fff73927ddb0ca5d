using System.CommandLine;
using System.Globalization;
using BoltzDrift.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.References;

namespace BoltzDrift.Cli.Commands;

/// <summary>
/// <c>reference --target dw4 --out DIR</c>: makes (or reuses) the long-MCMC reference set of a target without
/// an exact sampler, caches it in DIR and prints its mixing checks.
/// </summary>
internal static class ReferenceCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "Target without an exact sampler (dw4, lj13).", Required = true };
        var output = new Option<string>("--out")
        {
            Description = "Folder of the cached reference (TARGET-seedS.npy and .json); the default is where eval and bench look (their --reference).",
            DefaultValueFactory = _ => ReferenceOption.DefaultFolder,
        };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the chains.", DefaultValueFactory = _ => 0 };
        var force = OutputGuard.CreateForceOption("a cached reference set made with other settings");
        var threads = new Option<int>("--threads") { Description = "Threads; results do not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("reference", "Make the long-MCMC reference samples of a particle target (cached; centre of mass removed).")
            { target, output, seed, threads, force };
        command.SetAction(r => CliRunner.Run(r, () =>
        {
            var t = Targets.Get(r.GetValue(target)!);
            if (t.ExactSampler is not null)
                throw new ArgumentException($"--target: '{t.Name}' has an exact sampler; its reference samples need no MCMC.");
            int threadCount = r.GetValue(threads);
            if (threadCount < 1) throw new ArgumentException($"--threads must be at least 1, got {threadCount}.");
            var settings = ReferenceSettings.For(t.Name, r.GetValue(seed));
            string folder = r.GetValue(output)!;
            OutputGuard.CreateFolder(folder, "--out");
            string path = ReferenceCache.SamplesPath(folder, t.Name, settings.Seed);
            if (File.Exists(path) && !HoldsSetMadeWith(folder, t.Name, settings))
            {
                if (!r.GetValue(force))
                    throw new ArgumentException($"--out: '{path}' holds a reference set made with other settings (or a damaged one); pass --force to replace it, or choose another folder.");
                File.Delete(ReferenceCache.ManifestPath(folder, t.Name, settings.Seed));
            }

            var reference = ReferenceCache.GetOrCreate(folder, t, settings, out bool reused, new Parallelism(threadCount));
            Print(reference, reused, path);
            return reference.Diagnostics.IsWellMixed ? 0 : CliRunner.MixingCheckFailed;
        }));
        return command;
    }

    /// <summary>Whether the folder's cached set of the target was made with <paramref name="settings"/> and is intact.</summary>
    private static bool HoldsSetMadeWith(string folder, string target, ReferenceSettings settings)
    {
        try
        {
            return ReferenceCache.TryLoad(folder, target, settings) is not null;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static void Print(ReferenceSet reference, bool reused, string path)
    {
        var s = reference.Settings;
        var m = reference.Diagnostics;
        var c = CultureInfo.InvariantCulture;
        string sampler = (s.Temperatures > 1 ? $"parallel tempering ({s.Temperatures} temperatures up to T = {s.MaxTemperature}) with " : "independent chains of ")
                         + (s.Kernel == ReferenceKernel.Hmc ? $"HMC ({s.LeapfrogSteps} leapfrog steps)" : "MALA");
        Console.WriteLine($"{reference.Target}: {reference.Samples.Count:N0} samples (d = {reference.Samples.Dimension}) {(reused ? "reused from" : "written to")} {path}");
        Console.WriteLine($"  {sampler}; {s.Chains} chains x ({s.WarmupSteps:N0} warm-up + {s.SamplingSteps:N0} steps), every {s.Thinning}th kept; seed {s.Seed}");
        Console.WriteLine(string.Create(c, $"  mean energy {m.MeanEnergy:F4} ± {m.MeanEnergyStandardError:F4}; energy ESS {m.EnergyEss:F0}, split R-hat {m.EnergyRHat:F4}"));
        if (m.PairDistanceEss is { } ess && m.PairDistanceRHat is { } rHat)
            Console.WriteLine(string.Create(c, $"  mean pair distance: ESS {ess:F0}, split R-hat {rHat:F4}"));
        Console.WriteLine(string.Create(c, $"  acceptance {m.Acceptance:F3} at step size {m.StepSize:G3}") +
                          (m.SwapRates.Count > 0 ? ", swap rates " + string.Join(" ", m.SwapRates.Select(rate => rate.ToString("F2", c))) : ""));
        Console.WriteLine(string.Create(c, $"  {m.GradientEvaluations:N0} gradient evaluations in {m.Seconds:F1} s{(reused ? " (when generated)" : "")}"));
        foreach (string warning in m.Warnings) Console.Error.WriteLine($"warning: {warning}");
    }
}
