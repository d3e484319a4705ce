using System.CommandLine;
using CastInspect.Cli.Commands;

namespace CastInspect.Cli;

/// <summary>The <c>castinspect</c> root command: one verb per file under Commands/.</summary>
internal static class CastInspectCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "CastInspect: X-ray and surface inspection of giga-cast parts. Judges each part OK, NOK or REVIEW against its part program.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(SendCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(PartsCommand.Create());
        root.Subcommands.Add(SynthCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(TuneCommand.Create());
        root.Subcommands.Add(ReprocessCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        return root;
    }
}
