using System.Text.Json;
using System.Text.Json.Nodes;
using BoltzDrift.Energies;
using BoltzDrift.IO;
using BoltzDrift.Training;

namespace BoltzDrift.Cli.Configuration;

/// <summary>
/// A <c>--config</c> file: a JSON object holding any subset of the keys of a run's recorded configuration
/// (<see cref="TrainingConfig"/> in the <see cref="Json"/> conventions: snake_case keys, enums as strings).
/// A run's own <c>config.json</c>, with its <c>version</c>/<c>created</c>/<c>config</c> wrapper, is accepted
/// as is, so that a run can be repeated from its record. Keys are checked against the configuration, so a
/// misspelt key is an error rather than a silently ignored setting.
/// </summary>
internal sealed class ConfigFile
{
    /// <summary>The examples in the help of <c>train</c> and <c>demo</c>: a config file and its use.</summary>
    public const string HelpExample =
        """
        --config FILE takes options as JSON, with the keys of a run's config.json (snake_case);
        flags given as well override the file. For example, settings.json:
          { "target": "banana", "steps": 3000, "batch": 512, "estimator": "curvature",
            "bandwidths": [0.3, 1, 2], "learning_rate": 0.0005, "seed": 7 }
        then:
          boltzdrift train --config settings.json --out runs/b1
          boltzdrift train --config settings.json --out runs/b2 --seed 8     # same settings, another seed
          boltzdrift train --config runs/b1/config.json --out runs/b3       # a run's record repeats it
        """;

    private static readonly string[] RecordKeys = ["version", "created", "config"];
    private static readonly Lazy<HashSet<string>> s_knownKeys = new(() =>
        JsonSerializer.SerializeToNode(new TrainingConfig(), Json.Options)!.AsObject().Select(p => p.Key).ToHashSet());

    private readonly JsonObject _settings;

    private ConfigFile(string path, JsonObject settings)
    {
        Path = path;
        _settings = settings;
    }

    public string Path { get; }

    /// <summary>The target the file names, or null if it names none.</summary>
    public string? Target => _settings["target"] is JsonValue v && v.TryGetValue(out string? name) ? name : null;

    /// <summary>The energy expression the file gives, or null.</summary>
    public string? Energy => _settings["energy"] is JsonValue v && v.TryGetValue(out string? text) ? text : null;

    /// <summary>The dimension of the file's energy expression, or null.</summary>
    public int? Dimension => _settings["dimension"] is JsonValue v && v.TryGetValue(out int d) ? d : null;

    /// <summary>Reads and checks a configuration file.</summary>
    /// <exception cref="ArgumentException">The file is not a JSON object, or has a key that is no configuration key (named in the one-line message).</exception>
    public static ConfigFile Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--config: no file '{path}'.");
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }); }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw new ArgumentException($"--config {path}: not valid JSON{where}: {FirstSentence(e.Message)}");
        }
        if (root is not JsonObject settings)
            throw new ArgumentException($"--config {path}: expected a JSON object of settings, such as {{ \"steps\": 3000 }}.");
        if (IsRunRecord(settings)) settings = settings["config"]!.AsObject();
        foreach (var (key, _) in settings)
            if (!s_knownKeys.Value.Contains(key))
                throw new ArgumentException($"--config {path}: unknown key '{key}'; known keys: {string.Join(", ", s_knownKeys.Value)}.");
        RequireType(path, settings, "target", JsonValueKind.String, "a target name");
        RequireType(path, settings, "energy", JsonValueKind.String, "an expression");
        RequireType(path, settings, "dimension", JsonValueKind.Number, "a whole number");
        if (settings["energy"] is not null && settings["target"] is JsonValue target && target.GetValue<string>() != Targets.ExpressionName)
            throw new ArgumentException($"--config {path}: 'energy' and 'target' both name the target; give one of them.");
        return new ConfigFile(path, settings);
    }

    /// <summary><paramref name="defaults"/> with every setting of the file applied (not yet validated).</summary>
    /// <exception cref="ArgumentException">A value has the wrong type for its key.</exception>
    public TrainingConfig ApplyTo(TrainingConfig defaults)
    {
        var merged = JsonSerializer.SerializeToNode(defaults, Json.Options)!.AsObject();
        foreach (var (key, value) in _settings) merged[key] = value?.DeepClone();
        try
        {
            return merged.Deserialize<TrainingConfig>(Json.Options)
                ?? throw new ArgumentException($"--config {Path}: the settings are null.");
        }
        catch (JsonException e)
        {
            string key = e.Path is { Length: > 2 } p ? p[2..] : "?";
            throw new ArgumentException($"--config {Path}: '{key}' has an invalid value ({_settings[key]?.ToJsonString() ?? "null"}).");
        }
    }

    /// <summary>The targets' keys are read before the rest: a value of the wrong type must not read as "no target given".</summary>
    private static void RequireType(string path, JsonObject settings, string key, JsonValueKind kind, string what)
    {
        if (settings[key] is { } value && value.GetValueKind() != kind && value.GetValueKind() != JsonValueKind.Null)
            throw new ArgumentException($"--config {path}: '{key}' must be {what}, got {value.ToJsonString()}.");
    }

    /// <summary>Whether <paramref name="settings"/> is a run directory's config.json rather than bare settings.</summary>
    private static bool IsRunRecord(JsonObject settings) =>
        settings["config"] is JsonObject && settings.All(p => RecordKeys.Contains(p.Key));

    private static string FirstSentence(string message) => message.Split(". ")[0] + ".";
}
