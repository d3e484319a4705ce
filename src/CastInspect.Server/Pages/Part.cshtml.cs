using CastInspect.Server.Viewer;
using CastInspect.Storage.Viewer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace CastInspect.Server.Pages;

public sealed class PartModel(PartDetailStore parts, DispositionStore dispositions, IOptions<ViewerOptions> options) : PageModel
{
    public PartDetail Detail { get; private set; } = null!;

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public long? ExpectedLatestId { get; set; }

    public TimeSpan Offset => options.Value.PlantOffset;

    public bool CanDisposition => User.IsInRole(ViewerRoles.Reviewer);

    public async Task<IActionResult> OnGetAsync(long id, bool recorded = false)
    {
        if (!await LoadAsync(id))
        {
            return NotFound($"no inspection {id}");
        }

        Notice = recorded ? "Disposition recorded." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        if (!CanDisposition)
        {
            return Forbid();
        }

        if (!DispositionText.TryParse(Decision, out var decision))
        {
            return await ShowErrorAsync(id, "Choose a decision: scrap, rework or release as OK.");
        }

        try
        {
            await dispositions.RecordAsync(id, decision, Comment, User.Identity!.Name!, ExpectedLatestId, HttpContext.RequestAborted);
        }
        catch (ViewerStoreException e) when (e.Problem == ViewerStoreProblem.NotFound)
        {
            return NotFound(e.Message);
        }
        catch (ViewerStoreException e)
        {
            return await ShowErrorAsync(id, e.Message, e.Problem == ViewerStoreProblem.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity);
        }

        return RedirectToPage("/Part", new { id, recorded = true });
    }

    private async Task<IActionResult> ShowErrorAsync(long id, string message, int status = StatusCodes.Status422UnprocessableEntity)
    {
        if (!await LoadAsync(id))
        {
            return NotFound($"no inspection {id}");
        }

        Error = message;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(long id)
    {
        var detail = await parts.GetAsync(id, HttpContext.RequestAborted);
        if (detail is null)
        {
            return false;
        }

        Detail = detail;
        return true;
    }
}
