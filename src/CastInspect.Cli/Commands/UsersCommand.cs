using System.CommandLine;
using System.Text;
using CastInspect.Storage;
using CastInspect.Storage.Sqlite;
using CastInspect.Storage.Viewer;

namespace CastInspect.Cli.Commands;

/// <summary><c>castinspect users add|list|disable</c>: the named users of the web viewer.</summary>
internal static class UsersCommand
{
    private const int Refused = 1;

    public static Command Create()
    {
        var command = new Command("users", "Manage viewer users (reviewers and viewers).");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Disable());
        return command;
    }

    private static Option<string> DataDir() => new("--data-dir")
    {
        Description = "Store folder holding castinspect.db (default: data).",
        DefaultValueFactory = _ => new StoreOptions().DataDirectory,
    };

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "User name (no spaces)." };
        var role = new Option<string>("--role") { Description = "reviewer (may disposition parts) or viewer (looks only).", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input." };
        var dataDir = DataDir();
        var command = new Command("add", "Add a viewer user; the password is read from stdin or prompted.") { name, role, passwordStdin, dataDir };
        command.SetAction(async (parse, ct) =>
        {
            if (!ViewerRoles.TryParse(parse.GetValue(role), out var r))
            {
                await Console.Error.WriteLineAsync($"castinspect users add: --role must be reviewer or viewer, not '{parse.GetValue(role)}'").ConfigureAwait(false);
                return CliErrors.Usage;
            }

            var password = ReadPassword(parse.GetValue(passwordStdin));
            if (password is null)
            {
                await Console.Error.WriteLineAsync("castinspect users add: no password given (stdin was empty, or the two entries differ)").ConfigureAwait(false);
                return CliErrors.Usage;
            }

            return await RunAsync(parse.GetValue(dataDir)!, async users =>
            {
                var user = await users.AddAsync(parse.GetValue(name)!, r, password, ct).ConfigureAwait(false);
                Console.WriteLine($"added {ViewerRoles.Of(user.Role)} '{user.Name}'");
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static Command List()
    {
        var dataDir = DataDir();
        var command = new Command("list", "List viewer users with role and state.") { dataDir };
        command.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(dataDir)!, async users =>
        {
            foreach (var u in await users.ListAsync(ct).ConfigureAwait(false))
            {
                Console.WriteLine($"{u.Name}\t{ViewerRoles.Of(u.Role)}\t{(u.Disabled ? "disabled" : "enabled")}\tcreated {u.CreatedUtc:yyyy-MM-dd HH:mm}Z");
            }
        }).ConfigureAwait(false));
        return command;
    }

    private static Command Disable()
    {
        var name = new Argument<string>("name") { Description = "User to disable (kept for the audit trail, can no longer log in)." };
        var dataDir = DataDir();
        var command = new Command("disable", "Disable a viewer user.") { name, dataDir };
        command.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(dataDir)!, async users =>
        {
            await users.DisableAsync(parse.GetValue(name)!, ct).ConfigureAwait(false);
            Console.WriteLine($"disabled '{parse.GetValue(name)}'");
        }).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(string dataDir, Func<UserStore, Task> action)
    {
        var connections = new SqliteConnectionFactory(new StoreOptions { DataDirectory = dataDir });
        await MigrationRunner.ApplyAsync(connections).ConfigureAwait(false);
        try
        {
            await action(new UserStore(connections)).ConfigureAwait(false);
            return 0;
        }
        catch (ViewerStoreException e)
        {
            await Console.Error.WriteLineAsync($"castinspect users: {e.Message}").ConfigureAwait(false);
            return e.Problem == ViewerStoreProblem.Invalid ? CliErrors.Usage : Refused;
        }
    }

    private static string? ReadPassword(bool fromStdin)
    {
        if (fromStdin || Console.IsInputRedirected)
        {
            var line = Console.In.ReadLine();
            return string.IsNullOrEmpty(line) ? null : line;
        }

        var first = Prompt("Password: ");
        var second = Prompt("Repeat password: ");
        return first.Length > 0 && first == second ? first : null;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
