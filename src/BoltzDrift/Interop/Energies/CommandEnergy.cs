using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using BoltzDrift.Energies;

namespace BoltzDrift.Interop.Energies;

/// <summary>
/// An energy computed by another process, started from a command line (e.g. <c>python3 my_energy.py</c>), which
/// exchanges batches of points with BoltzDrift over its standard input and output. The protocol (docs/interop.md;
/// python/boltzdrift_energy.py implements the server side), all integers uint32 and all numbers float64,
/// little-endian:
/// <list type="number">
/// <item>the server starts by writing "BDENERGY", the protocol version (1), its dimension d and flags (bit 0: it
/// can return gradients);</item>
/// <item>each request is "BDRQ", n, d, flags (bit 0: gradients wanted), then the n × d coordinates row by row;</item>
/// <item>each reply is "BDRP", n, flags (bit 0: gradients follow), then n energies, then n × d gradients if flagged;</item>
/// <item>BoltzDrift closes the server's standard input when it is done; the server then exits.</item>
/// </list>
/// A crash, a malformed or short reply, no reply within the time-out, or a NaN energy ends the exchange with an
/// <see cref="EnergyFailedException"/> naming what happened (and the server's last line on stderr, if any).
/// Requests are sent one at a time (calls from several threads wait their turn); +∞ is a valid energy.
/// </summary>
public sealed class CommandEnergy : Energy, IDisposable
{
    private const int ProtocolVersion = 1;
    private static ReadOnlySpan<byte> Hello => "BDENERGY"u8;
    private static ReadOnlySpan<byte> RequestMagic => "BDRQ"u8;
    private static ReadOnlySpan<byte> ReplyMagic => "BDRP"u8;

    private readonly Process _process;
    private readonly Stream _toServer, _fromServer;
    private readonly TimeSpan _timeout;
    private readonly string _command;
    private readonly Lock _exchange = new();
    private readonly Queue<string> _stderr = new();
    private readonly Thread _stderrReader;
    private bool _failed;

    private CommandEnergy(Process process, string command, TimeSpan timeout)
    {
        _process = process;
        _command = command;
        _timeout = timeout;
        _toServer = process.StandardInput.BaseStream;
        _fromServer = process.StandardOutput.BaseStream;
        // The server's stderr is read on a thread of its own, keeping the last lines for error messages.
        _stderrReader = new Thread(() =>
        {
            while (process.StandardError.ReadLine() is { } line)
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                lock (_stderr)
                {
                    _stderr.Enqueue(line.Trim());
                    if (_stderr.Count > 5) _stderr.Dequeue();
                }
            }
        }) { IsBackground = true, Name = "energy command stderr" };
        _stderrReader.Start();
    }

    public override int Dimension => _dimension;
    private int _dimension;

    public override bool HasGradient => _hasGradient;
    private bool _hasGradient;

    /// <summary>Starts <paramref name="command"/> (run by /bin/sh, or cmd.exe on Windows) and reads its greeting.</summary>
    /// <param name="command">The command line, e.g. <c>python3 my_energy.py</c>.</param>
    /// <param name="timeout">Longest wait for the greeting or for any one reply.</param>
    /// <exception cref="EnergyFailedException">The command could not start, or did not greet as the protocol says.</exception>
    public static CommandEnergy Start(string command, TimeSpan timeout)
    {
        if (string.IsNullOrWhiteSpace(command)) throw new ArgumentException("--energy-command: the command is empty.");
        bool windows = OperatingSystem.IsWindows();
        var info = new ProcessStartInfo(windows ? "cmd.exe" : "/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(windows ? "/c" : "-c");
        info.ArgumentList.Add(command);
        Process process;
        try { process = Process.Start(info) ?? throw new EnergyFailedException($"energy command '{command}' did not start."); }
        catch (System.ComponentModel.Win32Exception e) { throw new EnergyFailedException($"energy command '{command}' did not start: {e.Message}.", e); }
        var energy = new CommandEnergy(process, command, timeout);
        try
        {
            energy.Exchange("its greeting", () =>
            {
                var hello = energy.ReadExactly(Hello.Length + 12);
                if (!hello.AsSpan(0, Hello.Length).SequenceEqual(Hello))
                    throw energy.Fail($"did not start with the protocol's greeting (it wrote \"{Printable(hello.AsSpan(0, Hello.Length))}\"; a server must call boltzdrift_energy.serve or follow docs/interop.md, and print nothing else on stdout)");
                int version = (int)BinaryPrimitives.ReadUInt32LittleEndian(hello.AsSpan(8));
                if (version != ProtocolVersion) throw energy.Fail($"speaks protocol version {version}; this BoltzDrift speaks {ProtocolVersion}");
                energy._dimension = (int)BinaryPrimitives.ReadUInt32LittleEndian(hello.AsSpan(12));
                energy._hasGradient = (BinaryPrimitives.ReadUInt32LittleEndian(hello.AsSpan(16)) & 1) != 0;
                if (energy._dimension < 1) throw energy.Fail("declared dimension 0; serve(..., dim=D) must name the dimension");
            });
        }
        catch
        {
            energy.Dispose();
            throw;
        }
        return energy;
    }

    public override double Evaluate(ReadOnlySpan<double> point)
    {
        CheckShape(point.Length, 1);
        var energies = new double[1];
        Request(point.ToArray(), 1, energies, null);
        return energies[0];
    }

    public override void Evaluate(ReadOnlySpan<float> points, Span<float> energies)
    {
        CheckShape(points.Length, energies.Length);
        if (energies.IsEmpty) return;
        var x = new double[points.Length];
        for (int i = 0; i < x.Length; i++) x[i] = points[i];
        var e = new double[energies.Length];
        Request(x, energies.Length, e, null);
        for (int i = 0; i < e.Length; i++) energies[i] = (float)e[i];
    }

    public override double Gradient(ReadOnlySpan<double> point, Span<double> gradient)
    {
        if (!HasGradient) throw new NotSupportedException($"The energy command '{_command}' returns energies only (serve(..., gradient=...) adds gradients).");
        CheckShape(point.Length, 1);
        var energies = new double[1];
        var g = new double[Dimension];
        Request(point.ToArray(), 1, energies, g);
        g.CopyTo(gradient);
        return energies[0];
    }

    private void Request(double[] points, int n, double[] energies, double[]? gradients)
    {
        int d = Dimension;
        Exchange($"a batch of {n} points", () =>
        {
            var header = new byte[16];
            RequestMagic.CopyTo(header);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)n);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)d);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), gradients is null ? 0u : 1u);
            try
            {
                _toServer.Write(header);
                _toServer.Write(MemoryMarshal.AsBytes(points.AsSpan()));
                _toServer.Flush();
            }
            catch (IOException) { throw Fail(Exited()); }  // the server is gone: say how it ended

            var reply = ReadExactly(12);
            if (!reply.AsSpan(0, 4).SequenceEqual(ReplyMagic))
                throw Fail($"sent a malformed reply (\"{Printable(reply.AsSpan(0, 4))}\" where \"BDRP\" was expected; is something else printing to stdout?)");
            int count = (int)BinaryPrimitives.ReadUInt32LittleEndian(reply.AsSpan(4));
            bool withGradients = (BinaryPrimitives.ReadUInt32LittleEndian(reply.AsSpan(8)) & 1) != 0;
            if (count != n) throw Fail($"returned {count} energies for {n} points");
            if (gradients is not null && !withGradients) throw Fail("returned no gradients although they were asked for");
            ReadExactly(MemoryMarshal.AsBytes(energies.AsSpan()));
            if (withGradients)
            {
                var g = gradients ?? new double[n * d];
                ReadExactly(MemoryMarshal.AsBytes(g.AsSpan()));
                if (Array.FindIndex(g, double.IsNaN) is var bad and >= 0) throw Fail($"returned a NaN gradient for point {bad / d} ({Point(points, bad / d, d)})");
            }
            if (Array.FindIndex(energies, double.IsNaN) is var nan and >= 0)
                throw Fail($"returned NaN for point {nan} ({Point(points, nan, d)}); return +inf where the density is zero");
        });
    }

    /// <summary>
    /// Runs one exchange under the lock and the time-out; a server that fails once is not asked again. The exchange
    /// runs on the calling thread (a thread-pool hop per batch would cost milliseconds once the pool is busy with
    /// training); a timer stops a server that does not answer in time, which ends the blocked read.
    /// </summary>
    private void Exchange(string what, Action exchange)
    {
        lock (_exchange)
        {
            if (_failed) throw new EnergyFailedException($"energy command '{_command}' failed earlier.");
            int timedOut = 0;
            using var watchdog = new Timer(_ => { Interlocked.Exchange(ref timedOut, 1); Kill(); }, null, _timeout, Timeout.InfiniteTimeSpan);
            try { exchange(); }
            catch (Exception e) when (e is EnergyFailedException or IOException)
            {
                _failed = true;
                if (Volatile.Read(ref timedOut) == 1)
                    throw Fail($"sent no answer to {what} within {_timeout.TotalSeconds:0.#} s (--energy-timeout); it was stopped");
                throw e as EnergyFailedException ?? Fail($"broke off the exchange ({e.Message})");
            }
        }
    }

    private byte[] ReadExactly(int count)
    {
        var buffer = new byte[count];
        ReadExactly(buffer);
        return buffer;
    }

    private void ReadExactly(Span<byte> buffer)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int got = _fromServer.Read(buffer[read..]);
            if (got == 0) throw Fail(Exited());
            read += got;
        }
    }

    private string Exited()
    {
        if (_process.WaitForExit(2000)) return $"exited with code {_process.ExitCode} in the middle of the exchange";
        return "closed its output in the middle of the exchange";
    }

    private EnergyFailedException Fail(string what)
    {
        // Let the last stderr lines arrive: once the server has exited, its stderr closes (unless something it started
        // still holds it open, hence the bound).
        if (_process.WaitForExit(200)) _stderrReader.Join(TimeSpan.FromSeconds(1));
        string? last;
        lock (_stderr) last = _stderr.LastOrDefault();
        return new EnergyFailedException($"energy command '{_command}' {what}" + (last is null ? "." : $"; its last error line: {last}"));
    }

    private static string Point(double[] points, int i, int d) =>
        string.Join(", ", points.Skip(i * d).Take(Math.Min(d, 4)).Select(v => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture))) + (d > 4 ? ", ..." : "");

    private static string Printable(ReadOnlySpan<byte> bytes) =>
        new(Encoding.ASCII.GetString(bytes).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    private void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { }  // it exited meanwhile
    }

    /// <summary>Closes the server's input (its signal to exit), waits briefly for it, then stops it if it is still running.</summary>
    public void Dispose()
    {
        try { _toServer.Dispose(); } catch (IOException) { }
        if (!_process.WaitForExit(2000)) Kill();
        _process.Dispose();
    }
}
