using System.Buffers;
using CastInspect.Contracts.V1;
using CastInspect.Core.Parts;

namespace CastInspect.Server.Inspections;

/// <summary>The bytes of one view as its chunks arrive.</summary>
internal sealed class ReceivedView(ViewDefinition definition, ImageChunk first)
{
    private readonly ArrayBufferWriter<byte> _bytes = new(first.TotalBytes is > 0 and < int.MaxValue ? (int)first.TotalBytes : 1 << 20);

    public ViewDefinition Definition { get; } = definition;

    public ImageEncoding Encoding { get; } = first.Encoding;

    public int WidthPx { get; } = first.WidthPx;

    public int HeightPx { get; } = first.HeightPx;

    public long TotalBytes { get; } = first.TotalBytes;

    public bool Complete { get; private set; }

    public long Length => _bytes.WrittenCount;

    public ReadOnlyMemory<byte> Data => _bytes.WrittenMemory;

    public void Append(ImageChunk chunk)
    {
        _bytes.Write(chunk.Data.Span);
        Complete = chunk.Last || (TotalBytes > 0 && Length >= TotalBytes);
    }
}
