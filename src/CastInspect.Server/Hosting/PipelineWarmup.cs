using CastInspect.Core.Inspection;
using CastInspect.Inference;
using Microsoft.Extensions.DependencyInjection;
using CastInspect.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CastInspect.Server.Hosting;

/// <summary>Loads the part programs and the models before the service accepts calls: a bad file fails the start, not the
/// first part. Warns of each zone that judges pores smaller than its view's model reports (<see cref="ResolutionCheck"/>).</summary>
internal sealed class PipelineWarmup(IServiceProvider services, ILogger<PipelineWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var programs = services.GetRequiredService<IPartProgramCatalog>();
        var models = services.GetRequiredService<ModelCatalog>();
        _ = services.GetRequiredService<IPartInspector>();
        ResolutionCheck.Warn(logger, programs.All, models.Models.Select(m => m.Entry));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
