using CastInspect.Core.Parts;
using CastInspect.Imaging.Decoding;
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

    /// <summary>Loads the view's dark and flat images (paths as resolved by the part program loader); null when it has neither.</summary>
    /// <exception cref="Core.Inspection.InvalidImageException">A calibration image is missing or unusable.</exception>
    public static Calibration? Load(ViewDefinition view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.DarkImage is null && view.FlatImage is null)
        {
            return null;
        }

        var dark = view.DarkImage is { } d ? ImageDecoder.DecodeFile(d, view.Id) : null;
        try
        {
            return new Calibration(dark, view.FlatImage is { } f ? ImageDecoder.DecodeFile(f, view.Id) : null);
        }
        catch
        {
            dark?.Dispose();
            throw;
        }
    }

    public Mat? Flat { get; }

    public void Dispose()
    {
        Dark?.Dispose();
        Flat?.Dispose();
    }
}
