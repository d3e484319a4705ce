using CastInspect.Core.Verdicts;
using OpenCvSharp;

namespace CastInspect.Pipeline.Evaluation;

/// <summary>Draws defects as an instance map (pixel = defect index + 1, 0 = none) from their outlines, filled and with
/// their border. Evaluation and tuning match predictions to ground truth on the components as found (at the class
/// threshold); pixel IoU is over the regions as measured, the outlines a reviewer sees.</summary>
internal static class DefectInstances
{
    public static Mat Draw(IEnumerable<JudgedDefect> defects, int rows, int cols, bool asFound)
    {
        var instances = new Mat(rows, cols, MatType.CV_32SC1, Scalar.All(0));
        foreach (var d in defects)
        {
            var drawn = asFound ? d.Defect.FoundOutlinePx ?? d.Defect.OutlinePx : d.Defect.OutlinePx;
            var outline = drawn.Select(p => new Point((int)Math.Round(p.X), (int)Math.Round(p.Y))).ToArray();
            if (outline.Length > 0)
            {
                Cv2.FillPoly(instances, [outline], Scalar.All(d.Defect.Index + 1));
                Cv2.Polylines(instances, [outline], true, Scalar.All(d.Defect.Index + 1));
            }
        }

        return instances;
    }
}
