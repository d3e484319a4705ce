using System.Security.Cryptography;
using CastInspect.Storage.Archive;

namespace CastInspect.Storage.Tests.Archive;

public sealed class ImageArchiveTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("castinspect-archive-").FullName;

    [Fact]
    public async Task SaveAsync_Bytes_WritesFileNamedBySha256WithSameContentAndNoTempFiles()
    {
        var archive = new ImageArchive(new StoreOptions { DataDirectory = _dir });
        var data = RandomNumberGenerator.GetBytes(300_000);

        var image = await archive.SaveAsync(data);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), image.Sha256);
        Assert.Equal(data, await File.ReadAllBytesAsync(archive.FullPathOf(image.Sha256)));
        Assert.Equal(data.Length, image.ByteLength);
        Assert.Single(Directory.EnumerateFiles(archive.RootPath, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task SaveAsync_SameContentTwice_KeepsOneFile()
    {
        var archive = new ImageArchive(new StoreOptions { DataDirectory = _dir });
        var data = RandomNumberGenerator.GetBytes(1000);

        var first = await archive.SaveAsync(data);
        var second = await archive.SaveAsync(data.ToArray());

        Assert.Equal(first, second);
        Assert.Single(Directory.EnumerateFiles(archive.RootPath, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task SweepTemporaryFiles_OldAndFreshLeftovers_DeletesOnlyOldOnesAndKeepsArchivedImages()
    {
        var archive = new ImageArchive(new StoreOptions { DataDirectory = _dir });
        var image = await archive.SaveAsync(RandomNumberGenerator.GetBytes(1000));
        var folder = archive.TemporaryFolder;
        var old = Path.Combine(folder, $".{image.Sha256}.killed.tmp");
        var fresh = Path.Combine(folder, $".{image.Sha256}.writing.tmp");
        await File.WriteAllBytesAsync(old, [1, 2, 3]);
        await File.WriteAllBytesAsync(fresh, [4, 5, 6]);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-1));

        var swept = archive.SweepTemporaryFiles(TimeSpan.FromMinutes(10));

        Assert.Equal(1, swept);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(archive.FullPathOf(image.Sha256)));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
