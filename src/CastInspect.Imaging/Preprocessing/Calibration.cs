using OpenCvSharp;

namespace CastInspect.Imaging.Preprocessing;

/// <summary>An X-ray view's detector calibration: dark (no beam) and flat (open beam) images, 16-bit, image size. Owns both.</summary>
public sealed class Calibration : IDisposable
{
    public Calibration(Mat? dark, Mat? flat)
    {
        Dark = dark;
        Flat = flat;
    }

    public Mat? Dark { get; }

    public Mat? Flat { get; }

    public void Dispose()
    {
        Dark?.Dispose();
        Flat?.Dispose();
    }
}
