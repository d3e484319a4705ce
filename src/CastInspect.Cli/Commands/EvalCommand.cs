using System.CommandLine;

namespace CastInspect.Cli.Commands;

internal static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Evaluate the models and rules on a synth dataset (recall, precision, false calls).");
        command.SetAction(_ => CliErrors.NotAvailable("eval"));
        return command;
    }
}
