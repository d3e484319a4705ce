using CastInspect.Core.Inspection;
using CastInspect.Inference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CastInspect.Server.Hosting;

/// <summary>Loads the part programs and the models before the service accepts calls: a bad file fails the start, not the first part.</summary>
internal sealed class PipelineWarmup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IPartProgramCatalog>();
        _ = services.GetRequiredService<ModelCatalog>();
        _ = services.GetRequiredService<IPartInspector>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
