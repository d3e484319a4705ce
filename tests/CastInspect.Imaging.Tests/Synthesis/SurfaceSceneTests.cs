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

    private static Mat Face(double reflectance) => new(Size, Size, MatType.CV_32FC1, Scalar.All(reflectance));
}
