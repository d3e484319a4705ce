using System.CommandLine;

namespace CastInspect.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the gRPC inspection service and the web viewer.");
        command.SetAction(_ => CliErrors.NotAvailable("serve"));
        return command;
    }
}
