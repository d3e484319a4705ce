using CastInspect.Core.Geometry;
using CastInspect.Core.Parts;
using CastInspect.Imaging.Quality;
using CastInspect.Imaging.Synthesis;
using OpenCvSharp;

namespace CastInspect.Imaging.Tests.Quality;

public sealed class ImageQualityGateTests
{
    private static Mat Step(double contrast, double noise, double blurSigma)
    {
        using var f = new Mat(200, 200, MatType.CV_32FC1, Scalar.All(20000));
        using (var right = new Mat(f, new Rect(100, 0, 100, 200)))
        {
            right.SetTo(Scalar.All(20000 + contrast));
        }

        if (blurSigma > 0)
        {
            Cv2.GaussianBlur(f, f, new Size(0, 0), blurSigma);
        }

        var rng = new SynthRandom(1);
        var s = f.AsSpan<float>();
        for (var i = 0; i < s.Length; i++)
        {
            s[i] += (float)(rng.Gaussian() * noise);
        }

        var image = new Mat();
        f.ConvertTo(image, MatType.CV_16UC1);
        return image;
    }

    [Fact]
    public void Evaluate_GoodStep_PassesAndMeasuresCnrAndBlur()
    {
        using var image = Step(2000, 100, 1.5);

        var result = ImageQualityGate.Evaluate(image, new ImageQualityLimits(2.5, 6), ViewTransform.Identity(0.1));

        Assert.True(result.Passed, string.Join("; ", result.ReviewReasons));
        Assert.InRange(result.Metrics["noise_sigma"], 85, 115);
        Assert.InRange(result.Metrics["cnr"], 16, 24);
        Assert.InRange(result.Metrics["unsharpness_px"], 2.563 * 1.5 * 0.7, 2.563 * 1.5 * 1.3);
    }

    [Fact]
    public void Evaluate_NoisyView_ReviewWithCnrReason()
    {
        using var image = Step(150, 100, 1);

        var result = ImageQualityGate.Evaluate(image, new ImageQualityLimits(2.5, 6), ViewTransform.Identity(0.1));

        var reason = Assert.Single(result.ReviewReasons, r => r.Contains("CNR", StringComparison.Ordinal));
        Assert.Matches(@"^image quality: CNR \d+\.\d < 2\.5$", reason);
    }

    [Fact]
    public void Evaluate_BlurredView_ReviewWithUnsharpnessReason()
    {
        using var image = Step(3000, 20, 4);

        var result = ImageQualityGate.Evaluate(image, new ImageQualityLimits(2.5, 4), ViewTransform.Identity(0.1));

        Assert.Contains(result.ReviewReasons, r => r.StartsWith("image quality: unsharpness", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_UnsharpnessJustOverLimit_ReasonShowsMeasuredAboveLimit()
    {
        using var image = Step(3000, 20, 4);
        var measured = ImageQualityGate.Evaluate(image, null, ViewTransform.Identity(0.1)).Metrics["unsharpness_px"];
        var limit = measured - 0.004;

        var result = ImageQualityGate.Evaluate(image, new ImageQualityLimits(0.1, limit), ViewTransform.Identity(0.1));

        var reason = Assert.Single(result.ReviewReasons, r => r.Contains("unsharpness", StringComparison.Ordinal));
        var numbers = System.Text.RegularExpressions.Regex.Matches(reason, @"\d+\.\d+").Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, numbers.Count);
        Assert.True(numbers[0] > numbers[1], reason);
    }
}
