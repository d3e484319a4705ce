using System.Net;
using System.Security.Cryptography.X509Certificates;
using CastInspect.Server.Logging;
using CastInspect.Server.Security;
using CastInspect.Server.Viewer;
using CastInspect.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CastInspect.Server.Hosting;

/// <summary>
/// Builds the CastInspect service: gRPC (HTTP/2) on <see cref="ServerOptions.GrpcPort"/>, web viewer and <c>/metrics</c>
/// (HTTP/1.1) on <see cref="ServerOptions.HttpPort"/>. Configuration: appsettings.json next to the executable, then
/// <c>CASTINSPECT_</c> environment variables (<c>CASTINSPECT_Server__GrpcPort</c>), then the command line.
/// </summary>
public static class CastInspectHost
{
    public const string EnvironmentPrefix = "CASTINSPECT_";

    /// <exception cref="InvalidOperationException">The binding is not loopback and no station authentication is configured.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddCommandLine(args);

        builder.Services.AddCastInspectStore(builder.Configuration);
        builder.Services.AddCastInspectInspection(builder.Configuration);
        builder.Services.AddCastInspectGrpc(builder.Configuration);
        builder.Services.AddCastInspectViewer();
        configure?.Invoke(builder);

        var server = builder.Configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
        var security = builder.Configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();
        StationAuthenticator.EnsureSafeBinding(server, security);
        builder.WebHost.ConfigureKestrel(kestrel => Listen(kestrel, server, security));

        var app = builder.Build();
        app.MapCastInspectGrpc();
        app.MapCastInspectViewer();
        app.Lifetime.ApplicationStarted.Register(() => ServerLog.Listening(
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CastInspectHost)),
            GrpcUrl(server, security),
            HttpUrl(server),
            app.Services.GetRequiredService<StoreOptions>().DatabasePath));
        return app;
    }

    public static string GrpcUrl(ServerOptions server, SecurityOptions security)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(security);
        return $"{(string.IsNullOrEmpty(security.CertificatePath) ? "http" : "https")}://{HostOf(server)}:{server.GrpcPort}";
    }

    public static string HttpUrl(ServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return $"http://{HostOf(server)}:{server.HttpPort}";
    }

    private static string HostOf(ServerOptions server) =>
        server.BindAddress is "0.0.0.0" or "::" or "*" ? Dns.GetHostName() : server.BindAddress;

    private static void Listen(KestrelServerOptions kestrel, ServerOptions server, SecurityOptions security)
    {
        var address = server.BindAddress is "*" or "localhost" ? (server.BindAddress == "*" ? IPAddress.Any : IPAddress.Loopback) : IPAddress.Parse(server.BindAddress);
        kestrel.Listen(address, server.GrpcPort, o =>
        {
            o.Protocols = HttpProtocols.Http2;
            if (!string.IsNullOrEmpty(security.CertificatePath))
            {
                o.UseHttps(https => ConfigureTls(https, security));
            }
        });
        kestrel.Listen(address, server.HttpPort, o => o.Protocols = HttpProtocols.Http1);
    }

    private static void ConfigureTls(HttpsConnectionAdapterOptions https, SecurityOptions security)
    {
        https.ServerCertificate = X509CertificateLoader.LoadPkcs12FromFile(security.CertificatePath!, security.CertificatePassword);
        if (security.ClientCertificateThumbprints.Count == 0)
        {
            return;
        }

        var allowed = security.ClientCertificateThumbprints.Select(t => t.Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
        https.ClientCertificateValidation = (certificate, _, _) => allowed.Contains(certificate.Thumbprint.ToUpperInvariant());
    }
}
