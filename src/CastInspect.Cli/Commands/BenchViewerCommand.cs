using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CastInspect.Server.Viewer;
using CastInspect.Storage;
using CastInspect.Storage.Sqlite;
using CastInspect.Storage.Viewer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CastInspect.Cli.Commands;

/// <summary>
/// <c>castinspect bench viewer</c>: seeds a temporary store with N judged parts, serves the viewer on 127.0.0.1 and times the
/// review-queue and part pages over HTTP (server time measured in the host, and round trip), p50/p95/max, against the
/// style sheet as a do-nothing baseline through the same stack.
/// </summary>
internal static partial class BenchViewerCommand
{
    public static Command Create()
    {
        var parts = new Option<int>("--parts") { Description = "Inspections to seed (default 10000).", DefaultValueFactory = _ => 10_000 };
        var requests = new Option<int>("--requests") { Description = "Timed requests per page kind (default 200).", DefaultValueFactory = _ => 200 };
        var command = new Command("viewer", "Review-queue and part-page response times of the web viewer with N inspections in the store.") { parts, requests };
        command.SetAction(async (parse, ct) => await RunAsync(Math.Max(10, parse.GetValue(parts)), Math.Max(10, parse.GetValue(requests)), ct).ConfigureAwait(false));
        return command;
    }

    private static async Task<int> RunAsync(int parts, int requests, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("castinspect-bench-viewer-").FullName;
        try
        {
            var store = new StoreOptions { DataDirectory = dir };
            var connections = new SqliteConnectionFactory(store);
            await MigrationRunner.ApplyAsync(connections, ct).ConfigureAwait(false);
            await new UserStore(connections).AddAsync("bench", ViewerRole.Reviewer, "bench-password", ct).ConfigureAwait(false);
            var seedWatch = Stopwatch.StartNew();
            var ids = await ViewerDemoData.SeedAsync(store, parts, DateTimeOffset.UtcNow, 1, ct).ConfigureAwait(false);
            Console.WriteLine($"seeded {ids.Count} inspections (3 views each, real 16-bit PNGs in the archive) in {seedWatch.Elapsed.TotalSeconds:F1} s");

            var serverMs = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            var (app, baseUrl) = await ViewerStandaloneHost.StartAsync(dir, a => a.Use(async (HttpContext http, RequestDelegate next) =>
            {
                var sw = Stopwatch.StartNew();
                await next(http).ConfigureAwait(false);
                var kind = http.Request.Headers["X-Bench-Kind"].ToString();
                if (kind.Length > 0)
                {
                    lock (serverMs)
                    {
                        (serverMs.TryGetValue(kind, out var l) ? l : serverMs[kind] = []).Add(sw.Elapsed.TotalMilliseconds);
                    }
                }
            }), ct).ConfigureAwait(false);
            await using (app.ConfigureAwait(false))
            {
                using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
                using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
                await LoginAsync(http, ct).ConfigureAwait(false);

                var flagged = await new ReviewQueueStore(connections).PageAsync(new QueueFilter(), null, ReviewQueueStore.MaxPageSize, ct).ConfigureAwait(false);
                Console.WriteLine($"review queue: {flagged.Waiting} of {ids.Count} parts waiting; {requests} timed requests per page kind");
                var rng = new Random(7);
                var kinds = new (string Kind, Func<int, string> Url)[]
                {
                    ("baseline: style sheet", _ => ViewerAssetsPath),
                    ("queue: first page", _ => "/"),
                    ("queue: filtered die D2, REVIEW", _ => "/?die=D2&verdict=REVIEW"),
                    ("queue: older page", i => $"/?after={flagged.Items[(i * 7) % flagged.Items.Count].Id}"),
                    ("part page", i => $"/parts/{(i % 2 == 0 ? flagged.Items[rng.Next(flagged.Items.Count)].Id : ids[rng.Next(ids.Count)])}"),
                };
                foreach (var (kind, url) in kinds)
                {
                    for (var i = 0; i < 10; i++)
                    {
                        await GetAsync(http, url(i), string.Empty, ct).ConfigureAwait(false);
                    }
                }

                var roundTrip = new Dictionary<string, List<double>>(StringComparer.Ordinal);
                foreach (var (kind, url) in kinds)
                {
                    roundTrip[kind] = [];
                    for (var i = 0; i < requests; i++)
                    {
                        var sw = Stopwatch.StartNew();
                        await GetAsync(http, url(i), kind, ct).ConfigureAwait(false);
                        roundTrip[kind].Add(sw.Elapsed.TotalMilliseconds);
                    }
                }

                await app.StopAsync(ct).ConfigureAwait(false);
                var baseline = Percentile(serverMs[kinds[0].Kind], 50);
                Console.WriteLine($"{"request",-34} {"server p50",11} {"p95",8} {"max",8} {"round-trip p50",15} {"p95",8} {"p50 / baseline",15}");
                foreach (var (kind, _) in kinds)
                {
                    var s = serverMs[kind];
                    var r = roundTrip[kind];
                    Console.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"{kind,-34} {Percentile(s, 50),8:F2} ms {Percentile(s, 95),5:F2} ms {s.Max(),5:F1} ms {Percentile(r, 50),12:F2} ms {Percentile(r, 95),5:F2} ms {Percentile(s, 50) / baseline,14:F1}x"));
                }

                var worst = kinds.Skip(1).Max(k => Percentile(serverMs[k.Kind], 95));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target: queue and part pages < 200 ms server time with {ids.Count} inspections: worst p95 {worst:F1} ms → {(worst < 200 ? "met" : "NOT met")}"));
                return worst < 200 ? 0 : 1;
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private const string ViewerAssetsPath = "/viewer/viewer.css";

    private static async Task LoginAsync(HttpClient http, CancellationToken ct)
    {
        var form = await http.GetStringAsync(new Uri("/login", UriKind.Relative), ct).ConfigureAwait(false);
        var token = TokenPattern().Match(form).Groups[1].Value;
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = "bench",
            ["password"] = "bench-password",
        });
        using var response = await http.PostAsync(new Uri("/login", UriKind.Relative), body, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"bench login failed: HTTP {(int)response.StatusCode}");
        }
    }

    private static async Task GetAsync(HttpClient http, string url, string kind, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (kind.Length > 0)
        {
            request.Headers.Add("X-Bench-Kind", kind);
        }

        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url}: HTTP {(int)response.StatusCode}");
        }

        _ = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
