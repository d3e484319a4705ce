using System.Globalization;
using System.Security.Cryptography;
using CastInspect.Core.Geometry;
using CastInspect.Core.Inspection;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using CastInspect.Storage;
using CastInspect.Storage.Sqlite;
using CastInspect.Storage.Viewer;
using OpenCvSharp;

namespace CastInspect.Server.Viewer;

/// <summary>
/// Seeds a store with judged parts of a three-view X-ray part (1024² px, 0.1 mm/px, like the sample UB-R-1000) and real
/// 16-bit PNG images in the archive, whose drawn pores match the stored defect outlines. For viewer tests, demos and the
/// viewer benchmark. Deterministic for a given seed.
/// </summary>
public static class ViewerDemoData
{
    public const string PartNumber = "UB-R-1000";
    public const int SizePx = 1024;
    public const double PixelMm = 0.1;
    private const int VariantsPerView = 6;
    private static readonly string[] ViewIds = ["XR-1", "XR-2", "XR-3"];

    /// <summary>The registration stored with every seeded view: image px shifted by (+6, −4) px onto the reference.</summary>
    public static ViewTransform Transform { get; } = new([1, 0, 6, 0, 1, -4, 0, 0, 1], PixelMm);

    public static PartProgram Program { get; } = new(
        PartNumber,
        "giga-cast rear underbody (demo)",
        1,
        ViewIds.Select(v => new ViewDefinition(
            v,
            Modality.Xray,
            SizePx,
            SizePx,
            PixelMm,
            [
                Zone("N1", "rear node", Criticality.Structural, 10, 10, 50, 50, 1.2),
                Zone("W1", "web", Criticality.Functional, 55, 10, 92, 92, 2.5),
            ])).ToList());

    /// <summary>Writes <paramref name="parts"/> judged parts captured every 90 s up to <paramref name="end"/>; returns their ids, newest last.</summary>
    public static async Task<IReadOnlyList<long>> SeedAsync(StoreOptions store, int parts, DateTimeOffset end, int seed = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var variants = await ArchiveVariantsAsync(store, seed, cancellationToken).ConfigureAwait(false);
        var rng = new Random(seed);
        var inspections = new List<SeedInspection>(parts);
        for (var i = 0; i < parts; i++)
        {
            var views = new List<ViewVerdict>();
            var images = new List<SeedImage>();
            foreach (var viewId in ViewIds)
            {
                var v = variants[viewId][rng.NextDouble() < 0.8 ? 3 * rng.Next(2) : rng.Next(VariantsPerView)];
                images.Add(v.Image);
                views.Add(v.Verdict);
            }

            var worst = views.Max(v => v.Verdict);
            var machine = $"GP-{1 + (i % 2)}";
            var die = $"D{1 + (i / 7 % 3)}";
            inspections.Add(new SeedInspection(
                $"demo-{seed}-{i:D6}",
                string.Create(CultureInfo.InvariantCulture, $"UBR{seed:D2}{i:D7}"),
                new Traceability(machine, die, $"{1 + (i % 2)}", 10_000 + i, "L1", end.AddSeconds(-90.0 * (parts - 1 - i))),
                Program,
                new PartVerdict(PartNumber, 1, worst, views, views.SelectMany(v => v.Reasons).ToList()),
                images));
        }

        return await new InspectionSeeder(new SqliteConnectionFactory(store)).WriteAsync(inspections, cancellationToken).ConfigureAwait(false);
    }

    private static Zone Zone(string id, string name, Criticality c, double x0, double y0, double x1, double y1, double maxPoreMm) =>
        new(id, name, [new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1)], c, new PorosityRules(0.3, maxPoreMm), null, ReviewBand.Default);

    private sealed record Variant(SeedImage Image, ViewVerdict Verdict);

    private static async Task<Dictionary<string, List<Variant>>> ArchiveVariantsAsync(StoreOptions store, int seed, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<Variant>>(StringComparer.Ordinal);
        var rng = new Random(seed * 7919);
        foreach (var viewId in ViewIds)
        {
            var list = new List<Variant>();
            for (var k = 0; k < VariantsPerView; k++)
            {
                var pores = Enumerable.Range(0, k % 3 == 0 ? 0 : 1 + rng.Next(4))
                    .Select(_ => (X: 300 + (rng.NextDouble() * 120) + (k * 30), Y: 280 + (rng.NextDouble() * 140), R: 3 + (rng.NextDouble() * (k >= 4 ? 9 : 4))))
                    .ToList();
                var png = Draw(pores, seed + k);
                var sha = Convert.ToHexStringLower(SHA256.HashData(png));
                var relative = Path.Combine(sha[..2], sha);
                var full = Path.Combine(store.ArchivePath, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                await File.WriteAllBytesAsync(full, png, cancellationToken).ConfigureAwait(false);
                var image = new SeedImage(viewId, Modality.Xray, sha, relative, png.Length, SizePx, SizePx, 16, Transform);
                list.Add(new Variant(image, Judge(viewId, pores)));
            }

            result[viewId] = list;
        }

        return result;
    }

    private static byte[] Draw(List<(double X, double Y, double R)> pores, int seed)
    {
        using var img = new Mat(SizePx, SizePx, MatType.CV_16UC1, new Scalar(0));
        using var noise = new Mat(SizePx, SizePx, MatType.CV_16UC1);
        for (var y = 0; y < SizePx; y += 32)
        {
            Cv2.Rectangle(img, new Rect(0, y, SizePx, 32), new Scalar(21000 + (y * 8)), -1);
        }

        Cv2.Rectangle(img, new Rect(100, 100, 420, 420), new Scalar(14000), -1);
        Cv2.Rectangle(img, new Rect(560, 100, 380, 840), new Scalar(17000), -1);
        Cv2.Circle(img, new Point(310, 310), 120, new Scalar(11000), -1);
        foreach (var (x, y, r) in pores)
        {
            Cv2.Circle(img, new Point(x, y), (int)Math.Round(r), new Scalar(26000), -1, LineTypes.AntiAlias);
        }

        var rng = new Random(seed);
        var samples = new ushort[SizePx * SizePx];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (ushort)rng.Next(200, 1400);
        }

        noise.SetArray(samples);
        Cv2.Add(img, noise, img);
        Cv2.GaussianBlur(img, img, new Size(3, 3), 0);
        return img.ImEncode(".png");
    }

    private static ViewVerdict Judge(string viewId, List<(double X, double Y, double R)> pores)
    {
        var defects = new List<JudgedDefect>();
        var findings = new List<RuleFinding>();
        for (var i = 0; i < pores.Count; i++)
        {
            var (x, y, r) = pores[i];
            var outline = Enumerable.Range(0, 16).Select(a => new PointPx(x + (r * Math.Cos(a * Math.PI / 8)), y + (r * Math.Sin(a * Math.PI / 8)))).ToList();
            var mm = Transform.ToViewMm(new PointPx(x, y));
            var diameter = 2 * r * PixelMm;
            string[] zone = mm.X <= 50 ? ["N1"] : mm.X >= 55 ? ["W1"] : [];
            var limit = zone.Contains("N1") ? 1.2 : 2.5;
            var areaPx = Math.PI * r * r;
            defects.Add(new JudgedDefect(
                new MeasuredDefect(
                    i, DefectClass.Porosity, new PixelBox((int)(x - r), (int)(y - r), (int)(2 * r) + 1, (int)(2 * r) + 1), new PointPx(x, y), mm,
                    areaPx, areaPx * PixelMm * PixelMm, diameter, diameter, 0.55 + (0.4 * ((i + 1) % 3) / 2), 0.95,
                    outline.Select(p => Transform.ToViewMm(p)).ToList(), outline),
                zone,
                zone.Length == 0,
                zone.Length == 0 ? "outside every zone" : null));
            var outcome = diameter > limit ? Verdict.Nok : diameter > limit * 0.9 ? Verdict.Review : Verdict.Ok;
            if (outcome != Verdict.Ok && zone.Length > 0)
            {
                var zoneName = zone[0] == "N1" ? "rear node" : "web";
                var word = outcome == Verdict.Nok ? ">" : "close to";
                findings.Add(new RuleFinding(
                    "max_pore_diameter_mm", outcome, diameter, limit, "mm",
                    string.Create(CultureInfo.InvariantCulture, $"{viewId} zone {zone[0]} \"{zoneName}\": pore Ø {diameter:0.00} mm {word} {limit:0.0} mm"),
                    [i]));
            }
        }

        if (findings.Count == 0 && pores.Count > 0 && defects.Any(d => d.Defect.MeanConfidence < 0.6 && d.ZoneIds.Count > 0))
        {
            var d = defects.First(d => d.Defect.MeanConfidence < 0.6 && d.ZoneIds.Count > 0);
            findings.Add(new RuleFinding(
                "min_porosity_confidence", Verdict.Review, d.Defect.MeanConfidence, 0.6, "",
                string.Create(CultureInfo.InvariantCulture, $"{viewId} zone {d.ZoneIds[0]}: uncertain pore (confidence {d.Defect.MeanConfidence:0.00} < 0.60)"),
                [d.Defect.Index]));
        }

        var zones = new[] { ("N1", "rear node"), ("W1", "web") }
            .Select(z =>
            {
                var f = findings.Where(x => x.Reason.Contains($"zone {z.Item1}", StringComparison.Ordinal)).ToList();
                return new ZoneVerdict(z.Item1, z.Item2, f.Count == 0 ? Verdict.Ok : f.Max(x => x.Outcome), f);
            })
            .ToList();
        var verdict = zones.Max(z => z.Verdict);
        return new ViewVerdict(viewId, verdict, zones, defects, findings.Select(f => f.Reason).ToList());
    }
}
