using CastInspect.Server.Viewer;
using CastInspect.Storage.Viewer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace CastInspect.Server.Pages;

public sealed class StatsModel(StatsStore stats, IOptions<ViewerOptions> options) : PeriodPageModel(options)
{
    [BindProperty(SupportsGet = true)]
    public StatsDimension By { get; set; } = StatsDimension.Die;

    [BindProperty(SupportsGet = true)]
    public StatsBucket Bucket { get; set; } = StatsBucket.Day;

    public IReadOnlyList<StatsRow> Rows { get; private set; } = [];

    public IReadOnlyList<string> Buckets => Rows.Select(r => r.Bucket).Distinct().ToList();

    public IReadOnlyList<string> Groups => Rows.Select(r => r.Group).Distinct().Order(StringComparer.Ordinal).ToList();

    public async Task OnGetAsync()
    {
        var to = ToUtc ?? DateTimeOffset.UtcNow.AddMinutes(1);
        var from = FromUtc ?? to.AddDays(-14);
        From = ViewerFormat.InputTime(from, Offset);
        To = ViewerFormat.InputTime(to, Offset);
        Rows = await stats.GetAsync(from, to, By, Bucket, Viewer.Shifts, Part, HttpContext.RequestAborted);
    }

    public StatsRow Total(string group) => Sum(group, Rows.Where(r => r.Group == group));

    public StatsRow? Cell(string bucket, string group) => Rows.FirstOrDefault(r => r.Bucket == bucket && r.Group == group);

    private static StatsRow Sum(string group, IEnumerable<StatsRow> rows)
    {
        var list = rows.ToList();
        return new StatsRow("all", group, list.Sum(r => r.Parts), list.Sum(r => r.Nok), list.Sum(r => r.Review));
    }
}
