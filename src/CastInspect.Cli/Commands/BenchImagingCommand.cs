using System.CommandLine;

namespace CastInspect.Cli.Commands;

internal static class BenchImagingCommand
{
    public static Command Create()
    {
        var command = new Command("imaging", "Decode + preprocess + register + tile of 2048² and 3072² 16-bit views against raw OpenCV decode.");
        command.SetAction(_ => CliErrors.NotAvailable("bench imaging"));
        return command;
    }
}
