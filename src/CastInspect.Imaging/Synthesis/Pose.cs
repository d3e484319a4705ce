using CastInspect.Core.Geometry;
using OpenCvSharp;

namespace CastInspect.Imaging.Synthesis;

/// <summary>
/// Where the part lay in the fixture for one shot: a small rotation about the view centre and a shift, so incoming
/// views must be registered to the reference like real ones.
/// </summary>
public readonly record struct Pose(double AngleDeg, double ShiftXPx, double ShiftYPx)
{
    public static Pose None => default;

    public static Pose Random(SynthRandom rng, double maxShiftPx, double maxAngleDeg) =>
        new(rng.Uniform(-maxAngleDeg, maxAngleDeg), rng.Uniform(-maxShiftPx, maxShiftPx), rng.Uniform(-maxShiftPx, maxShiftPx));

    /// <summary>2×3 affine reference px → image px.</summary>
    public Mat ReferenceToImage(int width, int height)
    {
        var m = Cv2.GetRotationMatrix2D(new Point2f(width / 2f, height / 2f), AngleDeg, 1.0);
        m.Set(0, 2, m.Get<double>(0, 2) + ShiftXPx);
        m.Set(1, 2, m.Get<double>(1, 2) + ShiftYPx);
        return m;
    }

    /// <summary>Image px → reference px as a row-major 3×3 homography, with the view's pixel size.</summary>
    public ViewTransform ImageToReference(int width, int height, double pixelMm)
    {
        using var m = ReferenceToImage(width, height);
        using var inv = new Mat();
        Cv2.InvertAffineTransform(m, inv);
        return new ViewTransform(
            [inv.Get<double>(0, 0), inv.Get<double>(0, 1), inv.Get<double>(0, 2), inv.Get<double>(1, 0), inv.Get<double>(1, 1), inv.Get<double>(1, 2), 0, 0, 1],
            pixelMm);
    }

    /// <summary>Moves a reference-frame layer into the image frame (linear for signals, nearest for labels).</summary>
    public Mat Apply(Mat reference, bool nearest)
    {
        var output = new Mat();
        if (this == None)
        {
            reference.CopyTo(output);
            return output;
        }

        using var m = ReferenceToImage(reference.Cols, reference.Rows);
        Cv2.WarpAffine(
            reference,
            output,
            m,
            reference.Size(),
            nearest ? InterpolationFlags.Nearest : InterpolationFlags.Linear,
            nearest ? BorderTypes.Constant : BorderTypes.Reflect101,
            Scalar.All(0));
        return output;
    }
}
