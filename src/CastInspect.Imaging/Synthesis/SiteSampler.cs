using CastInspect.Core.Measurement;
using OpenCvSharp;

namespace CastInspect.Imaging.Synthesis;

/// <summary>Where flaws may go: in metal, at hot spots (thick sections), or at a flow front (a wall edge).</summary>
internal sealed class SiteSampler
{
    private readonly Mat _thickness;
    private readonly SynthRandom _rng;
    private readonly List<Point> _hot = [];
    private readonly List<(Point At, double Normal)> _edges = [];

    public SiteSampler(Mat thickness, SynthRandom rng)
    {
        _thickness = thickness;
        _rng = rng;
        var t = thickness.AsSpan<float>();
        var w = thickness.Cols;
        var h = thickness.Rows;
        var median = Median(t);
        for (var y = 8; y < h - 8; y += 8)
        {
            for (var x = 8; x < w - 8; x += 8)
            {
                var v = t[(y * w) + x];
                // Hot spots: thick wall sections (not the ribs seen edge-on) that solidify last.
                if (v > 1.3 * median && v < 12)
                {
                    _hot.Add(new Point(x, y));
                }

                var gx = t[(y * w) + x + 4] - t[(y * w) + x - 4];
                var gy = t[((y + 4) * w) + x] - t[((y - 4) * w) + x];
                if (v > 1.5 && v < 10 && Math.Abs(gx) + Math.Abs(gy) > 1.5)
                {
                    // Head down the thickness gradient: from the thick feature into the thinner wall beside it.
                    _edges.Add((new Point(x, y), Math.Atan2(-gy, -gx)));
                }
            }
        }
    }

    private static float Median(ReadOnlySpan<float> t)
    {
        var sample = new List<float>();
        for (var i = 0; i < t.Length; i += 97)
        {
            if (t[i] > 0)
            {
                sample.Add(t[i]);
            }
        }

        sample.Sort();
        return sample.Count == 0 ? 0 : sample[sample.Count / 2];
    }

    public Point2d? InMaterial(double minWallMm)
    {
        var w = _thickness.Cols;
        var t = _thickness.AsSpan<float>();
        for (var i = 0; i < 60; i++)
        {
            var x = _rng.Uniform(16, w - 16);
            var y = _rng.Uniform(16, _thickness.Rows - 16);
            var wall = t[((int)y * w) + (int)x];
            if (wall >= minWallMm && (wall <= 12 || _rng.Chance(0.15)))
            {
                return new Point2d(x, y);
            }
        }

        return null;
    }

    public Point2d? HotSpot()
    {
        if (_hot.Count == 0)
        {
            return InMaterial(3);
        }

        var p = _hot[_rng.Next(0, _hot.Count)];
        return new Point2d(p.X + _rng.Uniform(-4, 4), p.Y + _rng.Uniform(-4, 4));
    }

    public (Point2d At, double Normal)? FlowFront()
    {
        if (_edges.Count == 0)
        {
            return InMaterial(2) is { } p ? (p, _rng.Uniform(0, 2 * Math.PI)) : null;
        }

        var (at, normal) = _edges[_rng.Next(0, _edges.Count)];
        return (new Point2d(at.X, at.Y), normal);
    }
}
