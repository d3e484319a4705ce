using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CastInspect.Server.Viewer;

/// <summary>Wires the quality engineers' web viewer into the host (owned by the viewer work, issue 8).</summary>
public static class ViewerExtensions
{
    public static IServiceCollection AddCastInspectViewer(this IServiceCollection services) => services;

    public static WebApplication MapCastInspectViewer(this WebApplication app) => app;
}
