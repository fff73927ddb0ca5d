using System.Buffers.Binary;
using System.Text;

namespace BoltzDrift.Interop.Onnx;

/// <summary>
/// Writes Protocol Buffers wire format, the encoding of ONNX files: each field is a key (field number × 8 + wire
/// type) followed by a varint (wire type 0), 4 little-endian bytes (5) or a length-prefixed byte string (2),
/// which also carries nested messages. Only what an ONNX model needs is here; repeated scalars are written
/// unpacked, one key per element, which every protobuf parser accepts.
/// </summary>
internal sealed class ProtoWriter
{
    private const int Varint = 0, Fixed32 = 5, LengthDelimited = 2;
    private readonly MemoryStream _buffer = new();

    /// <summary>The bytes written so far.</summary>
    public byte[] ToArray() => _buffer.ToArray();

    /// <summary>An integer field (int32, int64 or enum); negative values take ten bytes, as the format says.</summary>
    public void Int(int field, long value)
    {
        Key(field, Varint);
        WriteVarint((ulong)value);
    }

    public void Float(int field, float value)
    {
        Key(field, Fixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Key(field, LengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A nested message, written by <paramref name="body"/> and length-prefixed.</summary>
    public void Message(int field, Action<ProtoWriter> body)
    {
        var nested = new ProtoWriter();
        body(nested);
        Bytes(field, nested.ToArray());
    }

    private void Key(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
