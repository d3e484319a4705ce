using System.CommandLine;

namespace CastInspect.Cli.Commands;

internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Benchmark the service over gRPC with synthetic camera clients.");
        command.SetAction(_ => CliErrors.NotAvailable("bench"));
        return command;
    }
}
