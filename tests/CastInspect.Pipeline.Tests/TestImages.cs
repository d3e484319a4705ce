using CastInspect.Core.Geometry;
using CastInspect.Core.Parts;
using CastInspect.Tests.Shared;
using OpenCvSharp;

namespace CastInspect.Pipeline.Tests;

internal static class TestImages
{
    public static string Models => Repository.Models;

    /// <summary>A casting wall with a brighter round pore (more transmission), PNG-encoded at the given depth.</summary>
    public static byte[] WallWithPore(int width, int height, int cx, int cy, int radius, bool eightBit, double noise = 4)
    {
        var scale = eightBit ? 1.0 : 256.0;
        using var mat = new Mat(height, width, MatType.CV_32FC1);
        var px = mat.AsSpan<float>();
        var rng = new Random(3);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = 110 + (30.0 * x / width) + ((rng.NextDouble() - 0.5) * noise);
                if (((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) <= radius * radius)
                {
                    v += 40;
                }

                px[(y * width) + x] = (float)(v * scale);
            }
        }

        using var typed = new Mat();
        mat.ConvertTo(typed, eightBit ? MatType.CV_8UC1 : MatType.CV_16UC1);
        return typed.ImEncode(".png");
    }

    /// <summary>Like samples/parts/generic.json: one any-size X-ray view judged as one zone.</summary>
    public static PartProgram Generic(double pixelSizeMm = 0.1, ImageQualityLimits? limits = null)
    {
        const double big = 100000;
        var zone = new Zone("ALL", "whole image", [new PointMm(0, 0), new PointMm(big, 0), new PointMm(big, big), new PointMm(0, big)],
            Criticality.Functional, new PorosityRules(0.3, 1.5), new ColdShutRules(false), ReviewBand.Default);
        return new PartProgram("generic", "ad-hoc", 1, [new ViewDefinition("image", Modality.Xray, 1024, 1024, pixelSizeMm, [zone], ImageQuality: limits, AnySize: true)]);
    }

    /// <summary>
    /// A 16-bit X-ray view of a wall (as <see cref="WallWithPore"/>) with a thick slanted rib and a thinner pocket, the part
    /// lying (dx, dy) px off in the fixture, optionally with a pore of radius r at (x, y) in reference pixels.
    /// </summary>
    public static byte[] Scene(int width, int height, int dx, int dy, (int X, int Y, int R)? pore)
    {
        using var mat = new Mat(height, width, MatType.CV_16UC1);
        var px = mat.AsSpan<ushort>();
        var rng = new Random(3);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                int u = x - dx, v = y - dy;
                var g = 110 + (10.0 * u / width) + ((rng.NextDouble() - 0.5) * 4);
                if (Math.Abs(v - 60 - (0.25 * u)) < 18)
                {
                    g -= 30;
                }

                if (u is > 250 and < 360 && v is > 200 and < 280)
                {
                    g += 20;
                }

                if (pore is { } p && ((u - p.X) * (u - p.X)) + ((v - p.Y) * (v - p.Y)) <= p.R * p.R)
                {
                    g += 40;
                }

                px[(y * width) + x] = (ushort)(g * 256);
            }
        }

        return mat.ImEncode(".png");
    }

    /// <summary>One 400×300 px X-ray view at 0.1 mm/px with a reference image: zone L left of x = 10 mm, zone R right of it.</summary>
    public static PartProgram TwoZones(string referenceImage)
    {
        var rules = new PorosityRules(0.3, 1.5);
        Zone Rect(string id, double x0, double x1) => new(id, id, [new PointMm(x0, 0), new PointMm(x1, 0), new PointMm(x1, 30), new PointMm(x0, 30)],
            Criticality.Functional, rules, new ColdShutRules(false), ReviewBand.Default);
        var view = new ViewDefinition("XR-R", Modality.Xray, 400, 300, 0.1, [Rect("L", 0, 10), Rect("R", 10, 40)], ReferenceImage: referenceImage);
        return new PartProgram("two-zone", "registration test", 1, [view]);
    }
}
