using BoltzDrift.Energies;
using BoltzDrift.Interop.Energies;
using BoltzDrift.Numerics;
using BoltzDrift.Tests.IO;

namespace BoltzDrift.Tests.Interop;

public sealed class CommandEnergyTests : IDisposable
{
    /// <summary>A server's greeting for d = 2 without gradients, as sh's printf writes it.</summary>
    private const string Greeting = @"printf 'BDENERGY\001\000\000\000\002\000\000\000\000\000\000\000'";
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The command that runs python/<paramref name="script"/> with an interpreter that has NumPy; null when there is none.</summary>
    internal static string? NumPyServer(string script) =>
        Python.With("numpy") is { } python ? $"\"{python}\" \"{Path.Combine(Python.Folder, script)}\"" : null;

    /// <summary>A plain-Python server (no NumPy) written for one test: greets with d = 2, then runs <paramref name="body"/> per request.</summary>
    private string PlainServer(string body)
    {
        string python = Python.With() ?? throw new InvalidOperationException("the tests need python3");
        string script = _dir.File("server.py");
        File.WriteAllText(script, string.Join("\n",
            "import struct, sys",
            "out, inp = sys.stdout.buffer, sys.stdin.buffer",
            "out.write(b'BDENERGY' + struct.pack('<III', 1, 2, 0)); out.flush()",
            "while True:",
            "    header = inp.read(16)",
            "    if len(header) < 16: break",
            "    n, d, flags = struct.unpack('<III', header[4:])",
            "    x = struct.unpack('<%dd' % (n * d), inp.read(8 * n * d))",
            "    " + body,
            "    out.flush()", ""));
        return $"\"{python}\" \"{script}\"";
    }

    private static void Mentions(string message, string expected) =>
        Assert.True(message.Contains(expected, StringComparison.Ordinal), $"expected '{expected}' in: {message}");

    [Fact]
    public void A_NumPy_banana_gives_the_built_in_energies_and_gradients()
    {
        if (NumPyServer("banana_energy.py") is not { } command) return;  // .ci/run installs NumPy and says when it could not
        using var energy = CommandEnergy.Start(command, Patient);
        var builtIn = Targets.Get("banana").Energy;
        Assert.Equal(2, energy.Dimension);
        Assert.True(energy.HasGradient);
        var rng = new Rng(4, stream: 1);
        const int n = 5000;
        var points = new float[n * 2];
        for (int i = 0; i < points.Length; i++) points[i] = (float)(2 * rng.NextGaussian());
        var batch = new float[n];
        energy.Evaluate(points, batch);
        Span<double> g = stackalloc double[2], expected = stackalloc double[2];
        for (int i = 0; i < n; i++)
        {
            double[] p = [points[2 * i], points[2 * i + 1]];
            Assert.Equal((float)builtIn.Evaluate(p), batch[i]);
            if (i % 100 != 0) continue;
            Assert.Equal(builtIn.Gradient(p, expected), energy.Gradient(p, g), 1e-12);
            Assert.Equal(expected[0], g[0], 1e-12);
            Assert.Equal(expected[1], g[1], 1e-12);
        }
    }

    [Fact]
    public void A_server_that_hangs_is_stopped_after_the_time_out()
    {
        using var energy = CommandEnergy.Start($"{Greeting}; sleep 60", TimeSpan.FromSeconds(1));
        var e = Assert.Throws<EnergyFailedException>(() => energy.Evaluate([0.0, 0.0]));
        Mentions(e.Message, "sent no answer to a batch of 1 points within 1 s (--energy-timeout); it was stopped");
        Assert.DoesNotContain('\n', e.Message);
        // Once failed, it is not asked again.
        Assert.Contains("failed earlier", Assert.Throws<EnergyFailedException>(() => energy.Evaluate([0.0, 0.0])).Message);
    }

    [Fact]
    public void A_crash_names_the_exit_code_and_the_last_error_line()
    {
        using var energy = CommandEnergy.Start($"{Greeting}; head -c 16 >/dev/null; echo 'boom: the energy crashed' >&2; exit 3", Patient);
        var e = Assert.Throws<EnergyFailedException>(() => energy.Evaluate(new float[200], new float[100]));
        Mentions(e.Message, "exited with code 3 in the middle of the exchange; its last error line: boom: the energy crashed");
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_reply_of_the_wrong_length_is_refused()
    {
        using var energy = CommandEnergy.Start(PlainServer("""out.write(b"BDRP" + struct.pack("<II", n - 1, 0) + struct.pack("<%dd" % (n - 1), *([1.0] * (n - 1))))"""), Patient);
        var e = Assert.Throws<EnergyFailedException>(() => energy.Evaluate(new float[20], new float[10]));
        Mentions(e.Message, "returned 9 energies for 10 points");
    }

    [Fact]
    public void A_NaN_energy_is_an_error_naming_the_point()
    {
        using var energy = CommandEnergy.Start(PlainServer("""out.write(b"BDRP" + struct.pack("<II", n, 0) + struct.pack("<%dd" % n, *[float("nan") if i == 2 else 1.0 for i in range(n)]))"""), Patient);
        var points = new float[] { 0, 0, 1, 1, 0.5f, -2, 3, 3 };
        var e = Assert.Throws<EnergyFailedException>(() => energy.Evaluate(points, new float[4]));
        Mentions(e.Message, "returned NaN for point 2 (0.5, -2); return +inf where the density is zero");
    }

    [Fact]
    public void Infinite_energies_are_valid()
    {
        using var energy = CommandEnergy.Start(PlainServer("""out.write(b"BDRP" + struct.pack("<II", n, 0) + struct.pack("<%dd" % n, *[float("inf")] * n))"""), Patient);
        var energies = new float[3];
        energy.Evaluate(new float[6], energies);
        Assert.All(energies, e => Assert.Equal(float.PositiveInfinity, e));
    }

    [Theory]
    [InlineData("echo 'hello, this is not an energy server'", "did not start with the protocol's greeting (it wrote \"hello, t\"")]
    [InlineData("no-such-command-boltzdrift", "exited with code 127")]
    public void A_command_that_is_no_server_fails_at_start(string command, string expected)
    {
        var e = Assert.Throws<EnergyFailedException>(() => CommandEnergy.Start(command, Patient));
        Mentions(e.Message, expected);
        Assert.DoesNotContain('\n', e.Message);
    }
}
