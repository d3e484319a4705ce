using System.Globalization;
using CastInspect.Core.Geometry;
using CastInspect.Core.Measurement;
using CastInspect.Core.Verdicts;
using Microsoft.AspNetCore.Html;

namespace CastInspect.Server.Viewer;

/// <summary>How the pages write times, numbers, verdicts and classes.</summary>
public static class ViewerFormat
{
    public static string Verdict(Verdict v) => v switch
    {
        Core.Verdicts.Verdict.Nok => "NOK",
        Core.Verdicts.Verdict.Review => "REVIEW",
        _ => "OK",
    };

    public static string Time(DateTimeOffset utc, TimeSpan plantOffset) =>
        utc.ToOffset(plantOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string InputTime(DateTimeOffset? utc, TimeSpan plantOffset) =>
        utc?.ToOffset(plantOffset).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>Reads a <c>datetime-local</c> or date field given in plant time; null when empty or unreadable.</summary>
    public static DateTimeOffset? ParseInputTime(string? text, TimeSpan plantOffset) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), plantOffset)
            : null;

    public static string Num(double v, int decimals = 2) => v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + " %";

    public static string ClassWords(DefectClass c) => c == DefectClass.ColdShut ? "cold shut" : "pore";

    /// <summary>Why no rule judged a defect; parts stored before reasons were kept have none.</summary>
    public static string IgnoredReason(string? reason) => string.IsNullOrWhiteSpace(reason) ? "reason not recorded (stored before it was kept)" : reason;

    /// <summary>"second look 0.93" for a defect the second look scored; empty where none did.</summary>
    public static string SecondLook(double? score) => score is { } s ? "second look " + Num(s) : string.Empty;

    /// <summary>An SVG <c>text</c> element (Razor reserves the tag name), content encoded.</summary>
    public static IHtmlContent SvgText(double x, double y, string content, string extraAttributes = "") =>
        new HtmlContentBuilder()
            .AppendHtml(string.Create(CultureInfo.InvariantCulture, $"<text x=\"{x:0.##}\" y=\"{y:0.##}\" {extraAttributes}>"))
            .Append(content)
            .AppendHtml("</text>");

    public static string Points(IEnumerable<PointPx> points) =>
        string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}")));
}
