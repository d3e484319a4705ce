using System.Globalization;
using CastInspect.Core.Measurement;
using CastInspect.Inference.Manifest;
using CastInspect.Inference.SecondLook;

namespace CastInspect.Pipeline;

/// <summary>Applies a model's second look to the defects extracted from one view: every component of its class above the
/// noise floor and at least its <c>min_area_px</c> is scored, and those under the least score are screened out with the reason.</summary>
public static class SecondLookScreen
{
    /// <summary>The defects with the second look's score on each one looked at, and those under
    /// <paramref name="minScore"/> screened; unchanged when the prediction has no second look.</summary>
    /// <param name="cache">Scores already computed for this view, by patch origin (the tuner extracts each view many times).</param>
    public static IReadOnlyList<MeasuredDefect> Apply(
        IReadOnlyList<MeasuredDefect> defects, ViewPrediction prediction, double minScore, Dictionary<(int X, int Y), float>? cache = null)
    {
        ArgumentNullException.ThrowIfNull(defects);
        ArgumentNullException.ThrowIfNull(prediction);
        if (prediction.SecondLook is not { } look || prediction.Image is not { } image)
        {
            return defects;
        }

        var spec = look.Spec;
        var cls = spec.Class == SecondLookSpec.PorosityClass ? DefectClass.Porosity : throw new InvalidOperationException($"second look at '{spec.Class}' is not known");
        cache ??= [];
        var origins = defects.Select(d => Looked(d, cls, spec.MinAreaPx) ? PatchCutter.Origin(d.CentroidPx.X, d.CentroidPx.Y, spec.PatchPx) : ((int, int)?)null).ToList();
        var todo = origins.OfType<(int X, int Y)>().Distinct().Where(o => !cache.ContainsKey(o)).ToList();
        if (todo.Count > 0)
        {
            var half = spec.PatchPx / 2;
            var maps = prediction.Maps;
            var scores = look.Score(image, maps.Channel((int)cls), maps.Width, maps.Height, todo.Select(o => ((double)o.X + half, (double)o.Y + half)).ToList());
            for (var i = 0; i < todo.Count; i++)
            {
                cache[todo[i]] = scores[i];
            }
        }

        return defects.Select((d, i) => origins[i] is { } o ? Screen(d, cache[o], minScore) : d).ToList();
    }

    private static bool Looked(MeasuredDefect d, DefectClass cls, int minAreaPx) => d.Class == cls && !d.Screened && (d.FoundAreaPx ?? d.AreaPx) >= minAreaPx;

    private static MeasuredDefect Screen(MeasuredDefect d, float score, double minScore) => score >= minScore
        ? d with { SecondLookScore = score }
        : d with
        {
            SecondLookScore = score,
            Screened = true,
            ScreenReason = string.Create(CultureInfo.InvariantCulture, $"second look: not a pore (score {score:0.00} under {minScore:0.##}, manifest second_look.min_score)"),
        };
}
