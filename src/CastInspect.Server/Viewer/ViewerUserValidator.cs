using System.Security.Claims;
using CastInspect.Storage.Viewer;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CastInspect.Server.Viewer;

/// <summary>Checks on every request that a signed-in user still exists, is enabled and holds the role the cookie says.</summary>
internal static class ViewerUserValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var role = context.Principal?.FindFirstValue(ClaimTypes.Role);
        var users = context.HttpContext.RequestServices.GetService(typeof(UserStore)) as UserStore;
        var user = name is null || users is null ? null : await users.FindAsync(name, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (user is null || user.Disabled || ViewerRoles.Of(user.Role) != role)
        {
            context.RejectPrincipal();
        }
    }

    public static ClaimsPrincipal Principal(ViewerUser user) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, ViewerRoles.Of(user.Role))],
            CookieAuthenticationDefaults.AuthenticationScheme));
}
