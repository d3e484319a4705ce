using CastInspect.Core.Parts;

namespace CastInspect.Core.Tests.Parts;

/// <summary>Malformed part programs: every problem names the file and the field, and says why.</summary>
public class PartProgramValidatorTests
{
    private const string File = "rear-underbody.json";

    private static string Program(string zones, string viewExtra = "") => $$"""
        {
          "part_number": "P-1", "name": "test casting", "revision": 1,
          "views": [
            { "id": "XR-1", "modality": "xray", "width_px": 100, "height_px": 100, "pixel_size_mm": 0.1 {{viewExtra}},
              "zones": [ { "id": "A", "name": "ok zone", "criticality": "functional", "polygon_mm": [[0, 0], [5, 0], [5, 5]] } ] },
            { "id": "XR-2", "modality": "xray", "width_px": 100, "height_px": 100, "pixel_size_mm": 0.1,
              "zones": [ {{zones}} ] }
          ]
        }
        """;

    private static string Zone(string extra = "", string polygon = "[[1, 1], [8, 1], [8, 8], [1, 8]]") =>
        $$"""{ "id": "Z-1", "name": "node", "criticality": "structural", "polygon_mm": {{polygon}} {{extra}} }""";

    private static IReadOnlyList<PartProgramProblem> Problems(string json)
    {
        var result = PartProgramLoader.Parse(json, File);
        Assert.False(result.IsValid);
        Assert.Null(result.Program);
        Assert.All(result.Problems, p => Assert.Equal(File, p.File));
        return result.Problems;
    }

    private static PartProgramProblem Single(string json) => Assert.Single(Problems(json));

    [Fact]
    public void Validate_ValidProgram_HasNoProblems()
    {
        var result = PartProgramLoader.Parse(Program(Zone()), File);

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Validate_EjectorPinsLargestBelowSmallest_NamesTheField()
    {
        var problem = Single(Program(Zone(), viewExtra: """, "ejector_pin_marks": {"min_diameter_mm": 8, "max_diameter_mm": 6}"""));

        Assert.Equal("views[0].ejector_pin_marks.max_diameter_mm", problem.Field);
        Assert.Contains("must be at least min_diameter_mm (8)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativePositionTolerance_NamesTheField()
    {
        var problem = Single(Program(Zone(), viewExtra: """, "position_tolerance_mm": -1"""));

        Assert.Equal("views[0].position_tolerance_mm", problem.Field);
        Assert.Contains("must be 0 or more", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PositionTolerance_IsReadOntoTheView()
    {
        var result = PartProgramLoader.Parse(Program(Zone(), viewExtra: """, "position_tolerance_mm": 1.5"""), File);

        Assert.Equal(1.5, result.Program!.Views[0].PositionToleranceMm);
        Assert.Equal(0, result.Program.Views[1].PositionToleranceMm);
    }

    [Fact]
    public void Validate_ViewWithoutZones_NamesTheZonesField()
    {
        var problem = Single(Program(string.Empty));

        Assert.Equal("views[1].zones", problem.Field);
        Assert.Contains("no zones", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZoneWithoutPolygon_SaysItIsMissing()
    {
        var problem = Single(Program("""{ "id": "Z-1", "name": "node", "criticality": "structural" }"""));

        Assert.Equal("views[1].zones[0].polygon_mm", problem.Field);
        Assert.Contains("missing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SelfIntersectingPolygon_NamesTheCrossingEdges()
    {
        var problem = Single(Program(Zone(polygon: "[[1, 1], [8, 8], [8, 1], [1, 8]]")));

        Assert.Equal("views[1].zones[0].polygon_mm", problem.Field);
        Assert.Contains("self-intersecting", problem.Message, StringComparison.Ordinal);
        Assert.Contains("(1, 1)–(8, 8)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PolygonWithTwoPoints_NeedsThree()
    {
        var problem = Single(Program(Zone(polygon: "[[1, 1], [8, 8]]")));

        Assert.Equal("views[1].zones[0].polygon_mm", problem.Field);
        Assert.Contains("at least 3 points", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZoneOutsideTheView_NamesThePointAndTheViewExtent()
    {
        var problem = Single(Program(Zone(polygon: "[[1, 1], [12, 1], [12, 8], [1, 8]]")));

        Assert.Equal("views[1].zones[0].polygon_mm", problem.Field);
        Assert.Contains("outside the view", problem.Message, StringComparison.Ordinal);
        Assert.Contains("(12, 1)", problem.Message, StringComparison.Ordinal);
        Assert.Contains("0–10 × 0–10 mm", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"detection_floor_mm\": -0.1", "detection_floor_mm")]
    [InlineData("\"detection_floor_mm\": 0.3, \"max_pore_diameter_mm\": -1", "max_pore_diameter_mm")]
    [InlineData("\"detection_floor_mm\": 0.3, \"max_pore_diameter_mm\": 0", "max_pore_diameter_mm")]
    [InlineData("\"detection_floor_mm\": 0.3, \"reference_area\": {\"shape\": \"circle\", \"size_mm\": -10}, \"max_pore_count\": 3", "reference_area.size_mm")]
    [InlineData("\"detection_floor_mm\": 0.3, \"reference_area\": {\"shape\": \"circle\", \"size_mm\": 10}, \"max_pore_count\": -1", "max_pore_count")]
    [InlineData("\"detection_floor_mm\": 0.3, \"reference_area\": {\"shape\": \"circle\", \"size_mm\": 10}, \"max_area_percent\": 0", "max_area_percent")]
    [InlineData("\"detection_floor_mm\": 0.3, \"min_edge_distance_mm\": -2", "min_edge_distance_mm")]
    public void Validate_NegativeOrZeroLimit_NamesTheRule(string rules, string field)
    {
        var problem = Single(Program(Zone($", \"porosity\": {{ {rules} }}")));

        Assert.Equal($"views[1].zones[0].porosity.{field}", problem.Field);
        Assert.Contains("must be", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownRule_SuggestsTheKnownOne()
    {
        var problem = Single(Program(Zone(", \"porosity\": { \"detection_floor_mm\": 0.3, \"max_pore_diam_mm\": 1.2 }")));

        Assert.Equal("views[1].zones[0].porosity.max_pore_diam_mm", problem.Field);
        Assert.Contains("unknown porosity rule 'max_pore_diam_mm'; did you mean 'max_pore_diameter_mm'?", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownZoneKey_ListsTheKnownKeys()
    {
        var problem = Single(Program(Zone(", \"gas_porosity_grade\": 3")));

        Assert.Equal("views[1].zones[0].gas_porosity_grade", problem.Field);
        Assert.Contains("known:", problem.Message, StringComparison.Ordinal);
        Assert.Contains("polygon_mm", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownModality_ListsTheModalities()
    {
        var json = Program(Zone()).Replace("\"id\": \"XR-2\", \"modality\": \"xray\"", "\"id\": \"XR-2\", \"modality\": \"ct\"", StringComparison.Ordinal);

        var problem = Single(json);

        Assert.Equal("views[1].modality", problem.Field);
        Assert.Contains("unknown modality 'ct' (expected xray or surface)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateViewAndZoneIds_PointToTheEarlierOne()
    {
        var json = Program($"{Zone()}, {Zone(polygon: "[[2, 2], [9, 2], [9, 9]]")}")
            .Replace("\"id\": \"XR-2\"", "\"id\": \"XR-1\"", StringComparison.Ordinal);

        var problems = Problems(json);

        Assert.Contains(problems, p => p.Field == "views[1].id" && p.Message.Contains("duplicate view id 'XR-1' (also at views[0].id)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Field == "views[1].zones[1].id" && p.Message.Contains("duplicate zone id 'Z-1'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0", "pixel_size_mm")]
    [InlineData("-0.1", "pixel_size_mm")]
    public void Validate_PixelSizeNotPositive_NamesTheView(string value, string field)
    {
        var json = Program(Zone()).Replace("\"pixel_size_mm\": 0.1 ,", $"\"pixel_size_mm\": {value} ,", StringComparison.Ordinal);

        var problem = Single(json);

        Assert.Equal($"views[0].{field}", problem.Field);
    }

    [Theory]
    [InlineData("{\"margin_fraction\": 0.8}", "margin_fraction")]
    [InlineData("{\"margin_fraction\": -0.1}", "margin_fraction")]
    [InlineData("{\"min_porosity_confidence\": 1.5}", "min_porosity_confidence")]
    public void Validate_ReviewBandOutOfRange_NamesTheKey(string review, string field)
    {
        var problem = Single(Program(Zone($", \"review\": {review}")));

        Assert.Equal($"views[1].zones[0].review.{field}", problem.Field);
    }

    [Fact]
    public void Validate_ColdShutAllowedInStructuralZone_IsRejected()
    {
        var problem = Single(Program(Zone(", \"cold_shut\": {\"allowed\": true, \"max_length_mm\": 3}")));

        Assert.Equal("views[1].zones[0].cold_shut.allowed", problem.Field);
        Assert.Contains("structural", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CountWithoutReferenceArea_SaysWhereToCount()
    {
        var problem = Single(Program(Zone(", \"porosity\": {\"detection_floor_mm\": 0.3, \"max_pore_count\": 3}")));

        Assert.Equal("views[1].zones[0].porosity.reference_area", problem.Field);
    }

    [Fact]
    public void Validate_MaxDiameterNotAboveFloor_CouldNeverFail()
    {
        var problem = Single(Program(Zone(", \"porosity\": {\"detection_floor_mm\": 1.5, \"max_pore_diameter_mm\": 1.2}")));

        Assert.Equal("views[1].zones[0].porosity.max_pore_diameter_mm", problem.Field);
        Assert.Contains("could never fail", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ListsEveryOne()
    {
        var json = Program(Zone(", \"porosity\": {\"detection_floor_mm\": -1, \"max_pore_count\": 2}", "[[1, 1], [8, 8], [8, 1], [1, 8]]"))
            .Replace("\"revision\": 1", "\"revision\": 0", StringComparison.Ordinal);

        var fields = Problems(json).Select(p => p.Field).ToList();

        Assert.Contains("revision", fields);
        Assert.Contains("views[1].zones[0].polygon_mm", fields);
        Assert.Contains("views[1].zones[0].porosity.detection_floor_mm", fields);
        Assert.Contains("views[1].zones[0].porosity.reference_area", fields);
    }

    [Fact]
    public void Validate_MissingRequiredKeyAndWrongType_ReportedOnceEach()
    {
        var json = Program(Zone()).Replace("\"name\": \"test casting\", ", string.Empty, StringComparison.Ordinal)
            .Replace("\"width_px\": 100, \"height_px\": 100, \"pixel_size_mm\": 0.1,\n", "\"width_px\": \"wide\", \"height_px\": 100, \"pixel_size_mm\": 0.1,\n", StringComparison.Ordinal);

        var problems = Problems(json);

        Assert.Single(problems, p => p.Field == "name");
        Assert.Single(problems, p => p.Field == "views[1].width_px" && p.Message.Contains("whole number", StringComparison.Ordinal));
    }

    [Fact]
    public void ToString_ReadsFileFieldWhy()
    {
        var problem = new PartProgramProblem("a.json", "views[0].pixel_size_mm", "must be more than 0, got 0");

        Assert.Equal("a.json: views[0].pixel_size_mm: must be more than 0, got 0", problem.ToString());
    }
}
