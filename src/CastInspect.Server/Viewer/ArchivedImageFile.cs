namespace CastInspect.Server.Viewer;

/// <summary>An archived image file found through the store by ids, never by a path from a request.</summary>
public sealed record ArchivedImageFile(string Sha256, string FullPath, string Encoding, int WidthPx, int HeightPx)
{
    public bool IsRaw16 => string.Equals(Encoding, "raw16", StringComparison.OrdinalIgnoreCase);
}
