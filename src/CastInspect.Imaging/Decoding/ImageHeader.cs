using System.Buffers.Binary;

namespace CastInspect.Imaging.Decoding;

/// <summary>Container formats recognised from their first bytes.</summary>
public enum ImageContainer
{
    Unknown,
    Png,
    Jpeg,
    Tiff,
}

/// <summary>What an image's header claims, read without decoding it (so decompression bombs are refused first).</summary>
/// <param name="Container">Format found from the signature.</param>
/// <param name="Width">Claimed width (0 when the header could not be read).</param>
/// <param name="Height">Claimed height.</param>
/// <param name="Complete">False when the container's end marker is missing (cut-off upload).</param>
/// <param name="FloatSamples">TIFF with floating-point samples (not accepted).</param>
public readonly record struct ImageHeader(ImageContainer Container, long Width, long Height, bool Complete, bool FloatSamples = false)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] PngEnd = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    public static ImageHeader Read(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngSignature))
        {
            return data.Length < 24
                ? new ImageHeader(ImageContainer.Png, 0, 0, false)
                : new ImageHeader(ImageContainer.Png, BinaryPrimitives.ReadUInt32BigEndian(data[16..]), BinaryPrimitives.ReadUInt32BigEndian(data[20..]), data.EndsWith(PngEnd));
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ReadJpeg(data);
        }

        if (data.Length >= 8 && ((data[0] == 0x49 && data[1] == 0x49 && data[2] == 42 && data[3] == 0) || (data[0] == 0x4D && data[1] == 0x4D && data[2] == 0 && data[3] == 42)))
        {
            return ReadTiff(data, data[0] == 0x49);
        }

        return new ImageHeader(ImageContainer.Unknown, 0, 0, false);
    }

    private static ImageHeader ReadJpeg(ReadOnlySpan<byte> data)
    {
        var complete = data.Length >= 4 && data[^2] == 0xFF && data[^1] == 0xD9;
        var i = 2;
        while (i + 9 < data.Length)
        {
            if (data[i] != 0xFF)
            {
                i++;
                continue;
            }

            var marker = data[i + 1];
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7) or 0xFF)
            {
                i += marker == 0xFF ? 1 : 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            var isFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrame)
            {
                return new ImageHeader(ImageContainer.Jpeg, BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]), complete);
            }

            i += 2 + length;
        }

        return new ImageHeader(ImageContainer.Jpeg, 0, 0, false);
    }

    private static ImageHeader ReadTiff(ReadOnlySpan<byte> data, bool little)
    {
        uint U32(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        ushort U16(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);
        var ifd = U32(data[4..]);
        if (ifd + 2 > data.Length)
        {
            return new ImageHeader(ImageContainer.Tiff, 0, 0, false);
        }

        var count = U16(data[(int)ifd..]);
        long width = 0;
        long height = 0;
        var isFloat = false;
        var end = 0L;
        long stripOffset = -1;
        long stripBytes = -1;
        for (var k = 0; k < count; k++)
        {
            var e = (int)ifd + 2 + (k * 12);
            if (e + 12 > data.Length)
            {
                return new ImageHeader(ImageContainer.Tiff, width, height, false);
            }

            var tag = U16(data[e..]);
            var type = U16(data[(e + 2)..]);
            var valueCount = U32(data[(e + 4)..]);
            long value = type == 3 ? U16(data[(e + 8)..]) : U32(data[(e + 8)..]);
            switch (tag)
            {
                case 256: width = value; break;
                case 257: height = value; break;
                case 339: isFloat = value == 3; break;
                case 273 when valueCount == 1: stripOffset = value; break;
                case 279 when valueCount == 1: stripBytes = value; break;
                default: break;
            }

            end = Math.Max(end, e + 12);
        }

        var complete = end <= data.Length && (stripOffset < 0 || stripBytes < 0 || stripOffset + stripBytes <= data.Length);
        return new ImageHeader(ImageContainer.Tiff, width, height, complete, isFloat);
    }
}
