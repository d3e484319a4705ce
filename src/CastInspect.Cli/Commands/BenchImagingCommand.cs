using System.CommandLine;
using System.Globalization;
using CastInspect.Imaging.Benchmarks;
using CastInspect.Imaging.Tiling;

namespace CastInspect.Cli.Commands;

internal static class BenchImagingCommand
{
    public static Command Create()
    {
        var iterations = new Option<int>("--iterations") { Description = "Measured views per size (after one warm-up).", DefaultValueFactory = _ => 5 };
        var sizes = new Option<int[]>("--sizes") { Description = "View sides in px.", DefaultValueFactory = _ => [2048, 3072], AllowMultipleArgumentsPerToken = true };
        var tile = new Option<int>("--tile") { Description = "Model tile size, px.", DefaultValueFactory = _ => 512 };
        var command = new Command("imaging", "Decode + preprocess + register + tile of 2048² and 3072² 16-bit views against raw OpenCV decode.")
        {
            iterations, sizes, tile,
        };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(iterations);
            if (n < 1)
            {
                Console.Error.WriteLine("castinspect bench imaging: --iterations must be ≥ 1");
                return CliErrors.Usage;
            }

            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"imaging benchmark: 16-bit PNG X-ray views, {n} measured per size, tile {parse.GetValue(tile)} px overlap 64, {Environment.ProcessorCount} cores"));
            Console.WriteLine("size       png MB  raw decode ms  decode ms  preprocess ms  register ms  tile ms  total ms  ×raw  raw cpu ms  cpu ms  ×raw   tiles  reg score  managed MB/view  raw-decode managed B");
            foreach (var size in parse.GetValue(sizes) ?? [])
            {
                var r = ImagingBenchmark.Run(size, n, new TilingOptions(parse.GetValue(tile), 64));
                Console.WriteLine(string.Create(
                    c,
                    $"{size + "²",-10} {r.EncodedBytes / 1e6,6:F2}  {r.RawDecodeMs,13:F1}  {r.DecodeMs,9:F1}  {r.PreprocessMs,13:F1}  {r.RegisterMs,11:F1}  {r.TileMs,7:F1}  {r.TotalMs,8:F1}  {r.Ratio,4:F2}  {r.RawDecodeCpuMs,10:F0}  {r.PipelineCpuMs,6:F0}  {r.PipelineCpuMs / Math.Max(1, r.RawDecodeCpuMs),4:F2}  {r.Tiles,6}  {r.RegistrationScore,9:F3}  {r.ManagedBytesPerView / 1e6,15:F2}  {r.RawDecodeManagedBytes,20}"));
            }

            Console.WriteLine("ms: wall clock per view; cpu ms: process CPU time per view (all threads), steadier on a shared machine.");
            Console.WriteLine("managed bytes: GC.GetAllocatedBytesForCurrentThread; native Mat buffers (decoded 16-bit image, float copies, registration pyramids) are not counted: about 2 + 4×k bytes per pixel for k float copies, all released per view.");
            return 0;
        });
        return command;
    }
}
