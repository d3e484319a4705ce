using CastInspect.Core.Geometry;
using CastInspect.Core.Parts;
using OpenCvSharp;

namespace CastInspect.Pipeline.Tests;

internal static class TestImages
{
    public static string Models
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CastInspect.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("CastInspect.sln not found"), "models");
        }
    }

    /// <summary>A casting wall with a brighter round pore (more transmission), PNG-encoded at the given depth.</summary>
    public static byte[] WallWithPore(int width, int height, int cx, int cy, int radius, bool eightBit)
    {
        var scale = eightBit ? 1.0 : 256.0;
        using var mat = new Mat(height, width, MatType.CV_32FC1);
        var px = mat.AsSpan<float>();
        var rng = new Random(3);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = 110 + (30.0 * x / width) + ((rng.NextDouble() - 0.5) * 4);
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
    public static PartProgram Generic(double pixelSizeMm = 0.1)
    {
        const double big = 100000;
        var zone = new Zone("ALL", "whole image", [new PointMm(0, 0), new PointMm(big, 0), new PointMm(big, big), new PointMm(0, big)],
            Criticality.Functional, new PorosityRules(0.3, 1.5), new ColdShutRules(false), ReviewBand.Default);
        return new PartProgram("generic", "ad-hoc", 1, [new ViewDefinition("image", Modality.Xray, 1024, 1024, pixelSizeMm, [zone], AnySize: true)]);
    }
}
