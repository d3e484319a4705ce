namespace CastInspect.Storage.Archive;

/// <summary>An image file in the archive: its sha256, path relative to the archive folder and size.</summary>
public sealed record ArchivedImage(string Sha256, string RelativePath, long ByteLength);
