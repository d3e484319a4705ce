using CastInspect.Core.Measurement;
using CastInspect.Server.Viewer;
using CastInspect.Storage.Viewer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace CastInspect.Server.Pages;

public sealed class HeatMapModel(HeatMapStore heatMaps, IOptions<ViewerOptions> options) : PeriodPageModel(options)
{
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Class { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Die { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cavity { get; set; }

    [BindProperty(SupportsGet = true)]
    public double Cell { get; set; } = 2;

    [BindProperty(SupportsGet = true)]
    public bool Blank { get; set; }

    public HeatMapChoices Choices { get; private set; } = new([], []);

    public HeatMap? Map { get; private set; }

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Choices = await heatMaps.ChoicesAsync(Part, ct);
        Part ??= Choices.PartNumbers.FirstOrDefault();
        if (Part is null)
        {
            return;
        }

        Choices = await heatMaps.ChoicesAsync(Part, ct);
        View = Choices.ViewIds.Contains(View ?? string.Empty) ? View : Choices.ViewIds.FirstOrDefault();
        if (View is null)
        {
            return;
        }

        Map = await heatMaps.GetAsync(
            new HeatMapFilter(
                Part,
                View,
                FromUtc,
                ToUtc,
                DefectClassKeys.Parse(Class),
                Die,
                Cavity,
                Cell),
            ct);
    }
}
