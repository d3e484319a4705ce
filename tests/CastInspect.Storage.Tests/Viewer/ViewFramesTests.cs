using CastInspect.Core.Geometry;
using CastInspect.Storage.Viewer;

namespace CastInspect.Storage.Tests.Viewer;

public sealed class ViewFramesTests
{
    private static string SamplePart(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CastInspect.sln")))
        {
            dir = dir.Parent;
        }

        return File.ReadAllText(Path.Combine(dir?.FullName ?? throw new InvalidOperationException("CastInspect.sln not found"), "samples", "parts", name));
    }

    [Fact]
    public void Parse_WholeImageZoneWithoutPolygon_OutlinesTheFullViewRectangle()
    {
        var frames = ViewFrames.Parse(SamplePart("generic.json"));

        var zone = Assert.Single(frames["image"].Zones);
        Assert.Equal("ALL", zone.Id);
        Assert.Equal([new PointMm(0, 0), new PointMm(102.4, 0), new PointMm(102.4, 102.4), new PointMm(0, 102.4)], zone.PolygonMm);
    }

    [Fact]
    public void Parse_ZoneWithPolygon_KeepsItsPolygon()
    {
        const string json = """
            {"views": [{"id": "XR-1", "width_px": 100, "height_px": 50, "pixel_size_mm": 0.1,
              "zones": [{"id": "Z", "name": "rib", "whole_image": false, "polygon_mm": [[1, 1], [4, 1], [4, 3]]}]}]}
            """;

        var zone = Assert.Single(ViewFrames.Parse(json)["XR-1"].Zones);

        Assert.Equal([new PointMm(1, 1), new PointMm(4, 1), new PointMm(4, 3)], zone.PolygonMm);
    }
}
