using System.CommandLine;

namespace CastInspect.Cli.Commands;

internal static class InspectCommand
{
    public static Command Create()
    {
        var command = new Command("inspect", "Inspect image files in-process against a part program and print the verdict.");
        command.SetAction(_ => CliErrors.NotAvailable("inspect"));
        return command;
    }
}
