using CastInspect.Imaging.Synthesis;
using OpenCvSharp;

namespace CastInspect.Imaging.Tests.Synthesis;

public sealed class SurfaceSceneTests
{
    private const int Size = 600;
    private const double PixelMm = 0.08;

    [Theory]
    [InlineData(11UL)]
    [InlineData(12UL)]
    [InlineData(13UL)]
    public void LookAlikes_BrighterFace_SameMarksOnTop(ulong seed)
    {
        using var dull = Face(0.5);
        using var bright = Face(0.7);

        var drawnOnDull = SurfaceScene.LookAlikes(dull, PixelMm, machined: true, new SynthRandom(seed));
        var drawnOnBright = SurfaceScene.LookAlikes(bright, PixelMm, machined: true, new SynthRandom(seed));

        Assert.Equal(drawnOnDull, drawnOnBright);
        Assert.NotEmpty(drawnOnDull);
        using var difference = new Mat();
        Cv2.Subtract(bright, dull, difference);
        Cv2.MinMaxLoc(difference, out double least, out double most);
        Assert.InRange(least, 0.2 - 1e-5, 0.2 + 1e-5);
        Assert.InRange(most, 0.2 - 1e-5, 0.2 + 1e-5);
    }

    [Fact]
    public void LookAlikes_ManyFaces_DustIsBrightAndDark()
    {
        var brighter = 0;
        var darker = 0;
        for (var seed = 0UL; seed < 20; seed++)
        {
            using var face = Face(0.5);
            var drawn = SurfaceScene.LookAlikes(face, PixelMm, machined: true, new SynthRandom(seed));
            foreach (var dust in drawn.Where(d => d.Kind is "dust" or "dust_fibre"))
            {
                var v = face.At<float>((int)dust.Y, (int)dust.X);
                brighter += v > 0.6 ? 1 : 0;
                darker += v < 0.4 ? 1 : 0;
            }
        }

        Assert.True(brighter > 20, $"{brighter} bright dust");
        Assert.True(darker > 10, $"{darker} dark dust");
    }

    [Theory]
    [InlineData(300, 300)]
    [InlineData(5, 590)]
    [InlineData(-20, 40)]
    public void AddPinMark_AnywhereOnOrOffTheFace_SameAsBlurringTheWholeFrame(int x, int y)
    {
        const int radius = 50;
        using var face = Face(0.5);
        using var expected = Face(0.5);
        using (var disc = new Mat(Size, Size, MatType.CV_32FC1, Scalar.All(0)))
        {
            Cv2.Circle(disc, new Point(x, y), radius, Scalar.All(0.03), -1, LineTypes.Link8);
            Cv2.Circle(disc, new Point(x, y), radius, Scalar.All(-0.1), 2, LineTypes.Link8);
            Cv2.GaussianBlur(disc, disc, new OpenCvSharp.Size(0, 0), 0.8);
            Cv2.Add(expected, disc, expected);
        }

        SurfaceScene.AddPinMark(face, new Point(x, y), radius, 0.03);

        using var difference = new Mat();
        Cv2.Absdiff(face, expected, difference);
        Assert.Equal(0, Cv2.CountNonZero(difference));
        Cv2.MinMaxLoc(face, out double darkest, out _);
        Assert.True(darkest < 0.45, $"rim darkest {darkest}");
    }

    private static Mat Face(double reflectance) => new(Size, Size, MatType.CV_32FC1, Scalar.All(reflectance));
}
