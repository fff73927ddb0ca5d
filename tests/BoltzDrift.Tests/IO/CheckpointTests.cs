using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BoltzDrift.IO;
using BoltzDrift.Tests.Training;
using BoltzDrift.Training;

namespace BoltzDrift.Tests.IO;

public sealed class CheckpointTests : IDisposable
{
    private const int MagicLength = 16;  // "BOLTZDRIFT-CKPT\n"
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A checkpoint of a tiny run after 3 steps (non-trivial parameters, average and Adam moments).</summary>
    private (string Path, TrainingConfig Config, TrainingState State) Saved(string name = "c.bdck")
    {
        var config = TinyRuns.Config() with { BandwidthFloors = [0.25, 1.0], BandwidthDecay = 0.01, ProposalsLargestBandwidth = 16 };
        var state = TinyRuns.Trained(config, 3).State;
        string path = _dir.File(name);
        Checkpoint.Save(path, config, state);
        return (path, config, state);
    }

    [Fact]
    public void Round_trip_restores_parameters_average_moments_step_shape_and_config_exactly()
    {
        var (path, config, state) = Saved();
        var loaded = Checkpoint.Load(path);

        Assert.Equal(Checkpoint.LibraryVersion, loaded.Version);
        Assert.Equal(3, loaded.State.Step);
        Assert.Equal(state.Network.Shape, loaded.State.Network.Shape);
        Assert.Equal(TinyRuns.Bits(state), TinyRuns.Bits(loaded.State));
        // TrainingConfig is a record holding arrays, so == compares those by reference: compare the serialised forms.
        Assert.Equal(JsonSerializer.Serialize(config, Json.Options), JsonSerializer.Serialize(loaded.Config, Json.Options));
        Assert.Equal(config.Bandwidths, loaded.Config.Bandwidths);
        Assert.Equal(config.BandwidthFloors, loaded.Config.BandwidthFloors);
        Assert.Equal(config with { Bandwidths = [], BandwidthFloors = null }, loaded.Config with { Bandwidths = [], BandwidthFloors = null });
        Assert.Equal((float?)config.MaxGradientNorm, loaded.State.Optimizer.Options.MaxGradientNorm);
    }

    [Fact]
    public void Training_resumed_from_a_checkpoint_continues_exactly_as_if_uninterrupted()
    {
        var config = TinyRuns.Config();
        var straight = TinyRuns.Trained(config, 6).State;
        string path = _dir.File("half.bdck");
        Checkpoint.Save(path, config, TinyRuns.Trained(config, 3).State);
        var loaded = Checkpoint.Load(path);
        var resumed = TinyRuns.Trained(loaded.Config, 3, state: loaded.State).State;
        Assert.Equal(6, resumed.Step);
        Assert.Equal(TinyRuns.Bits(straight), TinyRuns.Bits(resumed));
    }

    [Fact]
    public void Saving_over_an_existing_checkpoint_leaves_no_temporary_files()
    {
        var (path, config, state) = Saved();
        Checkpoint.Save(path, config, state);
        Checkpoint.Save(path, config, state);
        Assert.Equal(["c.bdck"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_flipped_byte_anywhere_is_detected_with_a_message_naming_the_file()
    {
        var (path, _, _) = Saved();
        byte[] original = File.ReadAllBytes(path);
        int headerLength = BitConverter.ToInt32(original, MagicLength + 4);
        int dataStart = MagicLength + 8 + headerLength;
        var offsets = new[] { 0, 5, MagicLength, MagicLength + 5, MagicLength + 8 + headerLength / 2, dataStart, dataStart + 123, original.Length - 40, original.Length - 1 };
        foreach (int offset in offsets)
        {
            byte[] corrupted = (byte[])original.Clone();
            corrupted[offset] ^= 0x10;
            File.WriteAllBytes(path, corrupted);
            var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path));
            Assert.Contains($"'{path}' is not a valid BoltzDrift checkpoint", error.Message);
            Assert.Contains(offset < MagicLength ? "wrong magic bytes" : "checksum mismatch", error.Message);
        }
    }

    [Fact]
    public void A_truncated_file_is_rejected()
    {
        var (path, _, _) = Saved();
        byte[] original = File.ReadAllBytes(path);
        foreach (int length in new[] { 0, 10, MagicLength, 60, original.Length / 2, original.Length - 32, original.Length - 1 })
        {
            File.WriteAllBytes(path, original[..length]);
            var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path));
            Assert.Contains(path, error.Message);
            if (length >= 60) Assert.Contains("corrupted or truncated", error.Message);
        }
    }

    [Fact]
    public void Foreign_files_are_rejected_as_not_checkpoints()
    {
        var rng = new Random(5);
        var random = new byte[4096];
        rng.NextBytes(random);
        File.WriteAllBytes(_dir.File("random.bdck"), random);
        var run = new RunDirectory(_dir.File("run"));
        run.Initialize(TinyRuns.Config());
        Npy.Write(_dir.File("samples.npy"), new Sampling.SampleSet([1, 2, 3, 4], 2));
        File.WriteAllText(_dir.File("text.bdck"), "BOLTZDRIFT-CKPT\nright magic, then just text, long enough to pass the size check\n");

        foreach (string path in new[] { _dir.File("random.bdck"), run.ConfigFile, _dir.File("samples.npy") })
        {
            var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path));
            Assert.Contains("not a checkpoint file", error.Message);
        }
        Assert.Contains("checksum mismatch", Assert.Throws<InvalidDataException>(() => Checkpoint.Load(_dir.File("text.bdck"))).Message);
    }

    [Fact]
    public void A_missing_file_is_reported_as_unreadable()
    {
        string path = _dir.File("absent.bdck");
        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path));
        Assert.Contains("Cannot read checkpoint", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Another_format_version_is_rejected_even_with_a_valid_checksum()
    {
        var (path, _, _) = Saved();
        byte[] bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(2).CopyTo(bytes, MagicLength);
        File.WriteAllBytes(path, Reseal(bytes));
        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path));
        Assert.Contains("format version 2, this build reads version 1", error.Message);
    }

    [Fact]
    public void Inconsistent_contents_behind_a_valid_checksum_are_rejected()
    {
        var (path, _, _) = Saved();
        byte[] original = File.ReadAllBytes(path);
        int headerLength = BitConverter.ToInt32(original, MagicLength + 4);
        byte[] header = original[(MagicLength + 8)..(MagicLength + 8 + headerLength)];
        byte[] data = original[(MagicLength + 8 + headerLength)..^32];

        void Expect(string message, byte[] newHeader, byte[] newData, int? declaredLength = null)
        {
            byte[] body = [.. original[..(MagicLength + 4)], .. BitConverter.GetBytes(declaredLength ?? newHeader.Length), .. newHeader, .. newData];
            File.WriteAllBytes(path, [.. body, .. SHA256.HashData(body)]);
            var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path));
            Assert.Contains(message, error.Message);
        }

        var json = JsonNode.Parse(header)!.AsObject();
        json["parameter_count"] = json["parameter_count"]!.GetValue<int>() + 1;
        Expect("parameter count does not match", Encoding.UTF8.GetBytes(json.ToJsonString()), data);
        Expect("parameter count does not match", header, data[..^4]);
        Expect("header length out of range", header, data, declaredLength: -1);
        Expect("header length out of range", header, data, declaredLength: original.Length);
        Expect("unreadable header", Encoding.UTF8.GetBytes("{\"version\": "), data);
        json = JsonNode.Parse(header)!.AsObject();
        json["surprise"] = 1;
        Expect("unreadable header", Encoding.UTF8.GetBytes(json.ToJsonString()), data);
        foreach (string field in new[] { "version", "config", "shape" })
        {
            json = JsonNode.Parse(header)!.AsObject();
            json[field] = null;
            Expect("incomplete header", Encoding.UTF8.GetBytes(json.ToJsonString()), data);
        }
    }

    [Fact]
    public void A_checkpoint_written_before_centred_particles_existed_loads_without_the_projection()
    {
        var dw4 = BoltzDrift.Energies.Targets.Get("dw4");
        var config = TinyRuns.Config() with { Target = "dw4", CentredParticles = dw4.Particles };
        var state = TinyRuns.Trained(config, 2, dw4.Energy).State;
        string path = _dir.File("old.bdck");
        Checkpoint.Save(path, config, state);
        // The header as the previous version wrote it: the same, without the key.
        byte[] bytes = File.ReadAllBytes(path);
        int headerLength = BitConverter.ToInt32(bytes, MagicLength + 4);
        var header = JsonNode.Parse(bytes.AsSpan(MagicLength + 8, headerLength))!.AsObject();
        Assert.True(header["config"]!.AsObject().Remove("centred_particles"));
        byte[] oldHeader = Encoding.UTF8.GetBytes(header.ToJsonString());
        File.WriteAllBytes(path, Reseal([.. bytes[..(MagicLength + 4)], .. BitConverter.GetBytes(oldHeader.Length), .. oldHeader, .. bytes[(MagicLength + 8 + headerLength)..]]));

        var loaded = Checkpoint.Load(path);
        Assert.Null(loaded.Config.CentredParticles);
        Assert.Equal(TinyRuns.Bits(state), TinyRuns.Bits(loaded.State));
        Assert.Equal(new Sampling.Generator(state.SamplingNetwork).Sample(100, seed: 1).Values,
            Sampling.Generator.For(loaded.Config, loaded.State.SamplingNetwork).Sample(100, seed: 1).Values);
    }

    /// <summary>Recomputes the trailing SHA-256 over everything before it.</summary>
    private static byte[] Reseal(byte[] bytes)
    {
        var body = bytes[..^32];
        return [.. body, .. SHA256.HashData(body)];
    }
}
