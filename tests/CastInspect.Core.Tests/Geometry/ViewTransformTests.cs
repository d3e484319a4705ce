using CastInspect.Core.Geometry;

namespace CastInspect.Core.Tests.Geometry;

public class ViewTransformTests
{
    [Fact]
    public void ToViewMm_Identity_ScalesByPixelSize()
    {
        var t = ViewTransform.Identity(0.2);

        var p = t.ToViewMm(new PointPx(100, 50));

        Assert.Equal(20.0, p.X, 9);
        Assert.Equal(10.0, p.Y, 9);
    }

    [Fact]
    public void ToViewMm_Translation_ShiftsBeforeScaling()
    {
        var t = new ViewTransform([1, 0, -10, 0, 1, 5, 0, 0, 1], 0.5);

        var p = t.ToViewMm(new PointPx(30, 10));

        Assert.Equal(10.0, p.X, 9);
        Assert.Equal(7.5, p.Y, 9);
    }
}
