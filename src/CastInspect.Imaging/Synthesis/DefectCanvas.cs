using CastInspect.Core.Measurement;
using OpenCvSharp;

namespace CastInspect.Imaging.Synthesis;

/// <summary>What kind of flaw a ground-truth defect is, beyond its class.</summary>
public enum SynthDefectKind
{
    GasPore,
    GasCluster,
    Shrinkage,
    ColdShut,
    SurfacePore,
    ColdLap,
}

/// <summary>One planted flaw: its kind and how deep in the wall it lies (0 = near the detector side, 1 = far side).</summary>
public sealed record PlantedDefect(int Instance, SynthDefectKind Kind, DefectClass Class, double DepthFraction);

/// <summary>
/// The reference-frame layers defects are planted into: signal change (metal missing in mm for X-ray, reflectance change
/// for surface), the class mask and an instance map that ties mask pixels to the planted defect.
/// </summary>
internal sealed class DefectCanvas : IDisposable
{
    private readonly List<Rect> _occupied = [];

    public DefectCanvas(int width, int height, double pixelMm)
    {
        Width = width;
        Height = height;
        PixelMm = pixelMm;
        Signal = new Mat(height, width, MatType.CV_32FC1, Scalar.All(0));
        Label = new Mat(height, width, MatType.CV_8UC1, Scalar.All(0));
        Instance = new Mat(height, width, MatType.CV_16UC1, Scalar.All(0));
    }

    public int Width { get; }

    public int Height { get; }

    public double PixelMm { get; }

    public Mat Signal { get; }

    public Mat Label { get; }

    public Mat Instance { get; }

    public List<PlantedDefect> Planted { get; } = [];

    public Rect Bounds => new(0, 0, Width, Height);

    /// <summary>Claims a region (with a 3 px gap to every other defect) or says it is taken / off the image.</summary>
    public bool TryReserve(Rect region)
    {
        var inside = region & Bounds;
        if (inside.Width != region.Width || inside.Height != region.Height || region.Width <= 0 || region.Height <= 0)
        {
            return false;
        }

        var grown = new Rect(region.X - 3, region.Y - 3, region.Width + 6, region.Height + 6);
        if (_occupied.Any(o => (o & grown).Width > 0 && (o & grown).Height > 0))
        {
            return false;
        }

        _occupied.Add(region);
        return true;
    }

    public PlantedDefect NewDefect(SynthDefectKind kind, DefectClass cls, double depth)
    {
        var d = new PlantedDefect(Planted.Count + 1, kind, cls, depth);
        Planted.Add(d);
        return d;
    }

    /// <summary>Marks the non-zero pixels of a local mask (placed at <paramref name="at"/>) as the defect's ground truth.</summary>
    public void Stamp(Mat localMask, Point at, PlantedDefect defect)
    {
        var roi = new Rect(at.X, at.Y, localMask.Cols, localMask.Rows);
        using var label = new Mat(Label, roi);
        using var instance = new Mat(Instance, roi);
        label.SetTo(Scalar.All((int)defect.Class), localMask);
        instance.SetTo(Scalar.All(defect.Instance), localMask);
    }

    /// <summary>Adds a local signal patch at <paramref name="at"/>.</summary>
    public void AddSignal(Mat patch, Point at)
    {
        using var roi = new Mat(Signal, new Rect(at.X, at.Y, patch.Cols, patch.Rows));
        Cv2.Add(roi, patch, roi);
    }

    public void Dispose()
    {
        Signal.Dispose();
        Label.Dispose();
        Instance.Dispose();
    }
}
