using CastInspect.Core.Geometry;
using CastInspect.Core.Parts;
using CastInspect.Tests.Shared;

namespace CastInspect.Imaging.Tests;

/// <summary>Small part programs and temporary folders for imaging tests.</summary>
internal static class TestParts
{
    public static ViewDefinition XrayView(int width = 256, int height = 256, double pixelMm = 0.1) =>
        new("XR-T", Modality.Xray, width, height, pixelMm, [WholeView("Z1", width * pixelMm, height * pixelMm)]);

    public static ViewDefinition SurfaceView(int width = 256, int height = 192, double pixelMm = 0.08) =>
        new("SF-T", Modality.Surface, width, height, pixelMm, [WholeView("Z2", width * pixelMm, height * pixelMm)]);

    public static PartProgram Program() => new("TEST-1", "test part", 1, [XrayView(), SurfaceView()]);

    public static Zone WholeView(string id, double widthMm, double heightMm) =>
        new(id, "whole view", [new(0, 0), new(widthMm, 0), new(widthMm, heightMm), new(0, heightMm)], Criticality.Functional, null, null, ReviewBand.Default);

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "castinspect-imaging-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string RepoRoot => Repository.Root;
}
