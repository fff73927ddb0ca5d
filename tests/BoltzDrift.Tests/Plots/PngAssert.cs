using System.Buffers.Binary;

namespace BoltzDrift.Tests.Plots;

/// <summary>Checks that a file is a PNG image of a plausible figure size, from its signature and IHDR header.</summary>
internal static class PngAssert
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts a valid PNG at least <paramref name="minWidth"/> × <paramref name="minHeight"/> pixels and returns its size.</summary>
    public static (int Width, int Height) IsFigure(string path, int minWidth = 400, int minHeight = 300)
    {
        Assert.True(File.Exists(path), $"{path} was not written.");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 5_000, $"{path} has only {bytes.Length} bytes: too small to hold a drawn figure.");
        Assert.Equal(Signature, bytes[..8]);
        // The first chunk must be IHDR: 4-byte length, "IHDR", then big-endian width and height.
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        int width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        int height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
        Assert.InRange(width, minWidth, 5_000);
        Assert.InRange(height, minHeight, 5_000);
        Assert.Equal("IEND"u8.ToArray(), bytes[^8..^4]);
        return (width, height);
    }
}
