using System.Diagnostics;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Imaging.Decoding;
using CastInspect.Imaging.Preprocessing;
using CastInspect.Imaging.Registration;
using CastInspect.Imaging.Synthesis;
using CastInspect.Imaging.Tiling;
using OpenCvSharp;

namespace CastInspect.Imaging.Benchmarks;

/// <summary>Per-view figures of one benchmark size: mean ms per stage and managed bytes allocated per view.</summary>
public sealed record ImagingBenchmarkRow(
    int SizePx,
    int Iterations,
    int EncodedBytes,
    double RawDecodeMs,
    double DecodeMs,
    double PreprocessMs,
    double RegisterMs,
    double TileMs,
    int Tiles,
    double RegistrationScore,
    long ManagedBytesPerView,
    long RawDecodeManagedBytes,
    double RawDecodeCpuMs,
    double PipelineCpuMs)
{
    public double TotalMs => DecodeMs + PreprocessMs + RegisterMs + TileMs;

    public double Ratio => RawDecodeMs > 0 ? TotalMs / RawDecodeMs : double.NaN;
}

/// <summary>
/// decode + preprocess + register + tile of synthetic 16-bit X-ray views (PNG), against plain <c>Cv2.ImDecode</c> of the
/// same bytes measured in the same run.
/// </summary>
public static class ImagingBenchmark
{
    public static ImagingBenchmarkRow Run(int sizePx, int iterations, TilingOptions tiling)
    {
        ArgumentNullException.ThrowIfNull(tiling);
        var view = new ViewDefinition("BENCH", Modality.Xray, sizePx, sizePx, 0.1, []);
        var normalisation = new InputNormalisation();
        using var synth = new ViewSynthesizer(view, ThicknessMap.RandomPlate("BENCH", sizePx * 0.1, sizePx * 0.1, new SynthRandom(3)));
        using var reference = synth.RenderReference(new SynthRandom(1));
        using var preparedReference = Preprocessor.Prepare(reference, Modality.Xray, normalisation);
        byte[] encoded;
        using (var shot = synth.Render(new SynthRandom(2), 3))
        {
            Cv2.ImEncode(".png", shot.Image, out encoded, new ImageEncodingParam(ImwriteFlags.PngCompression, 3));
        }

        var input = new ViewImage("BENCH", encoded);
        var tileBuffer = new float[tiling.TileSize * tiling.TileSize];
        double raw = 0, decode = 0, pre = 0, reg = 0, tile = 0, score = 0;
        long managed = 0, rawManaged = 0;
        double rawCpu = 0, cpu = 0;
        using var process = Process.GetCurrentProcess();
        var tiles = 0;
        for (var i = -1; i < iterations; i++)
        {
            process.Refresh();
            var c0 = process.TotalProcessorTime;
            var a0 = GC.GetAllocatedBytesForCurrentThread();
            var t0 = Stopwatch.GetTimestamp();
            using (var plain = Cv2.ImDecode(encoded, ImreadModes.Unchanged))
            {
                _ = plain.Cols;
            }

            var t1 = Stopwatch.GetTimestamp();
            var a1 = GC.GetAllocatedBytesForCurrentThread();
            process.Refresh();
            var c1 = process.TotalProcessorTime;
            using var decoded = ImageDecoder.Decode(input, view);
            var t2 = Stopwatch.GetTimestamp();
            using var prepared = Preprocessor.Prepare(decoded, Modality.Xray, normalisation);
            var t3 = Stopwatch.GetTimestamp();
            var registration = ViewRegistrar.Register(prepared, preparedReference, 0.1);
            var t4 = Stopwatch.GetTimestamp();
            var plan = Tiler.Plan(prepared.Cols, prepared.Rows, tiling);
            var pixels = prepared.AsSpan<float>();
            foreach (var t in plan)
            {
                Tiler.Copy(pixels, prepared.Cols, prepared.Rows, t, tileBuffer);
            }

            var t5 = Stopwatch.GetTimestamp();
            var a2 = GC.GetAllocatedBytesForCurrentThread();
            process.Refresh();
            var c2 = process.TotalProcessorTime;
            if (i < 0)
            {
                continue;
            }

            raw += Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
            decode += Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds;
            pre += Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds;
            reg += Stopwatch.GetElapsedTime(t3, t4).TotalMilliseconds;
            tile += Stopwatch.GetElapsedTime(t4, t5).TotalMilliseconds;
            rawManaged += a1 - a0;
            rawCpu += (c1 - c0).TotalMilliseconds;
            cpu += (c2 - c1).TotalMilliseconds;
            managed += a2 - a1;
            score = registration.Score;
            tiles = plan.Count;
        }

        var n = Math.Max(1, iterations);
        return new ImagingBenchmarkRow(sizePx, iterations, encoded.Length, raw / n, decode / n, pre / n, reg / n, tile / n, tiles, score, managed / n, rawManaged / n, rawCpu / n, cpu / n);
    }
}
