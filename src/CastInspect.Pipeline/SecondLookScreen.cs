using System.Globalization;
using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Inference.Manifest;
using CastInspect.Inference.SecondLook;

namespace CastInspect.Pipeline;

/// <summary>Applies a model's second looks to the defects extracted from one view: every component of a looked-at class
/// above the noise floor and at least its look's <c>min_area_px</c> is scored (on its centroid's patch, or the best of
/// the patches along it with <c>along_component</c>), and those under the look's least score are screened out with the
/// reason.</summary>
public static class SecondLookScreen
{
    /// <summary>The defects with the second look's score on each one looked at; unchanged when the prediction has no
    /// second look.</summary>
    /// <param name="screen">True: components under each look's <c>min_score</c> are screened. False: every one is
    /// scored and none screened (the tuner chooses the least score itself).</param>
    /// <param name="cache">Scores already computed for this view, by class and patch origin (the tuner extracts each
    /// view many times).</param>
    public static IReadOnlyList<MeasuredDefect> Apply(
        IReadOnlyList<MeasuredDefect> defects, ViewPrediction prediction, bool screen, Dictionary<(DefectClass Class, int X, int Y), float>? cache = null)
    {
        ArgumentNullException.ThrowIfNull(defects);
        ArgumentNullException.ThrowIfNull(prediction);
        if (prediction.SecondLooks is not { Count: > 0 } looks || prediction.Image is not { } image)
        {
            return defects;
        }

        cache ??= [];
        var result = defects;
        foreach (var look in looks)
        {
            result = Apply(result, prediction, image, look, screen, cache);
        }

        return result;
    }

    private static List<MeasuredDefect> Apply(
        IReadOnlyList<MeasuredDefect> defects, ViewPrediction prediction, float[] image, SecondLookModel look, bool screen, Dictionary<(DefectClass, int, int), float> cache)
    {
        var spec = look.Spec;
        var cls = ClassOf(spec);
        var origins = defects.Select(d => Looked(d, cls, spec.MinAreaPx) ? PatchOrigins(d, spec) : null).ToList();
        var todo = origins.OfType<IReadOnlyList<(int X, int Y)>>().SelectMany(o => o).Distinct().Where(o => !cache.ContainsKey((cls, o.X, o.Y))).ToList();
        if (todo.Count > 0)
        {
            var half = spec.PatchPx / 2;
            var maps = prediction.Maps;
            var scores = look.Score(image, maps.Channel((int)cls), maps.Width, maps.Height, todo.Select(o => ((double)o.X + half, (double)o.Y + half)).ToList());
            for (var i = 0; i < todo.Count; i++)
            {
                cache[(cls, todo[i].X, todo[i].Y)] = scores[i];
            }
        }

        var minScore = screen ? spec.MinScore : 0;
        return defects.Select((d, i) => origins[i] is { } o ? Screen(d, o.Max(x => cache[(cls, x.X, x.Y)]), minScore) : d).ToList();
    }

    /// <summary>The top-left pixels of the patches a component is looked at from: its centroid's, and with
    /// <see cref="SecondLookSpec.AlongComponent"/> those on its outline, at least half a patch apart, when it is longer
    /// than half a patch.</summary>
    internal static IReadOnlyList<(int X, int Y)> PatchOrigins(MeasuredDefect d, SecondLookSpec spec)
    {
        var origins = new List<(int X, int Y)> { PatchCutter.Origin(d.CentroidPx.X, d.CentroidPx.Y, spec.PatchPx) };
        var step = spec.PatchPx / 2.0;
        if (!spec.AlongComponent || Math.Max(d.BoundingBox.Width, d.BoundingBox.Height) <= step)
        {
            return origins;
        }

        var centres = new List<PointPx>();
        foreach (var p in d.OutlinePx.Where(p => centres.All(q => Math.Abs(q.X - p.X) + Math.Abs(q.Y - p.Y) >= step)))
        {
            centres.Add(p);
            origins.Add(PatchCutter.Origin(p.X, p.Y, spec.PatchPx));
        }

        return origins;
    }

    private static DefectClass ClassOf(SecondLookSpec spec) =>
        DefectClassKeys.Parse(spec.Class) ?? throw new InvalidOperationException($"second look at '{spec.Class}' is not known");

    private static bool Looked(MeasuredDefect d, DefectClass cls, int minAreaPx) => d.Class == cls && !d.Screened && (d.FoundAreaPx ?? d.AreaPx) >= minAreaPx;

    private static MeasuredDefect Screen(MeasuredDefect d, float score, double minScore) => score >= minScore
        ? d with { SecondLookScore = score }
        : d with
        {
            SecondLookScore = score,
            Screened = true,
            ScreenReason = string.Create(
                CultureInfo.InvariantCulture,
                $"second look: not a {(d.Class == DefectClass.ColdShut ? "cold shut" : "pore")} (score {score:0.00} under {minScore:0.##}, manifest second_looks min_score)"),
        };
}
