using CastInspect.Core.Verdicts;
using OpenCvSharp;

namespace CastInspect.Pipeline.Evaluation;

/// <summary>Draws defects as an instance map (pixel = defect index + 1, 0 = none) from their outlines, filled and with
/// their border, which is how evaluation and tuning match predictions to ground truth.</summary>
internal static class DefectInstances
{
    public static Mat Draw(IEnumerable<JudgedDefect> defects, int rows, int cols)
    {
        var instances = new Mat(rows, cols, MatType.CV_32SC1, Scalar.All(0));
        foreach (var d in defects)
        {
            var outline = d.Defect.OutlinePx.Select(p => new Point((int)Math.Round(p.X), (int)Math.Round(p.Y))).ToArray();
            if (outline.Length > 0)
            {
                Cv2.FillPoly(instances, [outline], Scalar.All(d.Defect.Index + 1));
                Cv2.Polylines(instances, [outline], true, Scalar.All(d.Defect.Index + 1));
            }
        }

        return instances;
    }
}
