using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;

namespace CastInspect.Core.Verdicts;

/// <summary>Groups of pores linked by small gaps (outline to outline), and the diameter of the circle enveloping a group.</summary>
internal static class PoreClusters
{
    /// <summary>
    /// Clusters of two or more pores, each pore linked to another when <paramref name="linked"/> says so of their gap;
    /// no gap wider than <paramref name="reachMm"/> links.
    /// </summary>
    public static List<IReadOnlyList<MeasuredDefect>> Find(IReadOnlyList<MeasuredDefect> pores, double reachMm, Func<double, bool> linked)
    {
        var shapes = pores.Select(ZoneGeometry.Shape).ToList();
        var bounds = shapes.Select(Polygon.Bounds).ToList();
        var parent = Enumerable.Range(0, pores.Count).ToArray();
        int Root(int i)
        {
            while (parent[i] != i)
            {
                i = parent[i] = parent[parent[i]];
            }

            return i;
        }

        var byLeft = Enumerable.Range(0, pores.Count).OrderBy(i => bounds[i].X).ToArray();
        for (var a = 0; a < byLeft.Length; a++)
        {
            var i = byLeft[a];
            for (var b = a + 1; b < byLeft.Length && bounds[byLeft[b]].X - (bounds[i].X + bounds[i].Width) <= reachMm; b++)
            {
                var j = byLeft[b];
                if (Root(i) == Root(j) || !linked(BoundsGap(bounds[i], bounds[j])))
                {
                    continue;
                }

                if (linked(Polygon.DistanceBetweenOutlines(shapes[i], shapes[j])))
                {
                    parent[Root(i)] = Root(j);
                }
            }
        }

        return [.. Enumerable.Range(0, pores.Count)
            .GroupBy(Root)
            .Where(g => g.Count() > 1)
            .Select(g => (IReadOnlyList<MeasuredDefect>)[.. g.Select(i => pores[i])])];
    }

    public static double EnvelopeDiameter(IReadOnlyList<MeasuredDefect> cluster) =>
        EnclosingCircle.Of(cluster.SelectMany(ZoneGeometry.Shape)).Diameter;

    // A lower bound of the outline gap: when even this is too wide to link, the exact gap is too.
    private static double BoundsGap(RectMm a, RectMm b)
    {
        var dx = Math.Max(0, Math.Max(a.X - (b.X + b.Width), b.X - (a.X + a.Width)));
        var dy = Math.Max(0, Math.Max(a.Y - (b.Y + b.Height), b.Y - (a.Y + a.Height)));
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
