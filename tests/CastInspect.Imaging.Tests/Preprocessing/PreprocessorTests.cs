using CastInspect.Imaging.Preprocessing;
using OpenCvSharp;

namespace CastInspect.Imaging.Tests.Preprocessing;

public sealed class PreprocessorTests
{
    [Fact]
    public void FlattenIllumination_LightingGradient_Removed()
    {
        using var lit = new Mat(200, 300, MatType.CV_8UC1);
        var s = lit.AsSpan<byte>();
        for (var y = 0; y < 200; y++)
        {
            for (var x = 0; x < 300; x++)
            {
                s[(y * 300) + x] = (byte)(60 + (x * 0.5));
            }
        }

        using var flat = Preprocessor.FlattenIllumination(lit);
        using var middle = new Mat(flat, new Rect(50, 50, 200, 100));
        Cv2.MinMaxLoc(middle, out double min, out double max);

        Assert.InRange(max / min, 1.0, 1.05);
    }

    [Fact]
    public void Prepare_SurfaceByDefault_WindowsRawGreyLikeTheTrainingCode()
    {
        using var lit = new Mat(40, 60, MatType.CV_8UC1);
        Cv2.Randu(lit, Scalar.All(10), Scalar.All(250));

        using var prepared = Preprocessor.Prepare(lit, CastInspect.Core.Parts.Modality.Surface, new CastInspect.Core.Inspection.InputNormalisation(0, 100));
        using var expected = Windowing.Apply(lit, new CastInspect.Core.Inspection.InputNormalisation(0, 100));
        using var diff = new Mat();
        Cv2.Absdiff(prepared, expected, diff);

        Assert.Equal(0, Cv2.CountNonZero(diff));
    }

    [Fact]
    public void Correct_XrayWithFlatField_WindowedEqualsPrepare()
    {
        using var raw = new Mat(32, 48, MatType.CV_16UC1);
        Cv2.Randu(raw, Scalar.All(5000), Scalar.All(30000));
        using var flat = new Mat(32, 48, MatType.CV_16UC1);
        Cv2.Randu(flat, Scalar.All(40000), Scalar.All(50000));
        using var calibration = new Calibration(null, flat.Clone());
        var normalisation = new CastInspect.Core.Inspection.InputNormalisation(0.5, 99.5, CastInspect.Core.Inspection.IntensityTransform.Sqrt);

        using var prepared = Preprocessor.Prepare(raw, CastInspect.Core.Parts.Modality.Xray, normalisation, calibration);
        using var corrected = Preprocessor.Correct(raw, CastInspect.Core.Parts.Modality.Xray, calibration);
        using var windowed = Windowing.Apply(corrected, normalisation);

        using var diff = new Mat();
        Cv2.Absdiff(prepared, windowed, diff);
        Assert.Equal(0, Cv2.CountNonZero(diff));
        Assert.NotEqual(raw.Get<ushort>(3, 3), corrected.Get<ushort>(3, 3));
    }

    [Fact]
    public void CorrectXray_FlatField_RemovesDetectorGain()
    {
        using var gain = new Mat(32, 32, MatType.CV_16UC1);
        var g = gain.AsSpan<ushort>();
        for (var i = 0; i < g.Length; i++)
        {
            g[i] = (ushort)(10000 + (i % 32 * 200));
        }

        using var dark = new Mat(32, 32, MatType.CV_16UC1, Scalar.All(100));
        using var raw = new Mat();
        Cv2.AddWeighted(gain, 0.5, dark, 0.5, 0, raw);
        using var calibration = new Calibration(dark.Clone(), gain.Clone());

        using var corrected = Preprocessor.CorrectXray(raw, calibration);
        Cv2.MeanStdDev(corrected, out var mean, out var std);

        Assert.True(std.Val0 < 0.01 * mean.Val0, $"std {std.Val0} mean {mean.Val0}");
    }

    [Fact]
    public void CalibrationLoad_ViewWithDarkAndFlatFiles_ReadsBoth()
    {
        var dir = TestParts.TempDir();
        using var dark = new Mat(8, 8, MatType.CV_16UC1, Scalar.All(100));
        using var flat = new Mat(8, 8, MatType.CV_16UC1, Scalar.All(30000));
        Cv2.ImWrite(Path.Combine(dir, "dark.png"), dark);
        Cv2.ImWrite(Path.Combine(dir, "flat.tiff"), flat);
        var view = TestParts.XrayView(8, 8) with { DarkImage = Path.Combine(dir, "dark.png"), FlatImage = Path.Combine(dir, "flat.tiff") };

        using var calibration = Calibration.Load(view);

        Assert.Equal(100, calibration!.Dark!.Get<ushort>(3, 3));
        Assert.Equal(30000, calibration.Flat!.Get<ushort>(3, 3));
    }

    [Fact]
    public void CalibrationLoad_MissingFile_InvalidImageNamingTheView()
    {
        var view = TestParts.XrayView(8, 8) with { DarkImage = "/nonexistent/dark.png" };

        var e = Assert.Throws<CastInspect.Core.Inspection.InvalidImageException>(() => Calibration.Load(view)?.Dispose());

        Assert.Equal("XR-T", e.ViewId);
        Assert.Contains("dark.png", e.Message, StringComparison.Ordinal);
    }
}
