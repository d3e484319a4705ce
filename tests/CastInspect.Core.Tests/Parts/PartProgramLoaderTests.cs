using CastInspect.Core.Geometry;
using CastInspect.Core.Parts;

namespace CastInspect.Core.Tests.Parts;

public class PartProgramLoaderTests
{
    private const string ValidJson = """
        {
          "part_number": "P-1",
          "name": "test casting",
          "revision": 3,
          "views": [
            {
              "id": "XR-1", "modality": "xray", "width_px": 100, "height_px": 50, "pixel_size_mm": 0.2,
              "zones": [
                {
                  "id": "Z-1", "name": "node", "criticality": "structural",
                  "polygon_mm": [[1, 1], [10, 1], [10, 9], [1, 9]],
                  "porosity": { "detection_floor_mm": 0.3, "max_pore_diameter_mm": 1.2 }
                }
              ]
            }
          ]
        }
        """;

    [Theory]
    [InlineData("UB-R-1000.json")]
    [InlineData("generic.json")]
    public void LoadFile_SamplePartProgram_IsValid(string file)
    {
        var result = PartProgramLoader.LoadFile(Path.Combine(SamplePartPrograms.Folder, file));

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
    }

    [Fact]
    public void LoadFile_UnderbodySample_MatchesTheSharedIdsAndSizes()
    {
        var program = PartProgramLoader.Load(SamplePartPrograms.UnderbodyPath);

        Assert.Equal("UB-R-1000", program.PartNumber);
        Assert.Equal("giga-cast rear underbody", program.Name);
        Assert.Equal(2, program.Revision);
        Assert.Equal(["XR-1", "XR-2", "XR-3", "SF-1", "SF-2"], program.Views.Select(v => v.Id));
        Assert.All(program.Views.Where(v => v.Modality == Modality.Surface), v => Assert.Equal(1.5, v.PositionToleranceMm));
        foreach (var xr in program.Views.Where(v => v.Modality == Modality.Xray))
        {
            Assert.Equal((1024, 1024, 0.1), (xr.WidthPx, xr.HeightPx, xr.PixelSizeMm));
            Assert.NotNull(xr.ImageQuality);
        }

        foreach (var sf in program.Views.Where(v => v.Modality == Modality.Surface))
        {
            Assert.Equal((1024, 768, 0.08), (sf.WidthPx, sf.HeightPx, sf.PixelSizeMm));
        }

        Assert.Equal("left rear node", program.FindView("XR-1")!.Name);
        Assert.All(program.Views, v => Assert.True(v.Zones.Count >= 2));
    }

    [Fact]
    public void LoadFile_UnderbodySample_HasStrictStructuralAndLenientFlangeZones()
    {
        var program = PartProgramLoader.Load(SamplePartPrograms.UnderbodyPath);
        var zones = program.Views.SelectMany(v => v.Zones).ToList();

        var structural = zones.Where(z => z.Criticality == Criticality.Structural).ToList();
        var lenient = zones.Where(z => z.ColdShut is { Allowed: true }).ToList();
        Assert.NotEmpty(structural);
        Assert.NotEmpty(lenient);
        Assert.All(structural, z => Assert.False(z.ColdShut!.Allowed));
        Assert.True(structural.Max(z => z.Porosity!.MaxPoreDiameterMm) < lenient.Min(z => z.Porosity!.MaxPoreDiameterMm));
        Assert.Contains(zones, z => z.Criticality == Criticality.Sealing && z.Porosity!.MinEdgeDistanceMm > 0);
    }

    [Fact]
    public void LoadFile_GenericSample_HasOneWholeImageZoneOnAnAnySizeView()
    {
        var program = PartProgramLoader.Load(SamplePartPrograms.GenericPath);

        Assert.Equal("generic", program.PartNumber);
        var view = Assert.Single(program.Views);
        Assert.Equal("image", view.Id);
        Assert.True(view.AnySize);
        Assert.Equal(0.1, view.PixelSizeMm);
        var zone = Assert.Single(view.Zones);
        Assert.True(zone.WholeImage);
        Assert.Equal(new RectMm(0, 0, view.WidthMm, view.HeightMm), Polygon.Bounds(zone.PolygonMm));
    }

    [Fact]
    public void Parse_ValidProgram_ReadsEveryField()
    {
        var result = PartProgramLoader.Parse(ValidJson, "p1.json");

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var zone = result.Program!.Views[0].Zones[0];
        Assert.Equal(3, result.Program.Revision);
        Assert.Equal(Criticality.Structural, zone.Criticality);
        Assert.Equal(1.2, zone.Porosity!.MaxPoreDiameterMm);
        Assert.Null(zone.ColdShut);
        Assert.Equal(ReviewBand.Default, zone.Review);
        Assert.Equal("p1.json", result.Program.SourcePath);
    }

    [Fact]
    public void Parse_EjectorPinMarks_ReadsTheDiametersAndDefaultTolerance()
    {
        var json = ValidJson.Replace("\"pixel_size_mm\": 0.2,", "\"pixel_size_mm\": 0.2, \"ejector_pin_marks\": {\"min_diameter_mm\": 6, \"max_diameter_mm\": 12},", StringComparison.Ordinal);

        var view = PartProgramLoader.Parse(json, "p.json").GetProgramOrThrow().Views[0];

        Assert.Equal(new EjectorPinMarks(6, 12, 0.16), view.EjectorPins);
        Assert.Null(PartProgramLoader.Parse(ValidJson, "p.json").GetProgramOrThrow().Views[0].EjectorPins);
    }

    [Fact]
    public void Parse_ZoneReviewOverridesSomeKeys_OthersComeFromTheProgram()
    {
        var json = ValidJson
            .Replace("\"revision\": 3,", "\"revision\": 3, \"review\": {\"margin_fraction\": 0.2, \"min_cold_shut_confidence\": 0.9},", StringComparison.Ordinal)
            .Replace("\"criticality\": \"structural\",", "\"criticality\": \"structural\", \"review\": {\"margin_fraction\": 0.05},", StringComparison.Ordinal);

        var zone = PartProgramLoader.Parse(json, "p.json").GetProgramOrThrow().Views[0].Zones[0];

        Assert.Equal(new ReviewBand(0.05, 0.6, 0.9), zone.Review);
    }

    [Fact]
    public void LoadFile_RelativeReferenceImage_ResolvesAgainstTheFilesFolder()
    {
        var dir = Directory.CreateTempSubdirectory("ci-parts-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "ref"));
            File.WriteAllBytes(Path.Combine(dir.FullName, "ref", "xr1.png"), [1]);
            var file = Path.Combine(dir.FullName, "p.json");
            File.WriteAllText(file, ValidJson.Replace("\"pixel_size_mm\": 0.2,", "\"pixel_size_mm\": 0.2, \"reference_image\": \"ref/xr1.png\",", StringComparison.Ordinal));

            var program = PartProgramLoader.Load(file);

            Assert.Equal(Path.Combine(dir.FullName, "ref", "xr1.png"), program.Views[0].ReferenceImage);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void LoadFile_MissingReferenceImage_NamesFieldAndPath()
    {
        var dir = Directory.CreateTempSubdirectory("ci-parts-");
        try
        {
            var file = Path.Combine(dir.FullName, "p.json");
            File.WriteAllText(file, ValidJson.Replace("\"pixel_size_mm\": 0.2,", "\"pixel_size_mm\": 0.2, \"reference_image\": \"nope.png\",", StringComparison.Ordinal));

            var problem = Assert.Single(PartProgramLoader.LoadFile(file).Problems);

            Assert.Equal(file, problem.File);
            Assert.Equal("views[0].reference_image", problem.Field);
            Assert.Contains("nope.png", problem.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void LoadFile_FileMissing_ReportsTheFile()
    {
        var result = PartProgramLoader.LoadFile("/nonexistent/part.json");

        Assert.False(result.IsValid);
        Assert.Equal("/nonexistent/part.json", Assert.Single(result.Problems).File);
    }

    [Fact]
    public void Parse_BrokenJson_GivesLineAndColumn()
    {
        var problem = Assert.Single(PartProgramLoader.Parse("{\n  \"part_number\": \"P\",\n  \"name\" \"x\"\n}", "bad.json").Problems);

        Assert.Equal("bad.json", problem.File);
        Assert.Contains("line 3", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithPixelSize_GenericView_WholeImageZoneFollowsTheNewSize()
    {
        var program = PartProgramLoader.Load(SamplePartPrograms.GenericPath).WithPixelSize("image", 0.05);

        var view = program.Views[0];
        Assert.Equal(0.05, view.PixelSizeMm);
        Assert.Equal(new RectMm(0, 0, 51.2, 51.2), Polygon.Bounds(view.Zones[0].PolygonMm));
    }
}
