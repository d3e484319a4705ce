using CastInspect.Core.Geometry;

namespace CastInspect.Core.Tests.Geometry;

public class PolygonTests
{
    private static readonly IReadOnlyList<PointMm> Square = [new(0, 0), new(10, 0), new(10, 10), new(0, 10)];

    // An L-shaped (concave) zone.
    private static readonly IReadOnlyList<PointMm> L = [new(0, 0), new(10, 0), new(10, 4), new(4, 4), new(4, 10), new(0, 10)];

    [Fact]
    public void Area_SquareAndConcave_EitherWinding()
    {
        Assert.Equal(100, Polygon.Area(Square), 9);
        Assert.Equal(100, Polygon.Area([.. Square.Reverse()]), 9);
        Assert.Equal(64, Polygon.Area(L), 9);
    }

    [Theory]
    [InlineData(5, 5, true)]
    [InlineData(10, 5, true)] // on the edge
    [InlineData(0, 0, true)] // on a vertex
    [InlineData(10.001, 5, false)]
    [InlineData(-1, -1, false)]
    public void Contains_Square(double x, double y, bool expected) =>
        Assert.Equal(expected, Polygon.Contains(Square, new PointMm(x, y)));

    [Theory]
    [InlineData(2, 2, true)]
    [InlineData(7, 7, false)] // in the notch of the L
    [InlineData(7, 2, true)]
    public void Contains_ConcaveL(double x, double y, bool expected) =>
        Assert.Equal(expected, Polygon.Contains(L, new PointMm(x, y)));

    [Theory]
    [InlineData(5, 5, 5)]
    [InlineData(1, 5, 1)]
    [InlineData(13, 14, 5)] // outside, to the corner (10, 10)
    public void DistanceToEdge_InsideAndOutside(double x, double y, double expected) =>
        Assert.Equal(expected, Polygon.DistanceToEdge(Square, new PointMm(x, y)), 9);

    [Fact]
    public void DistanceBetweenOutlines_InsideCrossingAndApart()
    {
        IReadOnlyList<PointMm> inner = [new(2, 3), new(4, 3), new(4, 5), new(2, 5)];

        Assert.Equal(2, Polygon.DistanceBetweenOutlines(inner, Square), 9);
        Assert.Equal(0, Polygon.DistanceBetweenOutlines([new(9, 3), new(11, 3), new(11, 5), new(9, 5)], Square), 9);
        Assert.Equal(3, Polygon.DistanceBetweenOutlines([new(13, 3), new(15, 3), new(15, 5), new(13, 5)], Square), 9);
    }

    [Fact]
    public void Overlaps_CrossingContainedTouchingAndApart()
    {
        Assert.True(Polygon.Overlaps([new(8, 8), new(12, 8), new(12, 12)], Square));
        Assert.True(Polygon.Overlaps([new(2, 2), new(3, 2), new(3, 3)], Square));
        Assert.True(Polygon.Overlaps(Square, [new(2, 2), new(3, 2), new(3, 3)]));
        Assert.True(Polygon.Overlaps([new(10, 2), new(12, 2), new(12, 3)], Square));
        Assert.False(Polygon.Overlaps([new(11, 2), new(12, 2), new(12, 3)], Square));
        Assert.False(Polygon.Overlaps([new(6, 6), new(9, 6), new(9, 9), new(6, 9)], L));
    }

    [Fact]
    public void FindSelfIntersection_SimpleShapes_None()
    {
        Assert.Null(Polygon.FindSelfIntersection(Square));
        Assert.Null(Polygon.FindSelfIntersection(L));
        Assert.Null(Polygon.FindSelfIntersection([new(0, 0), new(5, 0), new(10, 0), new(10, 10)])); // collinear run is fine
    }

    [Fact]
    public void FindSelfIntersection_BowTie_NamesTheCrossingEdges()
    {
        var crossing = Polygon.FindSelfIntersection([new(0, 0), new(10, 10), new(10, 0), new(0, 10)]);

        Assert.Equal((0, 2), crossing);
    }

    [Fact]
    public void IsSimple_TouchingVertexSpikeAndRepeatedPoint_AreNot()
    {
        Assert.False(Polygon.IsSimple([new(0, 0), new(10, 0), new(5, 5), new(10, 10), new(0, 10), new(5, 5)])); // figure eight through (5, 5)
        Assert.False(Polygon.IsSimple([new(0, 0), new(10, 0), new(5, 0), new(5, 5)])); // folds back along itself
        Assert.False(Polygon.IsSimple([new(0, 0), new(10, 0), new(10, 0), new(0, 10)]));
    }

    [Fact]
    public void Bounds_AndFromRect_RoundTrip()
    {
        var r = new RectMm(1, 2, 3, 4);

        Assert.Equal(r, Polygon.Bounds(Polygon.FromRect(r)));
    }
}
