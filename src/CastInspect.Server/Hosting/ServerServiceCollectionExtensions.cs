using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Pipeline;
using CastInspect.Server.Grpc;
using CastInspect.Server.Inspections;
using CastInspect.Server.Security;
using CastInspect.Storage;
using CastInspect.Storage.Archive;
using CastInspect.Storage.Inspections;
using CastInspect.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prometheus;

namespace CastInspect.Server.Hosting;

/// <summary>The service's wiring: store, gRPC service, security, health, reflection and metrics.</summary>
public static class ServerServiceCollectionExtensions
{
    /// <summary>The SQLite store and the image archive, bound from the "Store" section.</summary>
    public static IServiceCollection AddCastInspectStore(this IServiceCollection services, IConfiguration configuration)
    {
        var store = configuration.GetSection(StoreOptions.SectionName).Get<StoreOptions>() ?? new StoreOptions();
        services.AddSingleton(store);
        services.AddSingleton<SqliteConnectionFactory>();
        services.AddSingleton<ImageArchive>();
        services.AddSingleton<InspectionStore>();
        services.AddHostedService<StoreInitializer>();
        return services;
    }

    /// <summary>
    /// The real pipeline (models from Pipeline:ModelsDirectory) and the part programs in Pipeline:PartProgramsDirectory,
    /// both loaded at start-up so a bad model or part program stops the service before it accepts parts.
    /// </summary>
    public static IServiceCollection AddCastInspectInspection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCastInspectPipeline(configuration);
        services.AddSingleton<IPartProgramCatalog>(sp =>
            PartProgramCatalog.LoadFolder(sp.GetRequiredService<IOptions<PipelineOptions>>().Value.PartProgramsDirectory));
        services.AddHostedService<PipelineWarmup>();
        return services;
    }

    /// <summary>The gRPC inspection service with health checks, reflection and station authentication.</summary>
    public static IServiceCollection AddCastInspectGrpc(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ServerOptions>(configuration.GetSection(ServerOptions.SectionName));
        var security = configuration.GetSection(SecurityOptions.SectionName).Get<SecurityOptions>() ?? new SecurityOptions();
        services.AddSingleton(security);
        services.AddSingleton<StationAuthenticator>();
        services.AddSingleton<VerdictFeed>();
        services.AddSingleton<PartUploadHandler>();
        services.AddGrpc(o =>
        {
            o.Interceptors.Add<StationKeyInterceptor>();
            o.EnableDetailedErrors = false;
            o.MaxReceiveMessageSize = 8 * 1024 * 1024;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks(o => o.UseHealthChecksCache = false).AddCheck<StoreHealthCheck>("store");
        return services;
    }

    public static WebApplication MapCastInspectGrpc(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGrpcService<InspectionGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        app.MapMetrics();
        return app;
    }

    internal static ServerOptions ServerOptionsOf(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<ServerOptions>>().Value;
}
