using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CastInspect.Server.Viewer;

/// <summary>The viewer's one style sheet, compiled into the assembly (nothing from a CDN), served at <c>/viewer/viewer.css</c>.</summary>
internal static class ViewerAssets
{
    public const string CssPath = "/viewer/viewer.css";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet(CssPath, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(Css, "text/css; charset=utf-8");
        }).AllowAnonymous();

    public const string Css = """
        :root { --ok: #2e7d32; --review: #b26a00; --nok: #c62828; --ink: #1d2430; --muted: #5b6577; --line: #d6dbe3; --bg: #f5f6f8; --accent: #1f5fa8; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.4 system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: var(--bg); }
        header.top { display: flex; align-items: center; gap: 1.2rem; padding: .5rem 1rem; background: #1d2430; color: #fff; }
        header.top a { color: #fff; text-decoration: none; } header.top a.active { border-bottom: 2px solid #fff; }
        header.top .brand { font-weight: 700; letter-spacing: .02em; } header.top .who { margin-left: auto; display: flex; gap: .6rem; align-items: center; }
        header.top form { margin: 0; } header.top button { background: none; border: 1px solid #8892a6; color: #fff; border-radius: 3px; padding: .15rem .5rem; cursor: pointer; }
        main { padding: 1rem; max-width: 1600px; margin: 0 auto; }
        h1 { font-size: 1.3rem; margin: .2rem 0 .8rem; } h2 { font-size: 1.1rem; margin: 1.2rem 0 .5rem; } h3 { font-size: 1rem; margin: .6rem 0 .3rem; }
        table { border-collapse: collapse; background: #fff; width: 100%; }
        th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
        th { background: #eef1f5; font-weight: 600; } tr:hover td { background: #f7f9fc; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td .second-look { white-space: nowrap; font-size: .85em; }
        a { color: var(--accent); }
        .verdict { display: inline-block; min-width: 4.2em; text-align: center; border-radius: 3px; color: #fff; font-weight: 700; padding: 0 .4em; font-size: .9em; }
        .verdict.OK { background: var(--ok); } .verdict.REVIEW { background: var(--review); } .verdict.NOK { background: var(--nok); }
        form.filters { display: flex; flex-wrap: wrap; gap: .5rem .8rem; align-items: end; background: #fff; padding: .6rem; border: 1px solid var(--line); margin-bottom: .8rem; }
        form.filters label { display: flex; flex-direction: column; font-size: .85em; color: var(--muted); }
        input, select, textarea, button { font: inherit; } input, select, textarea { padding: .2rem .3rem; border: 1px solid #b9c1cf; border-radius: 3px; }
        button.primary { background: var(--accent); color: #fff; border: 0; border-radius: 3px; padding: .35rem .9rem; cursor: pointer; }
        .muted { color: var(--muted); } .error { color: var(--nok); font-weight: 600; } .notice { color: var(--ok); font-weight: 600; }
        .card { background: #fff; border: 1px solid var(--line); padding: .7rem .9rem; margin-bottom: 1rem; }
        .trace { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .3rem 1rem; }
        .trace div span { display: block; font-size: .8em; color: var(--muted); }
        ul.reasons { margin: .3rem 0; padding-left: 1.2rem; }
        .views { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 620px), 1fr)); gap: 1rem; }
        .view .stage { position: relative; display: inline-block; width: 100%; background: #000; line-height: 0; }
        .view .stage img { width: 100%; height: auto; display: block; }
        .view .stage svg { position: absolute; inset: 0; width: 100%; height: 100%; }
        .view .toggles { display: flex; gap: 1rem; margin: .3rem 0; font-size: .9em; }
        .view:has(.toggle-zones:not(:checked)) g.zones { display: none; }
        .view:has(.toggle-defects:not(:checked)) g.defects { display: none; }
        .view g.zones polygon { fill: rgba(80, 170, 255, .06); stroke: #4fb0ff; stroke-width: 2; vector-effect: non-scaling-stroke; }
        .view g.zones polygon.NOK { stroke: #ff5252; } .view g.zones polygon.REVIEW { stroke: #ffb300; }
        .view g.zones text { fill: #bfe3ff; font-size: 22px; paint-order: stroke; stroke: #000; stroke-width: 3px; }
        g.defects .defect { fill: none; stroke-width: 2.5; vector-effect: non-scaling-stroke; cursor: pointer; }
        g.defects .porosity { stroke: #ff9800; } g.defects .cold_shut { stroke: #e040fb; } g.defects .ignored { stroke: #9e9e9e; stroke-dasharray: 4 3; }
        g.defects a:hover .defect, g.defects a:focus .defect { stroke-width: 5; }
        .legend span { display: inline-block; width: .8em; height: .8em; margin: 0 .3em 0 .8em; vertical-align: middle; }
        tr:target td { background: #fff3c4; }
        .swatch-porosity { background: #ff9800; } .swatch-cold_shut { background: #e040fb; } .swatch-zone { background: #4fb0ff; }
        form.disposition { display: grid; gap: .5rem; max-width: 40rem; } form.disposition fieldset { border: 1px solid var(--line); display: flex; gap: 1.2rem; }
        textarea { width: 100%; min-height: 4rem; }
        .login { max-width: 22rem; margin: 4rem auto; } .login label { display: block; margin-bottom: .6rem; } .login input { width: 100%; }
        .heat svg { width: 100%; height: auto; background: #111; display: block; }
        .rate { position: relative; min-width: 5.5rem; } .rate .bar { position: absolute; left: 0; bottom: 0; height: 3px; }
        .rate .bar.nok { background: var(--nok); } .rate .bar.review { background: var(--review); bottom: 3px; }
        .pager { margin: .6rem 0; display: flex; gap: 1rem; }
        """;
}
