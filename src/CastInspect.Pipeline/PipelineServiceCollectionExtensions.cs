using CastInspect.Core.Inspection;
using CastInspect.Inference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CastInspect.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ModelCatalog"/> (verified and loaded on first use: resolve it at start-up to fail fast) and
    /// <see cref="IPartInspector"/> as singletons, with <see cref="PipelineOptions"/> from section "Pipeline" and
    /// <see cref="InferenceOptions"/> from section "Inference".
    /// </summary>
    public static IServiceCollection AddCastInspectPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.Section));
        services.AddOptions<InferenceOptions>().Bind(configuration.GetSection(InferenceOptions.Section));
        services.AddSingleton(sp => ModelCatalog.Load(
            sp.GetRequiredService<IOptions<PipelineOptions>>().Value.ModelsDirectory,
            sp.GetRequiredService<IOptions<InferenceOptions>>().Value,
            sp.GetService<ILoggerFactory>()?.CreateLogger<ModelCatalog>()));
        services.AddSingleton<PartInspector>();
        services.AddSingleton<IPartInspector>(sp => sp.GetRequiredService<PartInspector>());
        return services;
    }
}
