using System.CommandLine;
using BoltzDrift.Energies;
using BoltzDrift.Engine;
using BoltzDrift.Numerics;
using BoltzDrift.Sampling;
using BoltzDrift.Training;

namespace BoltzDrift.Cli.Commands;

internal static class BenchSpeedCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "Built-in target (default gmm4, or the --config file's)." };
        var repeats = new Option<int>("--repeats") { Description = "Timed training steps (after warm-up).", DefaultValueFactory = _ => 100 };
        var sampleCount = new Option<int>("--samples") { Description = "Samples drawn per throughput measurement.", DefaultValueFactory = _ => 1_000_000 };
        var options = new TrainingOptions();
        var command = new Command("bench-speed",
            "Measure the median training-step time, split into network, target drift and sampler drift, and the sampling throughput.")
            { target, repeats, sampleCount };
        options.AddTo(command);
        command.SetAction(r => CliRunner.Run(r, () =>
        {
            var output = r.InvocationConfiguration.Output;
            var (t, resolved) = options.ResolveNew(r, r.GetValue(target), fallbackTarget: "gmm4");
            var config = resolved with { Steps = int.MaxValue };
            int n = r.GetValue(repeats);
            if (n < 1) throw new ArgumentException($"--repeats must be at least 1, got {n}.");
            if (r.GetValue(sampleCount) < 1) throw new ArgumentException($"--samples must be at least 1, got {r.GetValue(sampleCount)}.");
            output.WriteLine($"{t.Name}: batch {config.Batch}, {config.Estimator}, M = {config.Proposals}, bandwidths {string.Join(",", config.Bandwidths)}, " +
                $"network {config.HiddenLayers}x{config.Width}, {config.Threads} threads, SIMD {Kernels.EffectiveWidth}");
            var trainer = new Trainer(config, t.Energy);
            WarmUp(trainer, n);
            var reports = Enumerable.Range(0, n).Select(_ => trainer.Step()).ToList();
            static double Median(IEnumerable<double> xs) { var a = xs.Order().ToArray(); return a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2; }
            double net = Median(reports.Select(x => x.NetworkTime.TotalMilliseconds));
            double target_ = Median(reports.Select(x => x.TargetDriftTime.TotalMilliseconds));
            double sampler = Median(reports.Select(x => x.SamplerDriftTime.TotalMilliseconds));
            double total = Median(reports.Select(x => (x.NetworkTime + x.TargetDriftTime + x.SamplerDriftTime).TotalMilliseconds));
            output.WriteLine($"training step (median of {n}): {total:F2} ms = network {net:F2} + target drift {target_:F2} + sampler drift {sampler:F2} ms");
            output.WriteLine($"energy evaluations per step: {reports[0].EnergyEvaluations:N0}; gradient evaluations: {reports[0].GradientEvaluations:N0}; "
                + $"target side {reports[0].EnergyEvaluations / (target_ / 1000):E3} evaluations/s (median step)");

            var generator = Generator.For(config, trainer.State.SamplingNetwork);
            int count = r.GetValue(sampleCount);
            var buffer = new float[count * t.Dimension];
            generator.Sample(buffer, Math.Min(count, 65_536), 0);  // warm-up
            var times = new List<double>();
            for (int i = 0; i < 5; i++)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                generator.Sample(buffer, count, (ulong)i);
                times.Add(clock.Elapsed.TotalSeconds);
            }
            output.WriteLine($"sampling: {count / Median(times):N0} samples/s (median of 5 runs of {count:N0})");
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Steps until the JIT is done: the runtime first runs quickly compiled code and swaps in optimised code in the
    /// background, some hundreds of milliseconds and several tiers later, so a fixed handful of steps leaves part of
    /// the timed steps on slow code. At least min(20, repeats) steps, then until nothing has been compiled for 0.5 s (on the
    /// project's machine the JIT is still at work some 250 steps of gmm4 in, with pauses of 0.3 s),
    /// at most 10 × repeats steps.
    /// </summary>
    private static void WarmUp(Trainer trainer, int repeats)
    {
        long compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var quiet = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 10L * repeats && (i < Math.Min(20, repeats) || quiet.Elapsed.TotalSeconds < 0.5); i++)
        {
            trainer.Step();
            long now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled) quiet.Restart();
            compiled = now;
        }
    }
}
