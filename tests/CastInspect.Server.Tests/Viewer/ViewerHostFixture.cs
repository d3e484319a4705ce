using CastInspect.Server.Viewer;
using CastInspect.Storage;
using CastInspect.Storage.Sqlite;
using CastInspect.Storage.Viewer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace CastInspect.Server.Tests.Viewer;

/// <summary>
/// A real viewer on Kestrel 127.0.0.1 over a real SQLite file and image archive seeded with 40 judged parts, two users
/// (reviewer "rita", viewer "victor") and headless Chromium driven by Playwright.
/// </summary>
public sealed class ViewerHostFixture : IAsyncLifetime, IDisposable
{
    public const string Password = "correct horse battery";

    private readonly string _dir = Directory.CreateTempSubdirectory("castinspect-viewer-").FullName;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public StoreOptions Store => new() { DataDirectory = _dir };

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    public IReadOnlyList<long> PartIds { get; private set; } = [];

    public SqliteConnectionFactory Connections => new(Store);

    public static string ScreenshotDir
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CastInspect.sln")))
            {
                dir = dir.Parent;
            }

            var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public async Task InitializeAsync()
    {
        await MigrationRunner.ApplyAsync(Connections);
        var users = new UserStore(Connections);
        await users.AddAsync("rita", ViewerRole.Reviewer, Password);
        await users.AddAsync("victor", ViewerRole.Viewer, Password);
        PartIds = await ViewerDemoData.SeedAsync(Store, 40, DateTimeOffset.UtcNow.AddMinutes(-5));

        (_app, BaseUrl) = await ViewerStandaloneHost.StartAsync(_dir);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies) signed in as <paramref name="user"/>.</summary>
    public async Task<IPage> LoginAsync(string user)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        // Generous: on 2 shared cores the crash and reprocessing tests run beside these and can starve the login.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("input[name=userName]", user);
        await page.FillAsync("input[name=password]", Password);
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("button[type=submit]"),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/login");
        if (answer.Status != StatusCodes.Status302Found)
        {
            // Once in a few hundred runs a sign-in has not reached the queue within the timeout: say what the login answered.
            throw new InvalidOperationException($"sign-in as {user}: POST /login answered {answer.Status} {answer.StatusText}: {await answer.TextAsync()}");
        }

        // The queue's document, not its images: each test waits for what it reads, and rendering every overlay
        // image for the load event can outlast the timeout on 2 busy cores.
        await page.WaitForURLAsync(BaseUrl.TrimEnd('/') + "/", new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        return page;
    }

    public void Dispose()
    {
        _playwright?.Dispose();
        _playwright = null;
        ((IDisposable?)_app)?.Dispose();
        _app = null;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
        }

        Dispose();

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ViewerCollection : ICollectionFixture<ViewerHostFixture>
{
    public const string Name = "viewer host";
}
