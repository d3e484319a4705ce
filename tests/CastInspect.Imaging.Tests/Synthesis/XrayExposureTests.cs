using CastInspect.Imaging.Quality;
using CastInspect.Imaging.Synthesis;

namespace CastInspect.Imaging.Tests.Synthesis;

public sealed class XrayExposureTests
{
    [Fact]
    public void Random_PartProgramUnsharpnessLimit_BlurStaysInsideItWithMargin()
    {
        var rng = new SynthRandom(7);
        var widest = Enumerable.Range(0, 2000).Max(_ => XrayExposure.Random(rng, maxUnsharpnessPx: 2.5).UnsharpnessSigmaPx);

        Assert.InRange(widest * ImageQualityGate.EdgeWidthPerSigma, 2.0, XrayExposure.UnsharpnessMargin * 2.5);
    }

    [Fact]
    public void Random_NoLimit_KeepsTheFullBlurRange()
    {
        var rng = new SynthRandom(7);
        var widest = Enumerable.Range(0, 2000).Max(_ => XrayExposure.Random(rng).UnsharpnessSigmaPx);

        Assert.InRange(widest, 1.0, 1.05);
    }
}
