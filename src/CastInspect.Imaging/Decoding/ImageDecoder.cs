using System.Globalization;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using OpenCvSharp;

namespace CastInspect.Imaging.Decoding;

/// <summary>
/// Decodes an incoming view image into a single-channel 8- or 16-bit Mat, or refuses it with an
/// <see cref="InvalidImageException"/> naming the view and the reason. Header sizes are checked before decoding.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Decodes and validates <paramref name="image"/>; the caller owns (disposes) the returned Mat.</summary>
    /// <param name="image">The bytes as received.</param>
    /// <param name="view">The view it claims to be; its size (unless AnySize) and tolerance are checked. Null: no size check.</param>
    /// <param name="options">Megapixel limit; null = <see cref="DecodeOptions.Default"/>.</param>
    /// <exception cref="InvalidImageException">Empty, truncated, unsupported, too large or the wrong size.</exception>
    public static Mat Decode(ViewImage image, ViewDefinition? view = null, DecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= DecodeOptions.Default;
        var data = image.Data.Span;
        if (data.IsEmpty)
        {
            throw Fail(image, ImageProblem.Empty, "image is empty (0 bytes)");
        }

        var decoded = image.Encoding == ImageEncoding.Raw16 ? DecodeRaw16(image, options) : DecodeEncoded(image, options);
        try
        {
            CheckSize(image, view, decoded);
            return decoded;
        }
        catch
        {
            decoded.Dispose();
            throw;
        }
    }

    /// <summary>Reads and decodes an image file (reference, dark or flat image of a view) with the same checks.</summary>
    /// <exception cref="InvalidImageException">The file is missing, unreadable or not a usable image.</exception>
    public static Mat DecodeFile(string path, string viewId, DecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidImageException(viewId, ImageProblem.Empty, $"cannot read '{path}': {e.Message}");
        }

        return Decode(new ViewImage(viewId, bytes), null, options);
    }

    private static Mat DecodeRaw16(ViewImage image, DecodeOptions options)
    {
        var (w, h) = (image.RawWidth, image.RawHeight);
        if (w <= 0 || h <= 0)
        {
            throw Fail(image, ImageProblem.UnsupportedFormat, $"raw 16-bit image needs a width and height, got {w}×{h}");
        }

        CheckMegapixels(image, w, h, options);
        var expected = 2L * w * h;
        var length = image.Data.Length;
        if (length < expected)
        {
            throw Fail(image, ImageProblem.Truncated, $"raw 16-bit {w}×{h} image needs {expected} bytes, got {length} (truncated)");
        }

        if (length > expected)
        {
            throw Fail(image, ImageProblem.SizeMismatch, $"raw 16-bit {w}×{h} image needs {expected} bytes, got {length} (wrong width/height?)");
        }

        var mat = new Mat(h, w, MatType.CV_16UC1);
        var target = mat.AsSpan<ushort>();
        var src = image.Data.Span;
        if (BitConverter.IsLittleEndian)
        {
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(src).CopyTo(target);
        }
        else
        {
            for (var i = 0; i < target.Length; i++)
            {
                target[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(src[(2 * i)..]);
            }
        }

        return mat;
    }

    private static Mat DecodeEncoded(ViewImage image, DecodeOptions options)
    {
        var data = image.Data.Span;
        var header = ImageHeader.Read(data);
        if (header.Container == ImageContainer.Unknown)
        {
            throw Fail(image, ImageProblem.UnsupportedFormat, "not a PNG, JPEG or TIFF image (unknown signature)");
        }

        var format = header.Container.ToString().ToUpperInvariant();
        if (header.Width <= 0 || header.Height <= 0)
        {
            throw Fail(image, ImageProblem.Truncated, $"{format} header is cut off or unreadable");
        }

        CheckMegapixels(image, header.Width, header.Height, options);
        if (header.FloatSamples)
        {
            throw Fail(image, ImageProblem.UnsupportedDepth, "floating-point TIFF is not supported; send 8- or 16-bit integer grey values");
        }

        if (!header.Complete)
        {
            throw Fail(image, ImageProblem.Truncated, $"{format} data is truncated ({data.Length} bytes, end marker missing)");
        }

        Mat raw;
        try
        {
            raw = Cv2.ImDecode(data, ImreadModes.Unchanged | ImreadModes.AnyDepth);
        }
        catch (OpenCVException e)
        {
            throw Fail(image, ImageProblem.Truncated, $"{format} data cannot be decoded: {e.Message}");
        }

        try
        {
            if (raw.Empty())
            {
                throw Fail(image, ImageProblem.Truncated, $"{format} data cannot be decoded (corrupt or truncated)");
            }

            if (raw.Channels() == 1 && (raw.Depth() == MatType.CV_8U || raw.Depth() == MatType.CV_16U))
            {
                return raw;
            }

            using (raw)
            {
                return ToGray(image, raw);
            }
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }

    private static Mat ToGray(ViewImage image, Mat raw)
    {
        var depth = raw.Depth();
        if (depth != MatType.CV_8U && depth != MatType.CV_16U)
        {
            throw Fail(image, ImageProblem.UnsupportedDepth, $"sample type {raw.Type()} is not supported; send 8- or 16-bit integer grey values");
        }

        var gray = new Mat();
        try
        {
            switch (raw.Channels())
            {
                case 1: raw.CopyTo(gray); break;
                case 3: Cv2.CvtColor(raw, gray, ColorConversionCodes.BGR2GRAY); break;
                case 4: Cv2.CvtColor(raw, gray, ColorConversionCodes.BGRA2GRAY); break;
                default: throw Fail(image, ImageProblem.UnsupportedFormat, $"{raw.Channels()} channels are not supported");
            }

            return gray;
        }
        catch
        {
            gray.Dispose();
            throw;
        }
    }

    private static void CheckMegapixels(ViewImage image, long w, long h, DecodeOptions options)
    {
        var mp = w * (double)h / 1e6;
        if (mp > options.MaxMegapixels)
        {
            throw Fail(image, ImageProblem.TooLarge, string.Create(CultureInfo.InvariantCulture, $"header claims {w}×{h} ({mp:F1} MP), more than the {options.MaxMegapixels:F0} MP allowed"));
        }
    }

    private static void CheckSize(ViewImage image, ViewDefinition? view, Mat decoded)
    {
        if (view is null || view.AnySize)
        {
            return;
        }

        var tol = view.SizeToleranceFraction;
        if (Math.Abs(decoded.Cols - view.WidthPx) > tol * view.WidthPx || Math.Abs(decoded.Rows - view.HeightPx) > tol * view.HeightPx)
        {
            throw Fail(image, ImageProblem.SizeMismatch, string.Create(
                CultureInfo.InvariantCulture,
                $"image is {decoded.Cols}×{decoded.Rows} px, view expects {view.WidthPx}×{view.HeightPx} px ± {tol * 100:F0} %"));
        }
    }

    private static InvalidImageException Fail(ViewImage image, ImageProblem problem, string reason) =>
        new(image.ViewId, problem, reason);
}
