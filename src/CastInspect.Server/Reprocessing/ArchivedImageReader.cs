using CastInspect.Core.Inspection;
using CastInspect.Storage.Archive;
using CastInspect.Storage.Reprocessing;

namespace CastInspect.Server.Reprocessing;

/// <summary>An archived image that is missing or no longer has the content the line stored.</summary>
public sealed class ArchiveImageException : Exception
{
    public ArchiveImageException(string message)
        : base(message)
    {
    }

    public ArchiveImageException()
    {
    }

    public ArchiveImageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Reads a view's archived image by its recorded relative path and checks it still has the recorded sha256.</summary>
public sealed class ArchivedImageReader(ImageArchive archive)
{
    /// <exception cref="ArchiveImageException">The file is missing, outside the archive, or its content changed.</exception>
    public async Task<ViewImage> ReadAsync(ArchivedView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        var root = Path.GetFullPath(archive.RootPath);
        var path = Path.GetFullPath(Path.Combine(root, view.RelativePath));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArchiveImageException($"view '{view.ViewId}': archived path '{view.RelativePath}' lies outside the archive {root}");
        }

        byte[] data;
        try
        {
            data = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArchiveImageException($"view '{view.ViewId}': archived image {path} is missing", e);
        }

        var sha = ImageArchive.Sha256Of(data);
        if (!string.Equals(sha, view.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArchiveImageException(
                $"view '{view.ViewId}': archived image {path} has sha256 {sha} but the line stored {view.Sha256} ({data.Length} of {view.ByteLength} bytes): the file was changed or damaged");
        }

        return new ViewImage(view.ViewId, data, view.Encoding, view.WidthPx, view.HeightPx);
    }
}
