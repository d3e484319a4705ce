using OpenCvSharp;

namespace CastInspect.Tests.Shared;

/// <summary>
/// TestData/xray-pore.png: a 320×240 crop of a held-out synth radiograph (seed 9001, never trained on), 16-bit, with one
/// Ø 1.16 mm gas pore at (160.3, 119.6) px, 0.1 mm per px. Crops of it give odd sizes and 8-bit copies that still hold
/// a pore as the X-ray model sees pores (a faint local brightening), not a saturated drawn disc.
/// </summary>
internal static class HeldOutRadiograph
{
    public const double PoreX = 160.3;
    public const double PoreY = 119.6;
    public const double PoreDiameterMm = 1.16;

    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "xray-pore.png");

    /// <summary>The top-left <paramref name="width"/>×<paramref name="height"/> px as PNG, 16-bit or stretched to 8-bit.</summary>
    public static byte[] Crop(int width, int height, bool eightBit)
    {
        using var full = Cv2.ImRead(Path, ImreadModes.Unchanged);
        using var crop = new Mat(full, new Rect(0, 0, width, height));
        if (!eightBit)
        {
            return crop.ImEncode(".png");
        }

        using var stretched = new Mat();
        Cv2.Normalize(crop, stretched, 0, 255, NormTypes.MinMax, (int)MatType.CV_8UC1);
        return stretched.ImEncode(".png");
    }

    /// <summary>
    /// A <paramref name="size"/>² px 16-bit PNG: the columns from <paramref name="offsetX"/>, rows below the 240 of the
    /// file mirrored; the pore lands at (<see cref="PoreX"/> − <paramref name="offsetX"/>, <see cref="PoreY"/>).
    /// </summary>
    public static byte[] Square(int size, int offsetX)
    {
        using var full = Cv2.ImRead(Path, ImreadModes.Unchanged);
        using var crop = new Mat(full, new Rect(offsetX, 0, size, Math.Min(size, full.Rows)));
        using var square = new Mat();
        Cv2.CopyMakeBorder(crop, square, 0, size - crop.Rows, 0, 0, BorderTypes.Reflect);
        return square.ImEncode(".png");
    }
}
