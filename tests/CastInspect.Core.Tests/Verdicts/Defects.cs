using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;

namespace CastInspect.Core.Tests.Verdicts;

/// <summary>Measured defects as the measurement stage would hand them over (0.1 mm pixels, identity registration).</summary>
internal static class Defects
{
    private const double PixelMm = 0.1;

    /// <summary>A round pore; its outline is left empty so the judge uses the equivalent circle.</summary>
    public static MeasuredDefect Pore(int index, double xMm, double yMm, double diameterMm, double confidence = 0.95)
    {
        var area = Math.PI * diameterMm * diameterMm / 4;
        return new MeasuredDefect(
            index,
            DefectClass.Porosity,
            Box(xMm - (diameterMm / 2), yMm - (diameterMm / 2), diameterMm, diameterMm),
            new PointPx(xMm / PixelMm, yMm / PixelMm),
            new PointMm(xMm, yMm),
            area / (PixelMm * PixelMm),
            area,
            diameterMm,
            diameterMm,
            confidence,
            Math.Min(1, confidence + 0.03),
            [],
            []);
    }

    /// <summary>A horizontal cold shut of the given length, 0.2 mm wide.</summary>
    public static MeasuredDefect ColdShut(int index, double xMm, double yMm, double lengthMm, double confidence = 0.95)
    {
        var h = lengthMm / 2;
        IReadOnlyList<PointMm> outline = [new(xMm - h, yMm - 0.1), new(xMm + h, yMm - 0.1), new(xMm + h, yMm + 0.1), new(xMm - h, yMm + 0.1)];
        var area = lengthMm * 0.2;
        return new MeasuredDefect(
            index,
            DefectClass.ColdShut,
            Box(xMm - h, yMm - 0.1, lengthMm, 0.2),
            new PointPx(xMm / PixelMm, yMm / PixelMm),
            new PointMm(xMm, yMm),
            area / (PixelMm * PixelMm),
            area,
            Math.Sqrt(4 * area / Math.PI),
            lengthMm,
            confidence,
            Math.Min(1, confidence + 0.03),
            outline,
            [.. outline.Select(p => new PointPx(p.X / PixelMm, p.Y / PixelMm))]);
    }

    private static PixelBox Box(double x, double y, double w, double h) =>
        new((int)Math.Floor(x / PixelMm), (int)Math.Floor(y / PixelMm), (int)Math.Ceiling(w / PixelMm), (int)Math.Ceiling(h / PixelMm));
}
