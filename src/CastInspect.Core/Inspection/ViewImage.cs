namespace CastInspect.Core.Inspection;

/// <summary>How an image's bytes are encoded.</summary>
public enum ImageEncoding
{
    /// <summary>PNG, TIFF or JPEG: the format is read from the bytes.</summary>
    Auto,

    /// <summary>Raw little-endian 16-bit samples, row-major; width and height must be given.</summary>
    Raw16,
}

/// <summary>One captured view of a part as it arrives from a camera station.</summary>
/// <param name="ViewId">View id from the part program.</param>
/// <param name="Data">The encoded image bytes.</param>
/// <param name="Encoding">Encoded format.</param>
/// <param name="RawWidth">Width for <see cref="ImageEncoding.Raw16"/>.</param>
/// <param name="RawHeight">Height for <see cref="ImageEncoding.Raw16"/>.</param>
public sealed record ViewImage(
    string ViewId,
    ReadOnlyMemory<byte> Data,
    ImageEncoding Encoding = ImageEncoding.Auto,
    int RawWidth = 0,
    int RawHeight = 0);
