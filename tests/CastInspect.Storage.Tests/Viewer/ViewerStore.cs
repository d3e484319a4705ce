using CastInspect.Core.Geometry;
using CastInspect.Core.Inspection;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using CastInspect.Storage.Sqlite;
using CastInspect.Storage.Viewer;

namespace CastInspect.Storage.Tests.Viewer;

/// <summary>A migrated store in a temp folder, and a short way to write judged parts through <see cref="InspectionSeeder"/>.</summary>
public sealed class ViewerStore : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("castinspect-viewer-store-").FullName;

    public SqliteConnectionFactory Connections { get; private set; } = null!;

    public static DateTimeOffset T0 { get; } = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    public static PartProgram Program { get; } = new(
        "P-1",
        "test part",
        3,
        [
            new ViewDefinition("XR-1", Modality.Xray, 200, 100, 0.5, [
                new Zone("Z1", "node", [new(10, 10), new(40, 10), new(40, 40), new(10, 40)], Criticality.Structural, new PorosityRules(0.2, 1.0), null, ReviewBand.Default),
            ]),
        ]);

    public async Task InitializeAsync()
    {
        Connections = new SqliteConnectionFactory(new StoreOptions { DataDirectory = _dir });
        await MigrationRunner.ApplyAsync(Connections);
    }

    /// <summary>Writes one part; each defect is a pore (or cold shut) of Ø 2 mm at the given mm position.</summary>
    public Task<long> AddAsync(
        string serial, Verdict verdict, DateTimeOffset captured, string die = "D1", string cavity = "1", string machine = "M1",
        params (DefectClass Class, double XMm, double YMm)[] defects) =>
        WriteAsync(serial, verdict, captured, die, cavity, machine, defects.Select(d => (d.Class, d.XMm, d.YMm, (string?)null, (double?)null)).ToArray());

    /// <summary>Writes one OK part with one pore that no rule judged, for the given reason.</summary>
    public Task<long> AddIgnoredAsync(string serial, string reason) =>
        WriteAsync(serial, Verdict.Ok, T0, "D1", "1", "M1", [(DefectClass.Porosity, 100, 25, reason, null)]);

    /// <summary>Writes one OK part with one pore in zone Z1 per score, as the second look scored it (null = not looked at again).</summary>
    public Task<long> AddSecondLookedAsync(string serial, params double?[] scores) =>
        WriteAsync(serial, Verdict.Ok, T0, "D1", "1", "M1", scores.Select((s, i) => (DefectClass.Porosity, 15.0 + (5 * i), 25.0, (string?)null, s)).ToArray());

    private async Task<long> WriteAsync(
        string serial, Verdict verdict, DateTimeOffset captured, string die, string cavity, string machine,
        (DefectClass Class, double XMm, double YMm, string? IgnoredReason, double? SecondLookScore)[] defects)
    {
        var judged = defects.Select((d, i) => new JudgedDefect(
            new MeasuredDefect(
                i, d.Class, new PixelBox((int)(d.XMm * 2) - 2, (int)(d.YMm * 2) - 2, 4, 4), new PointPx(d.XMm * 2, d.YMm * 2), new PointMm(d.XMm, d.YMm),
                12.6, 3.14, 2, 2, 0.9, 0.97, [], [new(d.XMm * 2, d.YMm * 2 - 2), new(d.XMm * 2 + 2, d.YMm * 2), new(d.XMm * 2, d.YMm * 2 + 2)],
                SecondLookScore: d.SecondLookScore),
            d.IgnoredReason is null ? ["Z1"] : [],
            d.IgnoredReason is not null,
            d.IgnoredReason)).ToList();
        var findings = verdict == Verdict.Ok
            ? new List<RuleFinding>()
            : [new RuleFinding("max_pore_diameter_mm", verdict, 2, 1, "mm", $"zone Z1 \"node\": pore Ø 2.00 mm > 1.0 mm ({serial})", judged.Count > 0 ? [0] : [])];
        var view = new ViewVerdict("XR-1", verdict, [new ZoneVerdict("Z1", "node", verdict, findings)], judged, findings.Select(f => f.Reason).ToList());
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(serial)));
        var ids = await new InspectionSeeder(Connections).WriteAsync([
            new SeedInspection(
                $"req-{serial}",
                serial,
                new Traceability(machine, die, cavity, 1, "L1", captured),
                Program,
                new PartVerdict("P-1", 3, verdict, [view], view.Reasons),
                [new SeedImage("XR-1", Modality.Xray, sha, $"{sha[..2]}/{sha}", 100, 200, 100, 16, ViewTransform.Identity(0.5))]),
        ]);
        return ids[0];
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}
