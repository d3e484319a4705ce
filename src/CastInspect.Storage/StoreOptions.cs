namespace CastInspect.Storage;

/// <summary>Where the store lives. Bound from the "Store" configuration section.</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Store";

    /// <summary>Folder holding the SQLite file and the image archive. Default: <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>SQLite file name inside <see cref="DataDirectory"/>. Default: <c>castinspect.db</c>.</summary>
    public string DatabaseFileName { get; set; } = "castinspect.db";

    /// <summary>Image archive folder inside <see cref="DataDirectory"/>. Default: <c>images</c>.</summary>
    public string ArchiveFolderName { get; set; } = "images";

    /// <summary>How long a writer waits for a lock before failing, in ms. Default: 5000.</summary>
    public int BusyTimeoutMs { get; set; } = 5000;

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, DatabaseFileName));

    public string ArchivePath => Path.GetFullPath(Path.Combine(DataDirectory, ArchiveFolderName));
}
