using System.CommandLine;

namespace CastInspect.Cli.Commands;

internal static class UsersCommand
{
    public static Command Create()
    {
        var command = new Command("users", "Manage viewer users (reviewers and viewers).");
        command.SetAction(_ => CliErrors.NotAvailable("users"));
        return command;
    }
}
