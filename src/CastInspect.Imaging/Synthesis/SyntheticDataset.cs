using System.Globalization;
using System.Text.Json;
using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Core.Parts;
using CastInspect.Core.Verdicts;
using CastInspect.Imaging.Quality;
using OpenCvSharp;

namespace CastInspect.Imaging.Synthesis;

/// <summary>
/// Writes a synthetic data set for a part program: per part one image per selected view, each with a class mask and a
/// manifest, plus <c>dataset.json</c>. The same program, geometry, options and seed give identical bytes.
/// </summary>
public sealed class SyntheticDataset
{
    /// <summary>5: a surface flaw's detectability counts the face's texture (grain, turning marks, look-alikes and
    /// lighting, new on every part) as noise too, where 4 counted the camera's noise only and called every surface flaw
    /// visible; images, masks and X-ray views are those of 4.
    /// 4: surface die marks and dust are added to the reflectance as the signed changes they are drawn with (3
    /// set the reflectance to them, so every mark was darker than the face, most near black); X-ray views are those of 3.
    /// 3: each defect's detectability and each part's verdict on its visible defects are recorded (images and
    /// masks are those of 2). 2: X-ray blur stays inside the view's unsharpness limit (1 drew past it for some views
    /// labelled OK).</summary>
    public const int GeneratorVersion = 5;
    private readonly PartProgram _program;
    private readonly PartGeometry _geometry;
    private readonly SynthOptions _options;

    /// <param name="program">Part program whose views are rendered and whose rules give each part's expected verdict.</param>
    /// <param name="geometry">Wall structure per view; views without one get a random plate.</param>
    /// <param name="options">Count, seed, defect rate, modality.</param>
    public SyntheticDataset(PartProgram program, PartGeometry geometry, SynthOptions options)
    {
        _program = program ?? throw new ArgumentNullException(nameof(program));
        _geometry = geometry ?? throw new ArgumentNullException(nameof(geometry));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Loads a part program file (throws <see cref="PartProgramException"/> when invalid) and its optional <c>.geometry.json</c> beside it.</summary>
    public static (PartProgram Program, PartGeometry Geometry) LoadPart(string partProgramPath) =>
        (PartProgramLoader.Load(partProgramPath), PartGeometry.Load(PartGeometry.PathFor(partProgramPath)));

    public IReadOnlyList<ViewDefinition> SelectedViews => _program.Views
        .Where(v => _options.Modality == SynthModality.Both
            || (_options.Modality == SynthModality.Xray) == (v.Modality == Modality.Xray))
        .ToList();

    /// <summary>Generates the data set into <paramref name="outDir"/>; returns the dataset index that was written.</summary>
    public SynthDatasetManifest Write(string outDir, IProgress<int>? progress = null)
    {
        Directory.CreateDirectory(outDir);
        var views = SelectedViews;
        if (views.Count == 0)
        {
            throw new InvalidOperationException($"part program {_program.PartNumber} has no {_options.Modality} views");
        }

        var synths = views.Select(v => new ViewSynthesizer(v, _geometry.Find(v.Id), _options)).ToList();
        try
        {
            var files = new List<string>();
            var references = WriteReferences(outDir, synths, files);
            var parts = new List<SynthPartEntry>();
            for (var i = 0; i < _options.Count; i++)
            {
                parts.Add(WritePart(outDir, synths, i, files));
                progress?.Report(i + 1);
            }

            var dataset = new SynthDatasetManifest(
                "castinspect synth",
                GeneratorVersion,
                _program.PartNumber,
                _program.SourcePath is { } p ? Path.GetFileName(p) : _program.PartNumber,
                _program.Revision,
                _options.Seed,
                _options.Count,
                _options.DefectRate,
                _options.Modality.ToString().ToLowerInvariant(),
                new Dictionary<string, int> { ["background"] = 0, [DefectClassKeys.Porosity] = (int)DefectClass.Porosity, [DefectClassKeys.ColdShut] = (int)DefectClass.ColdShut },
                references,
                parts,
                files);
            File.WriteAllText(Path.Combine(outDir, "dataset.json"), JsonSerializer.Serialize(dataset, SynthJson.Options));
            return dataset;
        }
        finally
        {
            foreach (var s in synths)
            {
                s.Dispose();
            }
        }
    }

    private List<string> WriteReferences(string outDir, List<ViewSynthesizer> synths, List<string> files)
    {
        var names = new List<string>();
        Directory.CreateDirectory(Path.Combine(outDir, "reference"));
        foreach (var s in synths)
        {
            var rng = SynthRandom.Derive(_options.Seed, ulong.MaxValue, SynthRandom.Hash(s.View.Id));
            using var reference = s.RenderReference(rng);
            var name = $"reference/{s.View.Id}.png";
            WritePng(Path.Combine(outDir, name), reference);
            names.Add(name);
            files.Add(name);
        }

        return names;
    }

    private SynthPartEntry WritePart(string outDir, List<ViewSynthesizer> synths, int index, List<string> files)
    {
        var partRng = SynthRandom.Derive(_options.Seed, (ulong)index);
        var defective = partRng.Chance(_options.DefectRate);
        var events = synths.Select(_ => defective && partRng.Chance(0.6) ? partRng.Next(1, 5) : 0).ToArray();
        if (defective && events.All(e => e == 0))
        {
            events[partRng.Next(0, events.Length)] = partRng.Next(1, 4);
        }

        var serial = string.Create(CultureInfo.InvariantCulture, $"SYN-{_options.Seed}-{index:D5}");
        var rendered = new List<SynthView>();
        try
        {
            for (var v = 0; v < synths.Count; v++)
            {
                var rng = SynthRandom.Derive(_options.Seed, (ulong)index, SynthRandom.Hash(synths[v].View.Id));
                rendered.Add(synths[v].Render(rng, events[v]));
            }

            // Judged on the rendered views only: with one modality selected, the others are not part of this data set.
            var judged = _program with { Views = rendered.Select(r => r.View).ToList() };
            var quality = rendered.Select(QualityReasons).ToList();
            var verdict = PartJudge.Judge(judged, rendered.Select((r, i) => Observe(r, quality[i], _ => true)).ToList());
            var visible = PartJudge.Judge(judged, rendered.Select((r, i) => Observe(r, quality[i], d => d.Visible)).ToList());
            var entries = new List<SynthViewEntry>();
            foreach (var r in rendered)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"p{index:D5}_{r.View.Id}");
                WritePng(Path.Combine(outDir, name + ".png"), r.Image);
                WritePng(Path.Combine(outDir, name + ".mask.png"), r.Mask);
                var viewVerdict = verdict?.Views.FirstOrDefault(v => v.ViewId == r.View.Id);
                var manifest = Manifest(r, serial, name, verdict, viewVerdict);
                File.WriteAllText(Path.Combine(outDir, name + ".json"), JsonSerializer.Serialize(manifest, SynthJson.Options));
                files.AddRange([name + ".png", name + ".mask.png", name + ".json"]);
                entries.Add(new SynthViewEntry(r.View.Id, name + ".png", name + ".mask.png", name + ".json", r.Defects.Count));
            }

            return new SynthPartEntry(index, serial, rendered.Any(r => r.Defects.Count > 0), VerdictName(verdict?.Verdict), entries, VerdictName(visible?.Verdict));
        }
        finally
        {
            foreach (var r in rendered)
            {
                r.Dispose();
            }
        }
    }

    private static IReadOnlyList<string> QualityReasons(SynthView r) =>
        r.View.Modality == Modality.Xray && r.View.ImageQuality is { } limits
            ? ImageQualityGate.Evaluate(r.Image, limits, r.Transform).ReviewReasons
            : [];

    /// <summary>What a perfect model would report for a view: the true defects it is held to, and the image-quality gate's reasons.</summary>
    private static ViewObservation Observe(SynthView r, IReadOnlyList<string> qualityReasons, Func<SynthDefect, bool> include) =>
        new(r.View.Id, r.Defects.Where(include).Select(d => d.Measured).ToList(), qualityReasons);

    private SynthImageManifest Manifest(SynthView r, string serial, string name, PartVerdict? verdict, ViewVerdict? viewVerdict) => new(
        _program.PartNumber,
        _program.Revision,
        serial,
        r.View.Id,
        r.View.Modality == Modality.Xray ? "xray" : "surface",
        name + ".png",
        name + ".mask.png",
        r.Image.Cols,
        r.Image.Rows,
        r.Image.Depth() == MatType.CV_16U ? 16 : 8,
        r.Transform.PixelSizeMm,
        r.Transform.ImageToReference,
        r.Acquisition,
        r.Defects.Select(d => Entry(d, viewVerdict)).ToList(),
        r.LookAlikes,
        VerdictName(verdict?.Verdict),
        VerdictName(viewVerdict?.Verdict),
        viewVerdict?.Reasons ?? []);

    private static SynthDefectEntry Entry(SynthDefect d, ViewVerdict? verdict)
    {
        var m = d.Measured;
        return new SynthDefectEntry(
            m.Index,
            DefectClassKeys.Of(m.Class),
            (int)m.Class,
            JsonNamingPolicy.SnakeCaseLower.ConvertName(d.Kind.ToString()),
            [Math.Round(m.CentroidPx.X, 2), Math.Round(m.CentroidPx.Y, 2)],
            [m.BoundingBox.X, m.BoundingBox.Y, m.BoundingBox.Width, m.BoundingBox.Height],
            [Math.Round(m.CentroidMm.X, 3), Math.Round(m.CentroidMm.Y, 3)],
            m.AreaPx,
            Math.Round(m.Class == DefectClass.Porosity ? m.EquivalentDiameterMm : m.LengthMm, 3),
            Math.Round(m.EquivalentDiameterMm, 3),
            Math.Round(m.LengthMm, 3),
            Math.Round(d.DepthFraction, 3),
            Math.Round(d.DetectabilitySnr, 2),
            verdict?.Defects.FirstOrDefault(j => j.Defect.Index == m.Index)?.ZoneIds ?? []);
    }

    private static string? VerdictName(Verdict? v) => v switch
    {
        Verdict.Ok => "OK",
        Verdict.Nok => "NOK",
        Verdict.Review => "REVIEW",
        _ => null,
    };

    internal static void WritePng(string path, Mat image)
    {
        Cv2.ImEncode(".png", image, out var bytes, new ImageEncodingParam(ImwriteFlags.PngCompression, 3));
        File.WriteAllBytes(path, bytes);
    }
}
