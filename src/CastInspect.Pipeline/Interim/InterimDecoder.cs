using System.Runtime.InteropServices;
using CastInspect.Core.Inspection;
using OpenCvSharp;

namespace CastInspect.Pipeline.Interim;

/// <summary>Decodes 8/16-bit grey PNG/TIFF/JPEG or raw 16-bit. Stands in until CastInspect.Imaging's decoder lands on main.</summary>
internal static class InterimDecoder
{
    public static DecodedImage Decode(ViewImage image)
    {
        if (image.Data.IsEmpty)
        {
            throw new InvalidImageException(image.ViewId, ImageProblem.Empty, "image is empty (0 bytes)");
        }

        if (image.Encoding == ImageEncoding.Raw16)
        {
            var n = image.RawWidth * image.RawHeight;
            if (n <= 0 || image.Data.Length != n * 2)
            {
                throw new InvalidImageException(image.ViewId, ImageProblem.Truncated,
                    $"raw 16-bit image of {image.RawWidth}×{image.RawHeight} needs {n * 2} bytes, got {image.Data.Length}");
            }

            var samples = MemoryMarshal.Cast<byte, ushort>(image.Data.Span);
            var raw = new float[n];
            for (var i = 0; i < n; i++)
            {
                raw[i] = samples[i];
            }

            return new DecodedImage(raw, image.RawWidth, image.RawHeight, 16);
        }

        using var mat = Cv2.ImDecode(image.Data.ToArray(), ImreadModes.Unchanged);
        if (mat.Empty())
        {
            throw new InvalidImageException(image.ViewId, ImageProblem.UnsupportedFormat,
                "bytes are not a PNG, TIFF or JPEG image OpenCV can decode (or the file is truncated)");
        }

        using var grey = mat.Channels() == 1 ? mat.Clone() : ToGrey(mat);
        var depth = grey.Depth();
        if (depth != MatType.CV_8U && depth != MatType.CV_16U)
        {
            throw new InvalidImageException(image.ViewId, ImageProblem.UnsupportedDepth, $"only 8- and 16-bit images are supported, got OpenCV depth {depth}");
        }

        using var f = new Mat();
        grey.ConvertTo(f, MatType.CV_32FC1);
        var pixels = new float[f.Rows * f.Cols];
        using (var cont = f.IsContinuous() ? f.Clone() : f.Clone())
        {
            Marshal.Copy(cont.Data, pixels, 0, pixels.Length);
        }

        return new DecodedImage(pixels, f.Cols, f.Rows, depth == MatType.CV_8U ? 8 : 16);
    }

    private static Mat ToGrey(Mat mat)
    {
        var grey = new Mat();
        Cv2.CvtColor(mat, grey, mat.Channels() == 4 ? ColorConversionCodes.BGRA2GRAY : ColorConversionCodes.BGR2GRAY);
        return grey;
    }
}
