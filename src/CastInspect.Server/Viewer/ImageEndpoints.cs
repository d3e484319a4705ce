using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CastInspect.Server.Viewer;

/// <summary>Display images by ids: <c>/images/parts/{inspectionId}/{viewId}.png</c> and <c>/images/{sha256}.png</c>.</summary>
internal static class ImageEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/images/parts/{inspectionId:long}/{viewId}.png", async (long inspectionId, string viewId, ArchivedImageLookup lookup, DisplayImageRenderer renderer, HttpContext http) =>
                await ServeAsync(await lookup.ForViewAsync(inspectionId, viewId, http.RequestAborted).ConfigureAwait(false), renderer, http, $"part {inspectionId} has no archived image for view '{viewId}'").ConfigureAwait(false))
            .RequireAuthorization();
        routes.MapGet("/images/{sha256:regex(^[0-9a-fA-F]{{64}}$)}.png", async (string sha256, ArchivedImageLookup lookup, DisplayImageRenderer renderer, HttpContext http) =>
                await ServeAsync(await lookup.BySha256Async(sha256, http.RequestAborted).ConfigureAwait(false), renderer, http, $"no archived image {sha256}").ConfigureAwait(false))
            .RequireAuthorization();
    }

    private static async Task<IResult> ServeAsync(ArchivedImageFile? image, DisplayImageRenderer renderer, HttpContext http, string notFound)
    {
        if (image is null)
        {
            return Results.NotFound(notFound);
        }

        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{image.Sha256}\"");
        if (http.Request.Headers.IfNoneMatch.ToString().Contains(image.Sha256, StringComparison.Ordinal))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        try
        {
            var png = await renderer.RenderAsync(image, http.RequestAborted).ConfigureAwait(false);
            http.Response.Headers.CacheControl = "private, max-age=86400";
            return Results.File(png, "image/png", entityTag: etag);
        }
        catch (InvalidDataException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
    }
}
