using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Inference;
using CastInspect.Pipeline;
using Microsoft.Extensions.Logging;

namespace CastInspect.Cli.Commands;

/// <summary>
/// <c>castinspect bench inference</c>: ONNX inference ms per megapixel on this machine, raw ORT Run on ready tiles against the
/// whole tiled path (tile, batch, run, stitch) and the end-to-end pipeline (decode … judge), measured in the same run.
/// </summary>
internal static class BenchInferenceCommand
{
    public static Command Create()
    {
        var size = new Option<int>("--size") { Description = "Square test image side in px.", DefaultValueFactory = _ => 1024 };
        var repeat = new Option<int>("--repeat") { Description = "Timed repetitions (after one warm-up).", DefaultValueFactory = _ => 5 };
        var models = InspectCommand.ModelsOption();
        var device = InspectCommand.DeviceOption();
        var command = new Command("inference", "ONNX inference time per megapixel on this machine.") { size, repeat, models, device };
        command.SetAction(async (parse, ct) =>
        {
            var side = parse.GetValue(size);
            var n = Math.Max(1, parse.GetValue(repeat));
            using var loggers = InspectCommand.StderrLoggers();
            using var catalog = InspectCommand.LoadModels(parse.GetValue(models)!, parse.GetValue(device), loggers);
            using var inspector = new PartInspector(catalog);
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(inv, $"bench inference: {side}×{side} px image, {n} repetitions, {catalog.Provider.Provider} ({catalog.Provider.Reason}), {Environment.ProcessorCount} logical CPUs"));
            foreach (var model in catalog.Models)
            {
                var mp = side * (double)side / 1e6;
                var image = TestImage(side);
                var layoutTiles = Tiles(side, model.TileSize, model.Entry.Tile.Overlap);
                var rawMs = Time(n, () =>
                {
                    for (var t = 0; t < layoutTiles; t += model.BatchSize)
                    {
                        model.RunTiles(Math.Min(model.BatchSize, layoutTiles - t));
                    }
                });
                var tiledMs = Time(n, () => model.Predict(image, side, side, ct));
                var program = Program(model.Entry.Modality, side);
                var png = Png(side);
                var e2eMs = await TimeAsync(n, () => inspector.InspectAsync(program, [new ViewImage("bench", png)], ct)).ConfigureAwait(false);
                Console.WriteLine(string.Create(inv,
                    $"  {model.Name} {model.Version}: {layoutTiles} tiles of {model.TileSize} px, batch {model.BatchSize}\n" +
                    $"    raw ORT Run      {rawMs:F0} ms  = {rawMs / mp:F0} ms/MP\n" +
                    $"    tiled path       {tiledMs:F0} ms  = {tiledMs / mp:F0} ms/MP  ({tiledMs / rawMs:F2}× raw)\n" +
                    $"    end-to-end view  {e2eMs:F0} ms  = {e2eMs / mp:F0} ms/MP  ({e2eMs / rawMs:F2}× raw; decode, normalise, extract, judge)"));
            }

            return 0;
        });
        return command;
    }

    private static int Tiles(int side, int tile, int overlap)
    {
        var per = side <= tile ? 1 : (int)Math.Ceiling((side - tile) / (double)(tile - overlap)) + 1;
        return per * per;
    }

    private static double Time(int n, Action work)
    {
        work();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            work();
        }

        return sw.Elapsed.TotalMilliseconds / n;
    }

    private static async Task<double> TimeAsync(int n, Func<Task> work)
    {
        await work().ConfigureAwait(false);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            await work().ConfigureAwait(false);
        }

        return sw.Elapsed.TotalMilliseconds / n;
    }

    private static float[] TestImage(int side)
    {
        var rng = new Random(1);
        var image = new float[side * side];
        for (var i = 0; i < image.Length; i++)
        {
            image[i] = 0.5f + (float)((rng.NextDouble() - 0.5) * 0.05);
        }

        return image;
    }

    private static byte[] Png(int side)
    {
        using var mat = new OpenCvSharp.Mat(side, side, OpenCvSharp.MatType.CV_16UC1, OpenCvSharp.Scalar.All(30000));
        using var noise = new OpenCvSharp.Mat(side, side, OpenCvSharp.MatType.CV_16UC1);
        OpenCvSharp.Cv2.Randu(noise, OpenCvSharp.Scalar.All(0), OpenCvSharp.Scalar.All(2000));
        OpenCvSharp.Cv2.Add(mat, noise, mat);
        return mat.ImEncode(".png");
    }

    private static PartProgram Program(Modality modality, int side)
    {
        var mm = side * 0.1;
        var zone = new Zone("ALL", "whole image", [new(0, 0), new(mm, 0), new(mm, mm), new(0, mm)], Criticality.Functional,
            new PorosityRules(0.3, 1.5), null, ReviewBand.Default);
        return new PartProgram("bench", "bench", 1, [new ViewDefinition("bench", modality, side, side, 0.1, [zone], AnySize: true)]);
    }
}
