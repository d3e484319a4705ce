using System.CommandLine;

namespace CastInspect.Cli.Commands;

internal static class SendCommand
{
    public static Command Create()
    {
        var command = new Command("send", "Send a part's images to a running service and print the verdict (camera-station client).");
        command.SetAction(_ => CliErrors.NotAvailable("send"));
        return command;
    }
}
