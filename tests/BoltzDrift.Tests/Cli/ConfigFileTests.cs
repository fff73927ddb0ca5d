using System.CommandLine;
using BoltzDrift.Cli;
using BoltzDrift.Cli.Configuration;
using BoltzDrift.Drift;
using BoltzDrift.Energies;
using BoltzDrift.Energies.Particles;
using BoltzDrift.Tests.IO;
using BoltzDrift.Training;
using BoltzDrift.Training.Pilot;

namespace BoltzDrift.Tests.Cli;

public sealed class ConfigFileTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string json)
    {
        string path = _folder.File($"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>Parses a command line against the training options, as <c>train</c> does.</summary>
    private static (TrainingOptions Options, ParseResult Parsed) Parse(params string[] args)
    {
        var options = new TrainingOptions();
        var command = new RootCommand();
        options.AddTo(command);
        var parsed = command.Parse(args);
        Assert.Empty(parsed.Errors);
        return (options, parsed);
    }

    [Fact]
    public void File_values_replace_the_pilots_settings_and_keep_the_rest()
    {
        string path = Write("""{ "target": "banana", "steps": 123, "bandwidths": [0.5, 1.5], "estimator": "curvature", "normalization": "none", "max_gradient_norm": 2.5 }""");
        var (options, parsed) = Parse("--config", path);

        var (target, config) = options.ResolveNew(parsed, targetFlag: null, fallbackTarget: null);

        var defaults = AutoSettings.For(Targets.Get("banana"));
        Assert.Equal("banana", target.Name);
        Assert.Equal((123, TargetEstimator.Curvature, DriftNormalization.None, 2.5), (config.Steps, config.Estimator, config.Normalization, config.MaxGradientNorm));
        Assert.Equal([0.5, 1.5], config.Bandwidths);
        Assert.Equal((defaults.Batch, defaults.LearningRate, defaults.Width), (config.Batch, config.LearningRate, config.Width));
    }

    [Fact]
    public void Flags_override_the_file()
    {
        string path = Write("""{ "target": "banana", "steps": 123, "seed": 5, "learning_rate": 0.002 }""");
        var (options, parsed) = Parse("--config", path, "--steps", "7", "--lr", "0.01");

        var (target, config) = options.ResolveNew(parsed, targetFlag: "double-well", fallbackTarget: null);

        Assert.Equal("double-well", target.Name);
        Assert.Equal("double-well", config.Target);
        Assert.Equal((7, 0.01, 5UL), (config.Steps, config.LearningRate, config.Seed));
    }

    [Fact]
    public void An_unknown_key_is_a_one_line_error_naming_it()
    {
        string path = Write("""{ "steps": 10, "learnig_rate": 0.1 }""");

        var e = Assert.Throws<ArgumentException>(() => ConfigFile.Load(path));

        Assert.Contains("unknown key 'learnig_rate'", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_its_key()
    {
        var file = ConfigFile.Load(Write("""{ "batch": "large" }"""));

        var e = Assert.Throws<ArgumentException>(() => file.ApplyTo(new TrainingConfig()));

        Assert.Contains("'batch'", e.Message);
    }

    [Fact]
    public void Malformed_json_and_non_objects_are_user_errors()
    {
        Assert.Throws<ArgumentException>(() => ConfigFile.Load(Write("""{ "steps": 10""")));
        Assert.Throws<ArgumentException>(() => ConfigFile.Load(Write("[1, 2]")));
        Assert.Throws<FileNotFoundException>(() => ConfigFile.Load(_folder.File("missing.json")));
    }

    [Fact]
    public void A_runs_recorded_config_json_repeats_its_configuration()
    {
        var recorded = new TrainingConfig { Target = "banana" } with { Steps = 42, Seed = 9, Bandwidths = [0.4, 1.2], BandwidthFloors = [0.2, 0.6], BandwidthDecay = 0.01 };
        var run = new BoltzDrift.IO.RunDirectory(_folder.File("run"));
        run.Initialize(recorded);

        var (options, parsed) = Parse("--config", run.ConfigFile);
        var (_, config) = options.ResolveNew(parsed, targetFlag: null, fallbackTarget: null);

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(recorded, BoltzDrift.IO.Json.Options),
            System.Text.Json.JsonSerializer.Serialize(config, BoltzDrift.IO.Json.Options));
    }

    [Fact]
    public void Without_target_anywhere_the_fallback_is_used_or_an_error_says_how_to_name_one()
    {
        var (options, parsed) = Parse("--config", Write("""{ "steps": 11 }"""));

        Assert.Equal("gmm4", options.ResolveNew(parsed, null, fallbackTarget: "gmm4").Target.Name);
        var e = Assert.Throws<ArgumentException>(() => options.ResolveNew(parsed, null, fallbackTarget: null));
        Assert.Contains("--target", e.Message);
    }

    [Theory]
    [InlineData("dw4", null, 4, 2)]
    [InlineData("dw4", "auto", 4, 2)]
    [InlineData("dw4", "off", 0, 0)]
    [InlineData("lj13", "on", 13, 3)]
    [InlineData("gmm4", null, 0, 0)]
    [InlineData("gmm4", "auto", 0, 0)]
    [InlineData("gmm4", "off", 0, 0)]
    public void Centre_of_mass_is_on_for_particle_targets_unless_turned_off(string target, string? flag, int particles, int spatial)
    {
        var (options, parsed) = flag is null ? Parse() : Parse("--centre-of-mass", flag);
        var (_, config) = options.ResolveNew(parsed, target, fallbackTarget: null);
        Assert.Equal(particles == 0 ? null : new ParticleLayout(particles, spatial), config.CentredParticles);
    }

    [Fact]
    public void Centre_of_mass_on_for_a_target_without_particles_is_a_clear_error()
    {
        var (options, parsed) = Parse("--centre-of-mass", "on");
        var e = Assert.Throws<ArgumentException>(() => options.ResolveNew(parsed, "gmm4", fallbackTarget: null));
        Assert.Equal("--centre-of-mass on: gmm4 is not a particle system, so it has no centre of mass to fix (only particle targets such as dw4 and lj13 have one).", e.Message);

        var result = CliInvocation.Run("train", "--target", "banana", "--centre-of-mass", "on", "--out", _folder.File("run"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("banana is not a particle system", Assert.Single(result.Error.TrimEnd().Split('\n')));
        Assert.False(Directory.Exists(_folder.File("run")));
    }

    [Fact]
    public void Centre_of_mass_in_a_config_file_is_kept_turned_off_or_rejected_if_it_fits_another_target()
    {
        var dw4Run = new BoltzDrift.IO.RunDirectory(_folder.File("dw4"));
        dw4Run.Initialize(AutoSettings.For(Targets.Get("dw4")));
        Assert.Contains("\"centred_particles\": {", File.ReadAllText(dw4Run.ConfigFile));

        var (options, parsed) = Parse("--config", dw4Run.ConfigFile);
        Assert.Equal(new ParticleLayout(4, 2), options.ResolveNew(parsed, null, fallbackTarget: null).Config.CentredParticles);
        (options, parsed) = Parse("--config", Write("""{ "target": "dw4", "centred_particles": null }"""));
        Assert.Null(options.ResolveNew(parsed, null, fallbackTarget: null).Config.CentredParticles);
        // An older run's record, without the key: the target's default applies.
        (options, parsed) = Parse("--config", Write("""{ "version": "0.1.0", "created": "2025-01-01", "config": { "target": "dw4", "steps": 5 } }"""));
        Assert.Equal(new ParticleLayout(4, 2), options.ResolveNew(parsed, null, fallbackTarget: null).Config.CentredParticles);

        (options, parsed) = Parse("--config", dw4Run.ConfigFile);
        var e = Assert.Throws<ArgumentException>(() => options.ResolveNew(parsed, "lj13", fallbackTarget: null));
        Assert.Contains("does not fit lj13", e.Message);
        (options, parsed) = Parse("--config", dw4Run.ConfigFile, "--centre-of-mass", "auto");
        Assert.Equal(new ParticleLayout(13, 3), options.ResolveNew(parsed, "lj13", fallbackTarget: null).Config.CentredParticles);
    }

    [Fact]
    public void The_train_command_reports_an_unknown_key_on_one_line_of_stderr()
    {
        string path = Write("""{ "stepz": 10 }""");

        var result = CliInvocation.Run("train", "--config", path, "--target", "gmm4", "--out", _folder.File("run"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        string line = Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: --config", line);
        Assert.Contains("'stepz'", line);
    }
}
