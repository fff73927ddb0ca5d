using System.CommandLine;
using BoltzDrift.Energies;
using BoltzDrift.Interop.Energies;
using BoltzDrift.Onnx;
using BoltzDrift.Training;

namespace BoltzDrift.Cli;

/// <summary>
/// <c>--energy-onnx FILE</c> and <c>--energy-command CMD</c>: an energy evaluated outside BoltzDrift, by ONNX Runtime
/// or by another process. The run records it as its target name, <c>onnx:PATH</c> or <c>command:CMD</c>, so that
/// <c>--resume</c> and <c>plot</c> can open it again.
/// </summary>
internal sealed class ExternalEnergyOptions
{
    private const string OnnxPrefix = "onnx:", CommandPrefix = "command:";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public readonly Option<string?> Onnx = new("--energy-onnx")
    {
        HelpName = "FILE.onnx",
        Description = "Your energy as an ONNX model: input x [n, d] (float32 or float64, n free), output E [n], and optionally a second output ∇E [n, d]; "
            + "evaluated in-process by ONNX Runtime, a whole chunk of proposals per call (docs/interop.md).",
    };
    public readonly Option<string?> Command = new("--energy-command")
    {
        HelpName = "COMMAND",
        Description = "Your energy served by another process, e.g. \"python3 my_energy.py\" with python/boltzdrift_energy.py's serve(): "
            + "batches of points go to its stdin and energies come back on its stdout (protocol in docs/interop.md).",
    };
    public readonly Option<double?> Timeout = new("--energy-timeout")
    {
        HelpName = "SECONDS",
        Description = "Longest wait for one reply of --energy-command before it is stopped and training ends with an error (default 60).",
    };

    public IEnumerable<Option> All => [Onnx, Command, Timeout];

    /// <summary>The target name a new run records for the flags given, or null when neither flag is.</summary>
    public string? TargetName(ParseResult r)
    {
        string? onnx = r.GetValue(Onnx), command = r.GetValue(Command);
        if (onnx is not null && command is not null) throw new ArgumentException("--energy-onnx and --energy-command both name the energy: give one of them.");
        return onnx is not null ? OnnxPrefix + Path.GetFullPath(onnx) : command is not null ? CommandPrefix + command : null;
    }

    /// <summary>The target a configuration trains on: its external energy, opened (and checked), or its built-in or expression target.</summary>
    public Target Resolve(ParseResult r, TrainingConfig config) => Resolve(config, r.GetValue(Timeout));

    /// <inheritdoc cref="Resolve(ParseResult, TrainingConfig)"/>
    public static Target Resolve(TrainingConfig config, double? timeoutSeconds = null)
    {
        if (timeoutSeconds is { } t && !(t > 0 && double.IsFinite(t))) throw new ArgumentException($"--energy-timeout must be a positive number of seconds, got {t}.");
        string name = config.Target;
        Energy? energy = name.StartsWith(OnnxPrefix, StringComparison.Ordinal) ? OnnxEnergy.Load(name[OnnxPrefix.Length..])
            : name.StartsWith(CommandPrefix, StringComparison.Ordinal) ? StartCommand(name[CommandPrefix.Length..], timeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : DefaultTimeout)
            : null;
        if (energy is null) return config.ResolveTarget();
        return new Target { Name = name, Description = "energy evaluated outside BoltzDrift", Energy = energy };
    }

    private static CommandEnergy StartCommand(string command, TimeSpan timeout)
    {
        try { return CommandEnergy.Start(command, timeout); }
        catch (EnergyFailedException e) { throw new ArgumentException("--energy-command: " + e.Message, e); }
    }
}
