using System.CommandLine;

namespace CastInspect.Cli.Commands;

internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Benchmarks that print figures: the service over gRPC (default), imaging, inference.");
        command.SetAction(_ => CliErrors.NotAvailable("bench"));
        command.Subcommands.Add(BenchImagingCommand.Create());
        command.Subcommands.Add(BenchInferenceCommand.Create());
        command.Subcommands.Add(BenchViewerCommand.Create());
        return command;
    }
}
