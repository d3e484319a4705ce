using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CastInspect.Server.Viewer;

/// <summary>
/// The viewer alone on Kestrel at 127.0.0.1 on a free port over the store in <c>dataDirectory</c>, for the viewer's tests and
/// benchmark. The service runs the viewer inside its own host.
/// </summary>
public static class ViewerStandaloneHost
{
    /// <param name="dataDirectory">Store folder (its migrations must be applied).</param>
    /// <param name="beforeViewer">Middleware to add in front of the viewer (e.g. timing), or null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(string dataDirectory, Action<WebApplication>? beforeViewer = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, EnvironmentName = "Production" });
        builder.Configuration["Store:DataDirectory"] = dataDirectory;
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddCastInspectViewer();
        var app = builder.Build();
        try
        {
            beforeViewer?.Invoke(app);
            app.MapCastInspectViewer();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
