using System.Buffers.Binary;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Imaging.Decoding;
using OpenCvSharp;

namespace CastInspect.Imaging.Tests.Decoding;

public sealed class ImageDecoderTests
{
    private static readonly ViewDefinition View = TestParts.XrayView(64, 48);

    private static byte[] Encode(Mat image, string ext)
    {
        Cv2.ImEncode(ext, image, out var bytes);
        return bytes;
    }

    private static Mat Gradient16(int w = 64, int h = 48)
    {
        var m = new Mat(h, w, MatType.CV_16UC1);
        var s = m.AsSpan<ushort>();
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = (ushort)(i * 13 % 65536);
        }

        return m;
    }

    private static InvalidImageException Rejects(byte[] data, ImageEncoding encoding = ImageEncoding.Auto, int w = 0, int h = 0, DecodeOptions? options = null) =>
        Assert.Throws<InvalidImageException>(() => ImageDecoder.Decode(new ViewImage("XR-T", data, encoding, w, h), View, options).Dispose());

    [Theory]
    [InlineData(".png")]
    [InlineData(".tiff")]
    public void Decode_16BitGray_KeepsEverySample(string ext)
    {
        using var source = Gradient16();
        using var decoded = ImageDecoder.Decode(new ViewImage("XR-T", Encode(source, ext)), View);

        Assert.Equal(MatType.CV_16UC1, decoded.Type());
        Assert.True(decoded.AsSpan<ushort>().SequenceEqual(source.AsSpan<ushort>()));
    }

    [Theory]
    [InlineData(".png", 1)]
    [InlineData(".tiff", 1)]
    [InlineData(".png", 3)]
    [InlineData(".jpg", 3)]
    [InlineData(".jpg", 1)]
    public void Decode_8BitGrayOrColour_GivesGray8(string ext, int channels)
    {
        using var source = new Mat(48, 64, MatType.MakeType(MatType.CV_8U, channels), Scalar.All(120));
        using var decoded = ImageDecoder.Decode(new ViewImage("XR-T", Encode(source, ext)), View);

        Assert.Equal(MatType.CV_8UC1, decoded.Type());
        Assert.InRange(Cv2.Mean(decoded).Val0, 118, 122);
    }

    [Fact]
    public void Decode_Raw16_ReadsLittleEndianRows()
    {
        var raw = new byte[64 * 48 * 2];
        BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(2 * ((1 * 64) + 2)), 40000);

        using var decoded = ImageDecoder.Decode(new ViewImage("XR-T", raw, ImageEncoding.Raw16, 64, 48), View);

        Assert.Equal(40000, decoded.Get<ushort>(1, 2));
        Assert.Equal(0, decoded.Get<ushort>(0, 0));
    }

    [Fact]
    public void Decode_Empty_RejectedAsEmpty()
    {
        var e = Rejects([]);
        Assert.Equal(ImageProblem.Empty, e.Problem);
        Assert.Contains("XR-T", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".png")]
    [InlineData(".jpg")]
    [InlineData(".tiff")]
    public void Decode_TruncatedFile_RejectedAsTruncated(string ext)
    {
        using var source = new Mat(48, 64, MatType.CV_8UC1);
        Cv2.Randu(source, Scalar.All(0), Scalar.All(255));
        var bytes = Encode(source, ext);

        Assert.Equal(ImageProblem.Truncated, Rejects(bytes[..(bytes.Length / 2)]).Problem);
    }

    [Fact]
    public void Decode_PngHeaderClaimingHugeSize_RejectedBeforeDecoding()
    {
        using var source = Gradient16();
        var bytes = Encode(source, ".png");
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), 100_000);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), 100_000);

        var e = Rejects(bytes);

        Assert.Equal(ImageProblem.TooLarge, e.Problem);
        Assert.Contains("100000×100000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OverConfiguredMegapixels_RejectedAsTooLarge()
    {
        using var source = Gradient16();
        Assert.Equal(ImageProblem.TooLarge, Rejects(Encode(source, ".tiff"), options: new DecodeOptions { MaxMegapixels = 0.001 }).Problem);
    }

    [Fact]
    public void Decode_WrongSize_RejectedNamingBothSizes()
    {
        using var source = new Mat(48, 80, MatType.CV_16UC1, Scalar.All(1000));

        var e = Rejects(Encode(source, ".png"));

        Assert.Equal(ImageProblem.SizeMismatch, e.Problem);
        Assert.Contains("80×48", e.Message, StringComparison.Ordinal);
        Assert.Contains("64×48", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_SizeWithinTolerance_Accepted()
    {
        using var source = new Mat(48, 66, MatType.CV_16UC1, Scalar.All(1000));
        using var decoded = ImageDecoder.Decode(new ViewImage("XR-T", Encode(source, ".png")), View);
        Assert.Equal(66, decoded.Cols);
    }

    [Fact]
    public void Decode_FloatTiff_RejectedAsUnsupportedDepth()
    {
        using var source = new Mat(48, 64, MatType.CV_32FC1, Scalar.All(0.5));
        Assert.Equal(ImageProblem.UnsupportedDepth, Rejects(Encode(source, ".tiff")).Problem);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(5000)]
    public void Decode_GarbageBytes_RejectedWithoutCrashing(int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[seed];
        random.NextBytes(bytes);
        Assert.Equal(ImageProblem.UnsupportedFormat, Rejects(bytes).Problem);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Decode_PngWithCorruptBody_RejectedWithoutCrashing(int seed)
    {
        using var source = Gradient16();
        var bytes = Encode(source, ".png");
        var random = new Random(seed);
        for (var i = 40; i < bytes.Length - 12; i += 7)
        {
            bytes[i] = (byte)random.Next(256);
        }

        var e = Rejects(bytes);
        Assert.Equal(ImageProblem.Truncated, e.Problem);
    }

    [Fact]
    public void Decode_Raw16WrongLength_RejectedAsTruncated()
    {
        Assert.Equal(ImageProblem.Truncated, Rejects(new byte[100], ImageEncoding.Raw16, 64, 48).Problem);
        Assert.Equal(ImageProblem.UnsupportedFormat, Rejects(new byte[100], ImageEncoding.Raw16).Problem);
    }

    [Fact]
    public void Decode_AnySizeView_AcceptsAnySize()
    {
        using var source = new Mat(300, 20, MatType.CV_8UC1, Scalar.All(9));
        var view = TestParts.XrayView(64, 48) with { AnySize = true };

        using var decoded = ImageDecoder.Decode(new ViewImage("image", Encode(source, ".png")), view);

        Assert.Equal(300, decoded.Rows);
    }
}
