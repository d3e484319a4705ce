using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace CastInspect.Server.Viewer;

/// <summary>
/// Turns an archived image into an 8-bit PNG for the browser: 16-bit images are windowed between two grey-value
/// percentiles (a raw 16-bit radiograph would otherwise show almost black). Results are cached by sha256.
/// </summary>
public sealed class DisplayImageRenderer(IOptions<ViewerOptions> options, IMemoryCache cache)
{
    private static readonly int[] PngParams = [(int)ImwriteFlags.PngCompression, 1];

    public async Task<byte[]> RenderAsync(ArchivedImageFile image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (cache.TryGetValue(image.Sha256, out byte[]? cached) && cached is not null)
        {
            return cached;
        }

        var bytes = await File.ReadAllBytesAsync(image.FullPath, cancellationToken).ConfigureAwait(false);
        var png = Render(bytes, image);
        cache.Set(image.Sha256, png, new MemoryCacheEntryOptions { Size = png.Length, SlidingExpiration = TimeSpan.FromHours(1) });
        return png;
    }

    internal byte[] Render(byte[] bytes, ArchivedImageFile image)
    {
        using var decoded = image.IsRaw16
            ? Mat.FromPixelData(image.HeightPx, image.WidthPx, MatType.CV_16UC1, bytes).Clone()
            : Cv2.ImDecode(bytes, ImreadModes.Unchanged);
        if (decoded.Empty())
        {
            throw new InvalidDataException($"archived image {image.Sha256} cannot be decoded");
        }

        using var display = ToDisplay(decoded);
        return display.ImEncode(".png", PngParams);
    }

    private Mat ToDisplay(Mat src)
    {
        if (src.Depth() == MatType.CV_8U)
        {
            return src.Clone();
        }

        using var grey = new Mat();
        if (src.Channels() > 1)
        {
            Cv2.CvtColor(src, grey, src.Channels() == 4 ? ColorConversionCodes.BGRA2GRAY : ColorConversionCodes.BGR2GRAY);
        }
        else
        {
            src.CopyTo(grey);
        }

        using var grey16 = new Mat();
        grey.ConvertTo(grey16, MatType.CV_16UC1);
        var (low, high) = Window(grey16, options.Value.WindowLowPercentile, options.Value.WindowHighPercentile);
        var scale = 255.0 / Math.Max(1, high - low);
        var dst = new Mat();
        grey16.ConvertTo(dst, MatType.CV_8UC1, scale, -low * scale);
        return dst;
    }

    internal static (double Low, double High) Window(Mat grey16, double lowPercentile, double highPercentile)
    {
        using var hist = new Mat();
        Cv2.CalcHist([grey16], [0], null, hist, 1, [65536], [new Rangef(0, 65536)]);
        hist.GetArray(out float[] counts);
        var total = (double)grey16.Total();
        double lowTarget = total * lowPercentile / 100, highTarget = total * highPercentile / 100, sum = 0;
        int low = -1, high = 65535;
        for (var i = 0; i < counts.Length; i++)
        {
            sum += counts[i];
            if (low < 0 && sum > lowTarget)
            {
                low = i;
            }

            if (sum >= highTarget)
            {
                high = i;
                break;
            }
        }

        low = Math.Max(0, low);
        return (low, Math.Max(high, low + 1));
    }
}
