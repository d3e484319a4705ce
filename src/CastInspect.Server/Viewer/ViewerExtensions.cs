using CastInspect.Storage;
using CastInspect.Storage.Sqlite;
using CastInspect.Storage.Viewer;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CastInspect.Server.Viewer;

/// <summary>
/// Wires the quality engineers' web viewer into the host: Razor Pages (queue, part, heat map, stats, login), cookie
/// login of named users, image endpoints by id and the style sheet. Binds <see cref="ViewerOptions"/> from "Viewer" and
/// <see cref="StoreOptions"/> from "Store" unless the host registered its own; the host applies the store migrations.
/// </summary>
public static class ViewerExtensions
{
    public static IServiceCollection AddCastInspectViewer(this IServiceCollection services)
    {
        services.AddOptions<ViewerOptions>().BindConfiguration(ViewerOptions.SectionName);
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.SectionName);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<StoreOptions>>().Value);
        services.TryAddSingleton(sp => new SqliteConnectionFactory(sp.GetRequiredService<StoreOptions>()));
        services.TryAddSingleton<UserStore>();
        services.TryAddSingleton<DispositionStore>();
        services.TryAddSingleton<ReviewQueueStore>();
        services.TryAddSingleton<PartDetailStore>();
        services.TryAddSingleton<HeatMapStore>();
        services.TryAddSingleton<StatsStore>();
        services.TryAddSingleton<ArchivedImageLookup>();
        services.TryAddSingleton<DisplayImageRenderer>();
        services.AddMemoryCache();
        services.AddOptions<Microsoft.Extensions.Caching.Memory.MemoryCacheOptions>()
            .Configure<IOptions<ViewerOptions>>((cache, viewer) => cache.SizeLimit ??= viewer.Value.DisplayCacheMegabytes * 1024L * 1024L);

        var pages = typeof(ViewerExtensions).Assembly;
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/Login");
            })
            .ConfigureApplicationPartManager(m =>
            {
                if (!m.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == pages))
                {
                    foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(pages).GetApplicationParts(pages))
                    {
                        m.ApplicationParts.Add(part);
                    }
                }
            });
        services.AddAuthorization();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.Cookie.Name = "castinspect.viewer";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = ViewerUserValidator.ValidateAsync;
                o.Events.OnRedirectToAccessDenied = ctx =>
                {
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return ctx.Response.WriteAsync("403 Forbidden: only reviewers may disposition parts.");
                };
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<ViewerOptions>>((cookie, viewer) => cookie.ExpireTimeSpan = TimeSpan.FromHours(viewer.Value.LoginHours));
        return services;
    }

    public static WebApplication MapCastInspectViewer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        ImageEndpoints.Map(app);
        ViewerAssets.Map(app);
        return app;
    }
}
