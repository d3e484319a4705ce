using System.Security.Cryptography;

namespace CastInspect.Storage.Archive;

/// <summary>
/// Content-addressed image files under <see cref="StoreOptions.ArchivePath"/>: <c>ab/abcdef…</c> by sha256. A file is
/// written to a temporary name in <see cref="TemporaryFolder"/> (same file system), flushed to disk, renamed into place
/// and the folder flushed, so a file under its final name is always complete, also after a power cut or <c>kill -9</c>;
/// what a killed writer leaves lies in that one folder, not among the archived images.
/// </summary>
public sealed class ImageArchive
{
    private readonly string _root;

    public ImageArchive(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _root = options.ArchivePath;
        Directory.CreateDirectory(_root);
    }

    public string RootPath => _root;

    /// <summary>Where files are written before they are renamed into place (<c>.incoming</c> under the root).</summary>
    public string TemporaryFolder => Path.Combine(_root, ".incoming");

    public static string Sha256Of(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string RelativePathOf(string sha256) => Path.Combine(sha256[..2], sha256);

    public string FullPathOf(string sha256) => Path.Combine(_root, RelativePathOf(sha256));

    /// <summary>Archives the bytes durably; returns at once when the same content is already archived.</summary>
    public async Task<ArchivedImage> SaveAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var sha = Sha256Of(data.Span);
        var relative = RelativePathOf(sha);
        var target = Path.Combine(_root, relative);
        if (File.Exists(target) && new FileInfo(target).Length == data.Length)
        {
            return new ArchivedImage(sha, relative, data.Length);
        }

        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            DirectorySync.Flush(_root);
        }

        Directory.CreateDirectory(TemporaryFolder);
        var temp = Path.Combine(TemporaryFolder, $".{sha}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, target, overwrite: true);
            DirectorySync.Flush(folder);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return new ArchivedImage(sha, relative, data.Length);
    }

    /// <summary>
    /// Deletes temporary files a killed writer left behind (never under a final name, so nothing refers to them) that are
    /// older than <paramref name="olderThan"/>; younger ones may belong to a write in flight. Returns how many went.
    /// </summary>
    public int SweepTemporaryFiles(TimeSpan olderThan)
    {
        var cutoff = DateTime.UtcNow - olderThan;
        var swept = 0;
        if (!Directory.Exists(TemporaryFolder))
        {
            return 0;
        }

        foreach (var file in Directory.EnumerateFiles(TemporaryFolder, ".*.tmp"))
        {
            if (File.GetLastWriteTimeUtc(file) < cutoff)
            {
                File.Delete(file);
                swept++;
            }
        }

        return swept;
    }

    public async Task<byte[]> ReadAsync(string sha256, CancellationToken cancellationToken = default) =>
        await File.ReadAllBytesAsync(FullPathOf(sha256), cancellationToken).ConfigureAwait(false);
}
