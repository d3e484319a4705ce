namespace CastInspect.Core.Geometry;

/// <summary>
/// Maps image pixels of an incoming view to the view frame in mm: a 3×3 homography (row-major) from image px to
/// reference px found by registration, followed by the view's pixel size.
/// </summary>
public sealed record ViewTransform(IReadOnlyList<double> ImageToReference, double PixelSizeMm)
{
    public static ViewTransform Identity(double pixelSizeMm) =>
        new([1, 0, 0, 0, 1, 0, 0, 0, 1], pixelSizeMm);

    public PointMm ToViewMm(PointPx p)
    {
        var h = ImageToReference;
        var w = (h[6] * p.X) + (h[7] * p.Y) + h[8];
        var x = ((h[0] * p.X) + (h[1] * p.Y) + h[2]) / w;
        var y = ((h[3] * p.X) + (h[4] * p.Y) + h[5]) / w;
        return new PointMm(x * PixelSizeMm, y * PixelSizeMm);
    }
}
