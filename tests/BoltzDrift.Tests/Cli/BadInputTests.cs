using System.Security.Cryptography;
using BoltzDrift.IO;
using BoltzDrift.References;
using BoltzDrift.Sampling;
using BoltzDrift.Tests.IO;

namespace BoltzDrift.Tests.Cli;

/// <summary>
/// A folder of inputs a careless user or script might feed the CLI: a finished run, an unfinished one, sample
/// files good and bad, a cached dw4 reference altered after it was made, a folder where a file belongs. Made
/// once for all <see cref="BadInputTests"/>; outputs a case may create go under <see cref="Scratch"/>.
/// </summary>
public sealed class BadInputFixture : IDisposable
{
    public TempDirectory Dir { get; } = new();

    public BadInputFixture()
    {
        Directory.CreateDirectory(Scratch);
        string[] tiny = ["--steps", "4", "--batch", "32", "--proposals", "4", "--width", "8", "--layers", "1", "--threads", "1", "--quiet", "--no-plots"];
        Require(CliInvocation.Run(["train", "--target", "gmm4", "--out", Path("run"), .. tiny]));
        Require(CliInvocation.Run("sample", "--run", Path("run"), "--count", "200", "--out", Path("ok.npy")));
        Require(CliInvocation.Run("sample", "--run", Path("run"), "--count", "200", "--out", Path("ok.csv")));
        File.WriteAllText(Path("report.json"), "{}");
        File.WriteAllText(Path("notnpy.npy"), "precious notes, not an array");
        File.WriteAllText(Path("notes.txt"), "precious");
        Directory.CreateDirectory(Path("folder.npy"));
        Directory.CreateDirectory(Path("not-a-run"));
        File.WriteAllText(Path("not-a-run/train_log.csv"), "my own notes");
        SampleFile.Write(Path("dim3.npy"), new SampleSet(Enumerable.Range(0, 30).Select(i => (double)i).ToArray(), 3));
        SampleFile.Write(Path("nan.npy"), new SampleSet([0, 1, double.NaN, 2, 3, 4], 2));
        File.WriteAllText(Path("bad.json"), "{ \"steps\": 3 \"batch\": 2 }");
        File.WriteAllText(Path("typo.json"), "{ \"setps\": 3 }");
        File.WriteAllText(Path("dup.json"), "{ \"steps\": 3, \"steps\": 4 }");
        File.WriteAllText(Path("target42.json"), "{ \"target\": 42 }");
        File.WriteAllText(Path("dimstring.json"), "{ \"energy\": \"x^2\", \"dimension\": \"2\" }");
        File.WriteAllText(Path("both.json"), "{ \"energy\": \"x^2\", \"dimension\": 1, \"target\": \"gmm4\" }");

        // A run that stopped before its first checkpoint: config.json and a log, nothing to resume.
        new RunDirectory(Path("stopped")).Initialize(new global::BoltzDrift.Training.TrainingConfig());

        // A finished run with a corrupted model.
        Directory.CreateDirectory(Path("corrupt"));
        byte[] model = File.ReadAllBytes(new RunDirectory(Path("run")).ModelFile);
        model[model.Length / 2] ^= 0xFF;
        File.WriteAllBytes(new RunDirectory(Path("corrupt")).ModelFile, model);

        // A cached dw4 reference altered after it was made, yet still a well-formed .npy (issue #11, bad input X09).
        var (references, dw4Samples) = TinyDw4Reference.Cache(Dir);
        string cached = ReferenceCache.SamplesPath(references, "dw4", 0);
        var altered = Npy.Read(cached);
        for (int i = 0; i < altered.Count; i += 16) altered.Values[i * altered.Dimension] = 50;
        Npy.Write(cached, altered);
        _ = dw4Samples;
    }

    public string Scratch => Dir.File("scratch");

    public string Path(string name) => Dir.File(name);

    private static void Require(CliInvocation.Result result) => Assert.True(result.ExitCode == 0, result.Error);

    public void Dispose() => Dir.Dispose();
}

/// <summary>
/// Bad input, case by case (the 218 bad inputs of issue #11): each must give its documented exit code, exactly one
/// line on stderr, no stack trace, and leave every input file as it was (the whole input folder is hashed before
/// and after; only the case's own output folder may change).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class BadInputTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private const int UserError = 2, Diverged = 3;

    /// <summary>Small training settings, so that the divergence cases run in milliseconds.</summary>
    private const string Tiny = "--batch 32 --proposals 4 --width 8 --layers 1 --threads 1 --quiet --no-plots";

    /// <summary>
    /// Command lines with placeholders: {d} the input folder, {out} a fresh output folder of the case, and
    /// `…` quoting an argument with spaces. The comment after each is what it tries.
    /// </summary>
    public static TheoryData<string, int> Cases => new()
    {
        // Command lines that do not parse: exit 2, one line naming the option and its expected value, no help dump.
        { "train --target gmm4 --steps abc --out {out}/r", UserError },
        { "train --target gmm4 --steps abc --out {out}/r --json", UserError },
        { "train --target gmm4 --out {out}/r --bogus-flag 3", UserError },
        { "train --target gmm4 --out {out}/r --estimator magic", UserError },
        { "train --target gmm4 --out {out}/r --normalization l2", UserError },
        { "train --target gmm4 --out {out}/r --self-pair maybe", UserError },
        { "train --target gmm4 --out {out}/r --centre-of-mass sideways", UserError },
        { "train --target gmm4 --out {out}/r --seed -1", UserError },
        { "train --target gmm4 --out {out}/r --seed 18446744073709551616", UserError },
        { "train --target gmm4 --out {out}/r --lr inf", UserError },
        { "train --energy x0^2 --dim 3000000000 --out {out}/r", UserError },
        { "train --target gmm4 --out {out}/r --steps", UserError },
        { "sample --run {d}/run --count 1e10 --out {out}/s.npy", UserError },
        { "sample --run {d}/run --seed -1 --out {out}/s.npy", UserError },
        { "sample --count 10 --out {out}/s.npy", UserError },
        { "eval --target gmm4", UserError },
        { "reference --target dw4 --seed -1 --out {out}", UserError },
        { "bench --target gmm4 --budget-evals lots --out {out}", UserError },
        { "nosuchcommand", UserError },
        { "", UserError },
        { "plot", UserError },

        // Option values out of range, with NaN and infinities: exit 2, the valid range named.
        { "train --target gmm4 --out {out}/r --lr-decay-start 2", UserError },
        { "train --target gmm4 --out {out}/r --lr-decay-start -1", UserError },
        { "train --target gmm4 --out {out}/r --lr-decay-start nan", UserError },
        { "train --target gmm4 --out {out}/r --checkpoint-every -1", UserError },
        { "train --target gmm4 --out {out}/r --lr nan", UserError },
        { "train --target gmm4 --out {out}/r --lr Infinity", UserError },
        { "train --target gmm4 --out {out}/r --lr 0", UserError },
        { "train --target gmm4 --out {out}/r --lr-decay-factor 0", UserError },
        { "train --target gmm4 --out {out}/r --clip Infinity", UserError },
        { "train --target gmm4 --out {out}/r --clip nan", UserError },
        { "train --target gmm4 --out {out}/r --bandwidths 1e308,1e-308", UserError },
        { "train --target gmm4 --out {out}/r --bandwidths -1,1,2", UserError },
        { "train --target gmm4 --out {out}/r --bandwidths nan", UserError },
        { "train --target double-well --out {out}/r --blocks 0,x", UserError },
        { "train --target double-well --out {out}/r --blocks 0;0", UserError },
        { "train --target double-well --out {out}/r --blocks 0;2", UserError },
        { "train --target gmm4 --out {out}/r --bandwidths 0.3,,2", UserError },
        { "train --target gmm4 --out {out}/r --bandwidth-decay Infinity", UserError },
        { "train --target gmm4 --out {out}/r --bandwidth-floors 5,5,5 --bandwidth-decay 0.1", UserError },
        { "train --target gmm4 --out {out}/r --initial-spread 1e30", UserError },
        { "train --target gmm4 --out {out}/r --initial-spread nan", UserError },
        { "train --target gmm4 --out {out}/r --ema 1", UserError },
        { "train --target gmm4 --out {out}/r --batch 1", UserError },
        { "train --target gmm4 --out {out}/r --steps 0", UserError },
        { "train --target gmm4 --out {out}/r --proposals 3", UserError },
        { "train --target gmm4 --out {out}/r --proposals-large 0", UserError },
        { "train --target gmm4 --out {out}/r --threads 0", UserError },
        { "train --target gmm4 --out {out}/r --width 0", UserError },
        { "train --target gmm4 --out {out}/r --plot-count 0", UserError },
        { "train --target gmm4 --out {out}/r --width 100000 --layers 3", UserError },
        { "train --target gmm5 --out {out}/r", UserError },
        { "train --target gmm4 --energy x^2+y^2 --dim 2 --out {out}/r", UserError },
        { "train --target gmm4 --dim 3 --out {out}/r", UserError },
        { "train --energy x^2+y^2 --out {out}/r", UserError },
        { "train --energy x0^2 --dim 0 --out {out}/r", UserError },
        { "train --steps 20 --out {out}/r", UserError },
        { "train --target gmm4", UserError },
        { "train --target gmm4 --out {out}/r --centre-of-mass on", UserError },
        { "train --config {d}/missing.json --out {out}/r", UserError },
        { "train --config {d}/bad.json --out {out}/r", UserError },
        { "train --config {d}/typo.json --target gmm4 --out {out}/r", UserError },
        { "train --config {d}/dup.json --target gmm4 --out {out}/r", UserError },
        { "train --config {d}/target42.json --out {out}/r", UserError },
        { "train --config {d}/dimstring.json --out {out}/r", UserError },
        { "train --config {d}/both.json --out {out}/r", UserError },
        { "train --config {d}/folder.npy --out {out}/r", UserError },
        { "bench --target gmm4 --budget-evals -5 --out {out}", UserError },
        { "bench --target gmm4 --budget-seconds nan --out {out}", UserError },
        { "bench --target gmm4 --budget-evals 1000 --budget-seconds 5 --out {out}", UserError },
        { "bench --target gmm4 --seeds a,b --out {out}", UserError },
        { "bench --target gmm4 --seeds `` --out {out}", UserError },
        { "bench-speed --repeats 0 --batch 64", UserError },
        { "bench-speed --samples 0 --batch 64", UserError },
        { "plot --run {d}/run --count 0", UserError },
        { "reference --target gmm4 --out {out}", UserError },
        { "reference --target dw4 --threads 0 --out {out}", UserError },

        // Malformed energy expressions: one line with the column.
        { "train --energy `(x^2 + y^2` --dim 2 --out {out}/r", UserError },
        { "train --energy `foo(x) + y^2` --dim 2 --out {out}/r", UserError },
        { "train --energy `x5^2 + y^2` --dim 2 --out {out}/r", UserError },
        { "train --energy `` --dim 2 --out {out}/r", UserError },
        { "train --energy `x² + y^2` --dim 2 --out {out}/r", UserError },
        { "train --energy `x^2 + 😀` --dim 2 --out {out}/r", UserError },
        { "train --energy `sum(i,0,99999,x[i]^2)` --dim 2 --out {out}/r", UserError },
        { "train --energy `" + new string('(', 10_000) + "x" + new string(')', 10_000) + "` --dim 2 --out {out}/r", UserError },

        // Degenerate energies and divergence: exit 3 with the cause, before training (the pilot finds no finite
        // minimum) or within its first steps.
        { $"train --energy 0/0 --dim 2 --steps 50 {Tiny} --out {{out}}/r", Diverged },
        { $"train --energy `1/0 + x^2` --dim 2 --steps 50 {Tiny} --out {{out}}/r", Diverged },
        { $"train --energy `-x^2 - y^2` --dim 2 --steps 2000 {Tiny} --out {{out}}/r", Diverged },
        { $"train --energy `-x^4` --dim 2 --steps 2000 {Tiny} --out {{out}}/r", Diverged },
        { $"train --energy `-exp(10*x) + y^2` --dim 2 --steps 100 {Tiny} --out {{out}}/r", Diverged },
        { $"train --energy `1e999*x` --dim 2 --steps 100 {Tiny} --out {{out}}/r", Diverged },
        { $"train --energy `-1e38*x^2 - y^2` --dim 2 --steps 100 {Tiny} --out {{out}}/r", Diverged },
        { $"train --target gmm4 --lr 1e9 --steps 100 {Tiny} --out {{out}}/r", Diverged },

        // Files: never written over by surprise, never an input, never inside a run; folders and missing paths.
        { "sample --run {d}/nowhere --count 10 --out {out}/s.npy", UserError },
        { "sample --run {d}/corrupt --count 10 --out {out}/s.npy", UserError },
        { "sample --run {d}/stopped --count 10 --out {out}/s.npy", UserError },
        { "sample --run {d}/run --count 10 --out {d}/folder.npy", UserError },
        { "sample --run {d}/run --count 10 --out {d}/ok.npy", UserError },
        { "sample --run {d}/run --count 10 --out {d}/run/train_log.csv", UserError },
        { "sample --run {d}/run --count 10 --out {d}/run/train_log.csv --force", UserError },
        { "sample --run {d}/run --count 10 --out {d}/run/model.bdck --force", UserError },
        { "sample --run {d}/run --count 10 --out {out}/s.txt", UserError },
        { "sample --run {d}/run --count 10 --out {d}/nonexistent-dir/s.npy", UserError },
        { "sample --run {d}/run --count 2147483647 --out {out}/s.npy", UserError },
        { "sample --run {d}/run --count 0 --out {out}/s.npy", UserError },
        { "eval --target gmm4 --samples {d}/folder.npy", UserError },
        { "eval --target gmm4 --samples {d}/missing.npy", UserError },
        { "eval --target gmm4 --samples {d}/notnpy.npy", UserError },
        { "eval --target gmm4 --samples {d}/dim3.npy", UserError },
        { "eval --target gmm4 --samples {d}/nan.npy", UserError },
        { "eval --target gmm4 --samples {d}/notes.txt", UserError },
        { "eval --target gmm4 --samples {d}/ok.npy --json {d}/ok.npy", UserError },
        { "eval --target gmm4 --samples {d}/ok.npy --json {d}/ok.npy --force", UserError },
        { "eval --target gmm4 --samples {d}/ok.npy --json {d}/report.json", UserError },
        { "eval --target gmm4 --samples {d}/ok.npy --json {d}/run/config.json --force", UserError },
        { "eval --target gmm4 --samples {d}/ok.npy --json {d}/folder.npy", UserError },
        { "eval --target gmm4 --samples {d}/ok.npy --json {d}/nonexistent-dir/r.json", UserError },
        { "eval --target dw4 --samples {d}/s.npy --transport --transport-samples 60 --reference {d}/references", UserError },
        { $"train --target gmm4 --steps 4 {Tiny} --out {{d}}/run", UserError },
        { $"train --target gmm4 --steps 4 {Tiny} --out {{d}}/not-a-run", UserError },
        { $"train --target gmm4 --steps 4 {Tiny} --out {{d}}/notes.txt", UserError },
        { $"demo --target gmm4 --steps 4 {Tiny} --out {{d}}/run", UserError },
        { "train --resume {d}/nowhere", UserError },
        { "train --resume {d}/stopped", UserError },
        { "train --resume {d}/run", UserError },
        { "train --resume {d}/run --steps 8 --lr 0.5", UserError },
        { "train --resume {d}/run --target gmm4", UserError },
        { "bench --target gmm4 --out {d}/notes.txt", UserError },
        { "reference --target dw4 --out {d}/notes.txt", UserError },
        { "reference --target dw4 --out {d}/references", UserError },
        { "suite --out {d}/notes.txt", UserError },
        { "suite --shard 5/2 --out {out}", UserError },
        { "suite --targets nope --out {out}", UserError },
        { "suite collect {d}/nowhere --out {out}", UserError },
        { "plot --run {d}/nowhere", UserError },
        { "plot --run {d}/corrupt", UserError },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_is_one_line_on_stderr_with_its_exit_code_and_changes_no_input(string commandLine, int exitCode)
    {
        string output = Path.Combine(fixture.Scratch, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        string[] args = Arguments(commandLine.Replace("{d}", fixture.Dir.Path).Replace("{out}", output));
        var before = HashInputs();

        var result = CliInvocation.Run(args);

        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}, expected {exitCode}; stderr: {result.Error}");
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}: {result.Error}");
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
        Assert.DoesNotContain("System.", result.Error);
        if (exitCode == UserError) Assert.DoesNotContain("Usage:", result.Output);
        Assert.Equal(before, HashInputs());
    }

    [Fact]
    public void The_table_covers_at_least_80_cases() => Assert.True(Cases.Count >= 80, $"{Cases.Count} cases");

    /// <summary>A run directory another writer holds: train, demo and --resume fail at once, naming that process.</summary>
    [Theory]
    [InlineData("train --resume {d}/run --steps 8")]
    [InlineData("train --target gmm4 --out {d}/run --force")]
    [InlineData("demo --out {d}/run --force")]
    public void A_locked_run_directory_is_refused_with_the_holders_process_id(string commandLine)
    {
        var before = HashInputs();
        CliInvocation.Result result;
        using (RunLock.Acquire(fixture.Path("run")))
            result = CliInvocation.Run(Arguments(commandLine.Replace("{d}", fixture.Dir.Path)));
        Assert.Equal(UserError, result.ExitCode);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"in use by another boltzdrift process (process id {Environment.ProcessId})", line);
        Assert.Equal(before, HashInputs());
    }

    /// <summary>The command line split at spaces, with `…` quoting (an empty `` is an empty argument).</summary>
    private static string[] Arguments(string commandLine)
    {
        var args = new List<string>();
        var parts = commandLine.Split('`');
        for (int i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1) args.Add(parts[i]);
            else args.AddRange(parts[i].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        return [.. args];
    }

    /// <summary>Every file of the input folder but the scratch outputs, with the SHA-256 of its content.</summary>
    private SortedDictionary<string, string> HashInputs() => new(Directory
        .EnumerateFiles(fixture.Dir.Path, "*", SearchOption.AllDirectories)
        .Where(file => !file.StartsWith(fixture.Scratch, StringComparison.Ordinal) && Path.GetFileName(file) != RunLock.FileName)
        .ToDictionary(file => Path.GetRelativePath(fixture.Dir.Path, file), file => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)))), StringComparer.Ordinal);
}
