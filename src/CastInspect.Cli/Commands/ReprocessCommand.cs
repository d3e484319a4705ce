using System.CommandLine;

namespace CastInspect.Cli.Commands;

internal static class ReprocessCommand
{
    public static Command Create()
    {
        var command = new Command("reprocess", "Re-run archived inspections with a new model or part program and report what changed.");
        command.SetAction(_ => CliErrors.NotAvailable("reprocess"));
        return command;
    }
}
