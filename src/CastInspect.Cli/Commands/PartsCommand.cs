using System.CommandLine;

namespace CastInspect.Cli.Commands;

internal static class PartsCommand
{
    public static Command Create()
    {
        var command = new Command("parts", "Work with part programs.");
        var validate = new Command("validate", "Validate part program files and list every problem.");
        validate.SetAction(_ => CliErrors.NotAvailable("parts validate"));
        command.Subcommands.Add(validate);
        return command;
    }
}
