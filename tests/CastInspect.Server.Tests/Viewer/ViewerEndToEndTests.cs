using Dapper;
using Microsoft.Playwright;

namespace CastInspect.Server.Tests.Viewer;

[Collection(ViewerCollection.Name)]
public sealed class ViewerEndToEndTests(ViewerHostFixture host)
{
    [Fact]
    public async Task Reviewer_DispositionsFlaggedPart_PartLeavesQueueAndAuditShowsEntry()
    {
        var page = await host.LoginAsync("rita");
        await Assertions.Expect(page.Locator("#queue tbody tr").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ViewerHostFixture.ScreenshotDir, "queue.png"), FullPage = true });

        var firstRow = page.Locator("#queue tbody tr").First;
        var serial = await firstRow.Locator("a.serial").InnerTextAsync();
        await firstRow.Locator("a.serial").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(serial);

        var flaggedView = page.Locator("section.view:has(g.defects polygon)").First;
        await Assertions.Expect(flaggedView.Locator("g.zones polygon").First).ToBeVisibleAsync();
        await Assertions.Expect(flaggedView.Locator("g.defects polygon").First).ToBeVisibleAsync();
        Assert.Equal(2, await flaggedView.Locator("g.zones polygon").CountAsync());
        await flaggedView.Locator("img").EvaluateAsync("img => img.decode()");
        await flaggedView.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ViewerHostFixture.ScreenshotDir, "part.png"), FullPage = true });

        await flaggedView.Locator("input.toggle-zones").UncheckAsync();
        await Assertions.Expect(flaggedView.Locator("g.zones polygon").First).ToBeHiddenAsync();
        await flaggedView.Locator("input.toggle-zones").CheckAsync();

        await page.CheckAsync("input[name=Decision][value=RELEASED_OK]");
        await page.ClickAsync("#disposition-form button[type=submit]");
        await Assertions.Expect(page.Locator("#disposition-error")).ToContainTextAsync("comment is required");
        await Assertions.Expect(page.Locator("#audit-empty")).ToBeVisibleAsync();

        await page.CheckAsync("input[name=Decision][value=NOK_SCRAP]");
        await page.FillAsync("textarea[name=Comment]", "pore in the rear node confirmed on the film");
        await page.ClickAsync("#disposition-form button[type=submit]");
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Disposition recorded");
        var audit = page.Locator("#audit tbody tr").First;
        await Assertions.Expect(audit).ToContainTextAsync("rita");
        await Assertions.Expect(audit).ToContainTextAsync("NOK – scrap");
        await Assertions.Expect(audit).ToContainTextAsync("pore in the rear node confirmed");

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#queue")).Not.ToContainTextAsync(serial);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ViewerRole_OpensFlaggedPart_NoFormAndPostIsForbidden()
    {
        var page = await host.LoginAsync("victor");
        var firstRow = page.Locator("#queue tbody tr").First;
        var id = long.Parse(await firstRow.GetAttributeAsync("data-inspection") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        await page.GotoAsync($"/parts/{id}");

        await Assertions.Expect(page.Locator("#viewer-only")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#disposition-form").CountAsync());
        var status = await page.EvaluateAsync<int>(
            """
            async () => {
              const token = document.querySelector('input[name=__RequestVerificationToken]').value;
              const body = new URLSearchParams({ __RequestVerificationToken: token, Decision: 'RELEASED_OK', Comment: 'looks fine to me' });
              const r = await fetch(location.pathname, { method: 'POST', body, redirect: 'manual' });
              return r.status;
            }
            """);

        Assert.Equal(403, status);
        await using var c = await host.Connections.OpenAsync();
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dispositions WHERE inspection_id = @id", new { id }));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PartPage_ViewWithIgnoredDefects_ListsThemFoldedAwayBelowTheJudgedOnesWithTheirReasonAndSecondLook()
    {
        await using (var c = await host.Connections.OpenAsync())
        {
            var (id, viewRowId, viewId, count) = await c.QuerySingleAsync<(long, long, string, long)>(
                """
                SELECT v.inspection_id, v.id, v.view_id, COUNT(*) FROM defects d JOIN inspection_views v ON v.id = d.inspection_view_id
                WHERE d.ignored = 1 GROUP BY v.id ORDER BY v.id LIMIT 1
                """);
            await c.ExecuteAsync(
                """
                UPDATE defects SET second_look_score = 0.934 WHERE id =
                    (SELECT id FROM defects WHERE inspection_view_id = @viewRowId AND ignored = 1 ORDER BY defect_index LIMIT 1)
                """,
                new { viewRowId });
            var page = await host.LoginAsync("rita");
            await page.GotoAsync($"/parts/{id}");

            var view = page.Locator($"section.view[data-view='{viewId}']");
            var folded = view.Locator("details.ignored-defects");
            await Assertions.Expect(folded.Locator("summary")).ToContainTextAsync($"{count} ignored by the rules");
            await Assertions.Expect(folded.Locator("tbody tr").First).ToBeHiddenAsync();
            Assert.Equal(0, await view.Locator("table.defect-list:not(details table) td:has-text('(ignored)')").CountAsync());

            await folded.Locator("summary").ClickAsync();

            await Assertions.Expect(folded.Locator("tbody tr")).ToHaveCountAsync((int)count);
            await Assertions.Expect(folded.Locator("tbody tr").First).ToContainTextAsync("(ignored)");
            await Assertions.Expect(folded.Locator("thead")).ToContainTextAsync("Why ignored");
            await Assertions.Expect(folded.Locator("tbody tr").First.Locator("td").Last).ToHaveTextAsync("outside every zone");
            await Assertions.Expect(folded.Locator("tbody tr").First.Locator("td.num").Last).ToContainTextAsync("second look 0.93");
            Assert.Equal(1, await view.Locator("table.defect-list td:has-text('second look')").CountAsync());
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task HeatMap_ManyParts_DrawsCellsOverTheViewAndZones()
    {
        var page = await host.LoginAsync("victor");
        await page.GotoAsync("/heatmap?part=UB-R-1000&view=XR-1");

        await Assertions.Expect(page.Locator("#heatmap rect.cell").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#heat-summary")).ToContainTextAsync("40 part(s)");
        Assert.Equal(2, await page.Locator("#heatmap g.zones polygon").CountAsync());
        await page.Locator("#heatmap image").EvaluateAsync("i => new Promise(r => i.complete === undefined ? setTimeout(r, 300) : r())");
        await page.WaitForTimeoutAsync(300);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ViewerHostFixture.ScreenshotDir, "heatmap.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Stats_ByShift_ShowsRatesPerShift()
    {
        var page = await host.LoginAsync("victor");
        await page.GotoAsync("/stats?by=Shift");

        await Assertions.Expect(page.Locator("#stats tbody tr").First).ToBeVisibleAsync();
        var groups = await page.Locator("#stats tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.group)");
        Assert.All(groups, g => Assert.Contains(g, new[] { "06–14", "14–22", "22–06" }));
        await page.Context.CloseAsync();
    }
}
