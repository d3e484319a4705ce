using CastInspect.Core.Verdicts;
using CastInspect.Server.Viewer;
using CastInspect.Storage.Viewer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace CastInspect.Server.Pages;

public sealed class QueueModel(ReviewQueueStore queue, IOptions<ViewerOptions> options) : PeriodPageModel(options)
{
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

    public async Task OnGetAsync()
    {
        var filter = new QueueFilter(
            FromUtc,
            ToUtc,
            Part,
            Serial,
            Machine,
            Die,
            Cavity,
            Verdict switch { "NOK" => Core.Verdicts.Verdict.Nok, "REVIEW" => Core.Verdicts.Verdict.Review, _ => null });
        Result = await queue.PageAsync(filter, After, Viewer.QueuePageSize, HttpContext.RequestAborted);
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
