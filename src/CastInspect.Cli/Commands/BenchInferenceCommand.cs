using System.CommandLine;

namespace CastInspect.Cli.Commands;

internal static class BenchInferenceCommand
{
    public static Command Create()
    {
        var command = new Command("inference", "ONNX inference time per megapixel on this machine.");
        command.SetAction(_ => CliErrors.NotAvailable("bench inference"));
        return command;
    }
}
