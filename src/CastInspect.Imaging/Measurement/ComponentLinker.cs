using OpenCvSharp;

namespace CastInspect.Imaging.Measurement;

/// <summary>Labels components that lie close together as one: each pixel takes the label of the 8-connected region it
/// falls in once every component is grown by a radius, so pieces closer than twice the radius share a label, and the
/// pixels between them stay unlabelled.</summary>
internal static class ComponentLinker
{
    /// <summary>As <see cref="Cv2.ConnectedComponentsWithStats(InputArray, OutputArray, OutputArray, OutputArray, PixelConnectivity, MatType)"/>
    /// (labels CV_32S, stats count × 5 CV_32S over the labelled pixels only, centroids count × 2 CV_64F), with pieces
    /// within 2 × <paramref name="radiusPx"/> of each other linked.</summary>
    /// <returns>The number of labels, background included.</returns>
    public static int Label(Mat binary, int radiusPx, Mat labels, Mat stats, Mat centroids)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(radiusPx);
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size((2 * radiusPx) + 1, (2 * radiusPx) + 1));
        using var grown = new Mat();
        Cv2.Dilate(binary, grown, kernel);
        using var grownLabels = new Mat();
        var count = Cv2.ConnectedComponents(grown, grownLabels, PixelConnectivity.Connectivity8, MatType.CV_32S);
        labels.Create(binary.Size(), MatType.CV_32SC1);
        labels.SetTo(Scalar.All(0));
        grownLabels.CopyTo(labels, binary);
        Measure(labels, count, stats, centroids);
        return count;
    }

    private static void Measure(Mat labels, int count, Mat stats, Mat centroids)
    {
        var (width, height) = (labels.Cols, labels.Rows);
        var left = new int[count];
        var top = new int[count];
        var right = new int[count];
        var bottom = new int[count];
        var area = new int[count];
        var sumX = new double[count];
        var sumY = new double[count];
        Array.Fill(left, int.MaxValue);
        Array.Fill(top, int.MaxValue);
        Array.Fill(right, -1);
        Array.Fill(bottom, -1);
        var span = labels.AsSpan<int>();
        for (var y = 0; y < height; y++)
        {
            var row = span.Slice(y * width, width);
            for (var x = 0; x < width; x++)
            {
                var l = row[x];
                if (l == 0)
                {
                    continue;
                }

                area[l]++;
                sumX[l] += x;
                sumY[l] += y;
                left[l] = Math.Min(left[l], x);
                right[l] = Math.Max(right[l], x);
                top[l] = Math.Min(top[l], y);
                bottom[l] = Math.Max(bottom[l], y);
            }
        }

        stats.Create(count, 5, MatType.CV_32SC1);
        centroids.Create(count, 2, MatType.CV_64FC1);
        var s = stats.AsSpan<int>();
        var c = centroids.AsSpan<double>();
        s.Clear();
        c.Clear();
        for (var l = 1; l < count; l++)
        {
            s[(l * 5) + (int)ConnectedComponentsTypes.Left] = left[l];
            s[(l * 5) + (int)ConnectedComponentsTypes.Top] = top[l];
            s[(l * 5) + (int)ConnectedComponentsTypes.Width] = right[l] - left[l] + 1;
            s[(l * 5) + (int)ConnectedComponentsTypes.Height] = bottom[l] - top[l] + 1;
            s[(l * 5) + (int)ConnectedComponentsTypes.Area] = area[l];
            c[l * 2] = sumX[l] / area[l];
            c[(l * 2) + 1] = sumY[l] / area[l];
        }
    }
}
