using System.Text.Json;
using CastInspect.Cli.Commands;
using CastInspect.Inference;
using CastInspect.Inference.Manifest;

namespace CastInspect.Cli;

internal static class CliErrors
{
    public const int Usage = 2;

    /// <summary>
    /// Runs a verb that reads a synth dataset with the models: a usage error exits <see cref="Usage"/>; a missing or
    /// malformed dataset, manifest or model exits 1; each with one line that names the verb.
    /// </summary>
    public static async Task<int> DatasetVerbAsync(string verb, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (CliUsageException e)
        {
            Console.Error.WriteLine($"castinspect {verb}: {e.Message}");
            return Usage;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or JsonException or ModelManifestException or InferenceConfigurationException)
        {
            Console.Error.WriteLine($"castinspect {verb}: {e.Message}");
            return 1;
        }
    }
}
