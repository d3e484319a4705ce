using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace CastInspect.Storage.Inspections;

/// <summary>Where a page ended: the last row's capture time and id (keyset paging). Opaque to callers.</summary>
internal readonly record struct PageToken(string CapturedUtc, long Id)
{
    public override string ToString() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CapturedUtc}|{Id}")));

    public static bool TryParse(string? text, [NotNullWhen(true)] out PageToken token)
    {
        token = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(text)).Split('|');
            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                token = new PageToken(parts[0], id);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        throw new ArgumentException($"page token '{text}' is not one this service issued", nameof(text));
    }
}
