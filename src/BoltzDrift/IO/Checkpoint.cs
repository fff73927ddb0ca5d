using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BoltzDrift.Engine;
using BoltzDrift.Training;

namespace BoltzDrift.IO;

/// <summary>
/// A training checkpoint: configuration, library version, network weights, weight average and
/// optimiser state, in one binary file ending with a SHA-256 of everything before it.
/// Layout: magic "BOLTZDRIFT-CKPT\n", int32 format version, int32 header length, UTF-8 JSON header
/// (version, config, step, parameter count), then four float32 arrays (parameters, average, Adam m,
/// Adam v), then the 32-byte checksum. Written atomically (temporary file + rename).
/// </summary>
public static class Checkpoint
{
    private static readonly byte[] Magic = "BOLTZDRIFT-CKPT\n"u8.ToArray();
    private const int FormatVersion = 1;

    /// <summary>The library version recorded in checkpoints and run directories.</summary>
    public static string LibraryVersion { get; } =
        typeof(Checkpoint).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    private sealed record Header(string Version, TrainingConfig Config, long Step, int ParameterCount, MlpShape Shape);

    /// <summary>Saves <paramref name="state"/> trained under <paramref name="config"/> to <paramref name="path"/>.</summary>
    public static void Save(string path, TrainingConfig config, TrainingState state)
    {
        var header = new Header(LibraryVersion, config, state.Step, state.Network.Parameters.Length, state.Network.Shape);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(header, Json.Options);
        AtomicFile.Write(path, stream =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            void Put(ReadOnlySpan<byte> bytes) { stream.Write(bytes); hash.AppendData(bytes); }
            Put(Magic);
            Put(BitConverter.GetBytes(FormatVersion));
            Put(BitConverter.GetBytes(json.Length));
            Put(json);
            foreach (var array in new[] { state.Network.Parameters, state.AveragedParameters, state.Optimizer.FirstMoment, state.Optimizer.SecondMoment })
                Put(System.Runtime.InteropServices.MemoryMarshal.AsBytes(array.AsSpan()));
            stream.Write(hash.GetHashAndReset());
        });
    }

    /// <summary>A loaded checkpoint.</summary>
    public sealed record Contents(string Version, TrainingConfig Config, TrainingState State);

    /// <summary>
    /// Loads a checkpoint, verifying magic, format version, sizes and checksum; any mismatch raises an
    /// <see cref="InvalidDataException"/> that says what is wrong with which file.
    /// </summary>
    public static Contents Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"Cannot read checkpoint '{path}': {e.Message}", e);
        }
        InvalidDataException Bad(string why) => new($"'{path}' is not a valid BoltzDrift checkpoint: {why}.");
        if (bytes.Length < Magic.Length + 8 + 32 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)) throw Bad("wrong magic bytes (not a checkpoint file)");
        var body = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32))) throw Bad("checksum mismatch (the file is corrupted or truncated)");
        int offset = Magic.Length;
        int format = BitConverter.ToInt32(bytes, offset); offset += 4;
        if (format != FormatVersion) throw Bad($"format version {format}, this build reads version {FormatVersion}");
        int headerLength = BitConverter.ToInt32(bytes, offset); offset += 4;
        if (headerLength <= 0 || offset + headerLength > body.Length) throw Bad("header length out of range");
        Header header;
        try { header = JsonSerializer.Deserialize<Header>(bytes.AsSpan(offset, headerLength), Json.Options) ?? throw Bad("empty header"); }
        catch (JsonException e) { throw Bad($"unreadable header ({e.Message})"); }
        // JSON null deserialises into the non-nullable members without complaint.
        if (header.Version is null || header.Config is null || header.Shape is null) throw Bad("incomplete header (version, config or shape missing)");
        offset += headerLength;
        int p = header.ParameterCount;
        if (p != header.Shape.ParameterCount || body.Length - offset != 4L * 4 * p) throw Bad("parameter count does not match the data");
        float[] Next() { var a = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes.AsSpan(offset, 4 * p)).ToArray(); offset += 4 * p; return a; }
        var net = new Mlp(header.Shape, Next());
        var average = Next();
        var adam = new Adam(p, new AdamOptions(MaxGradientNorm: (float?)header.Config.MaxGradientNorm)) { Step = header.Step };
        Next().CopyTo(adam.FirstMoment, 0);
        Next().CopyTo(adam.SecondMoment, 0);
        return new Contents(header.Version, header.Config, new TrainingState(net, average, adam));
    }
}
