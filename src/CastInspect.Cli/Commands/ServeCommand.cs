using System.CommandLine;
using CastInspect.Server.Hosting;
using CastInspect.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CastInspect.Cli.Commands;

/// <summary>Runs the service. Extra <c>--Section:Key=value</c> arguments override appsettings.json and environment variables.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var grpcPort = new Option<int?>("--grpc-port") { Description = "gRPC port (HTTP/2). Default 5051 (Server:GrpcPort)." };
        var httpPort = new Option<int?>("--http-port") { Description = "Web viewer and /metrics port (HTTP/1.1). Default 5080 (Server:HttpPort)." };
        var data = new Option<string?>("--data") { Description = "Data folder for the SQLite store and image archive. Default ./data (Store:DataDirectory)." };
        var bind = new Option<string?>("--bind") { Description = "Address to bind. Default 127.0.0.1; any other address needs station authentication (Server:BindAddress)." };
        var command = new Command("serve", "Run the gRPC inspection service and the web viewer.") { grpcPort, httpPort, data, bind };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var args = new List<string>(parse.UnmatchedTokens);
            AddSetting(args, "Server:GrpcPort", parse.GetValue(grpcPort)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AddSetting(args, "Server:HttpPort", parse.GetValue(httpPort)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AddSetting(args, "Store:DataDirectory", parse.GetValue(data));
            AddSetting(args, "Server:BindAddress", parse.GetValue(bind));
            WebApplication app;
            try
            {
                app = CastInspectHost.Build([.. args]);
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync($"castinspect serve: {e.Message}").ConfigureAwait(false);
                return CliErrors.Usage;
            }

            await using (app.ConfigureAwait(false))
            {
                var server = app.Configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
                var security = app.Services.GetRequiredService<SecurityOptions>();
                await Console.Out.WriteLineAsync($"castinspect serve: web viewer http://{Browsable(server)}:{server.HttpPort}/  metrics /metrics").ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"castinspect serve: gRPC clients {CastInspectHost.GrpcUrl(server, security)} (castinspect send --server …, grpcurl -plaintext)").ConfigureAwait(false);
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }

    private static string Browsable(ServerOptions server) => server.BindAddress is "0.0.0.0" or "*" or "::" ? "localhost" : server.BindAddress;

    private static void AddSetting(List<string> args, string key, string? value)
    {
        if (value is not null)
        {
            args.Add($"--{key}={value}");
        }
    }
}
