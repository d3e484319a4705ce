namespace CastInspect.Cli;

internal static class CliErrors
{
    public const int Usage = 2;

    public static int NotAvailable(string verb)
    {
        Console.Error.WriteLine($"castinspect {verb}: not available in this build yet.");
        return Usage;
    }
}
