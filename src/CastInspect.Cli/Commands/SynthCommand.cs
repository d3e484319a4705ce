using System.CommandLine;

namespace CastInspect.Cli.Commands;

internal static class SynthCommand
{
    public static Command Create()
    {
        var command = new Command("synth", "Generate synthetic X-ray and surface images with ground truth for a part program.");
        command.SetAction(_ => CliErrors.NotAvailable("synth"));
        return command;
    }
}
