using CastInspect.Server.Viewer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace CastInspect.Server.Pages;

/// <summary>
/// A viewer page filtered by part number and a capture period that the user types in plant time
/// (<see cref="ViewerOptions.PlantOffset"/>); blank bounds are open.
/// </summary>
public abstract class PeriodPageModel(IOptions<ViewerOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Part { get; set; }

    public TimeSpan Offset => Viewer.PlantOffset;

    protected ViewerOptions Viewer => options.Value;

    protected DateTimeOffset? FromUtc => ViewerFormat.ParseInputTime(From, Offset);

    protected DateTimeOffset? ToUtc => ViewerFormat.ParseInputTime(To, Offset);
}
