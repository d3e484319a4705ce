using CastInspect.Core.Geometry;

namespace CastInspect.Imaging.Tests;

public sealed class ViewGeometryMathTests
{
    [Fact]
    public void ToImagePx_RotatedShiftedView_InvertsToViewMm()
    {
        var a = Math.PI / 90;
        var transform = new ViewTransform([Math.Cos(a), -Math.Sin(a), 12.5, Math.Sin(a), Math.Cos(a), -7.25, 0, 0, 1], 0.1);
        var p = new PointPx(321.5, 87.25);

        var back = ViewGeometryMath.ToImagePx(transform, transform.ToViewMm(p));

        Assert.Equal(p.X, back.X, 6);
        Assert.Equal(p.Y, back.Y, 6);
    }

    [Fact]
    public void Contains_PointsInAndOutOfAnLShape_Answered()
    {
        IReadOnlyList<PointMm> l = [new(0, 0), new(10, 0), new(10, 4), new(4, 4), new(4, 10), new(0, 10)];
        Assert.True(ViewGeometryMath.Contains(l, new PointMm(2, 8)));
        Assert.False(ViewGeometryMath.Contains(l, new PointMm(8, 8)));
    }
}
