using CastInspect.Core.Verdicts;
using CastInspect.Server.Viewer;
using CastInspect.Storage.Viewer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace CastInspect.Server.Pages;

public sealed class QueueModel(ReviewQueueStore queue, IOptions<ViewerOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Part { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Serial { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Machine { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Die { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cavity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Verdict { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? After { get; set; }

    public QueuePage Result { get; private set; } = new([], null, 0);

    public TimeSpan Offset => options.Value.PlantOffset;

    public async Task OnGetAsync()
    {
        var filter = new QueueFilter(
            ViewerFormat.ParseInputTime(From, Offset),
            ViewerFormat.ParseInputTime(To, Offset),
            Part,
            Serial,
            Machine,
            Die,
            Cavity,
            Verdict switch { "NOK" => Core.Verdicts.Verdict.Nok, "REVIEW" => Core.Verdicts.Verdict.Review, _ => null });
        Result = await queue.PageAsync(filter, After, options.Value.QueuePageSize, HttpContext.RequestAborted);
    }

    public IDictionary<string, string?> RouteWith(long? after) => new Dictionary<string, string?>
    {
        ["from"] = From,
        ["to"] = To,
        ["part"] = Part,
        ["serial"] = Serial,
        ["machine"] = Machine,
        ["die"] = Die,
        ["cavity"] = Cavity,
        ["verdict"] = Verdict,
        ["after"] = after?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
