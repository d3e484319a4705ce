using System.Text.Json;
using CastInspect.Core.Parts;

namespace CastInspect.Server.Reprocessing;

/// <summary>One view image of a part found in a folder.</summary>
public sealed record FolderView(string ViewId, string ImagePath);

/// <summary>A part found in a folder: its serial and view images.</summary>
public sealed record FolderPart(string Serial, IReadOnlyList<FolderView> Views);

/// <summary>The parts found in a folder, and the files that could not be placed (with the reason).</summary>
public sealed record FolderScan(IReadOnlyList<FolderPart> Parts, IReadOnlyList<string> Problems);

/// <summary>
/// Groups the images of a folder (not recursive) into parts. Three layouts are understood:
/// <list type="bullet">
/// <item><c>synth</c> output: <c>&lt;name&gt;.png</c> with a <c>&lt;name&gt;.json</c> manifest giving <c>serial</c>,
/// <c>view_id</c> and <c>image</c> (masks, <c>dataset.json</c> and the <c>reference/</c> folder are ignored);</item>
/// <item>plain images named <c>VIEW=SERIAL.png</c> (e.g. <c>XR-1=SN0042.png</c>): the view before '=', the part after;</item>
/// <item>for a part program with a single view, any other image is one part named by its file name.</item>
/// </list>
/// PNG, TIFF and JPEG files are read.
/// </summary>
public static class ImageFolderScanner
{
    private static readonly string[] ImageExtensions = [".png", ".tif", ".tiff", ".jpg", ".jpeg"];

    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static FolderScan Scan(string folder, PartProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"input folder not found: {Path.GetFullPath(folder)}");
        }

        var problems = new List<string>();
        var views = new List<(string Serial, FolderView View)>();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var manifest in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            if (ReadManifest(manifest) is { } entry)
            {
                var image = Path.GetFullPath(Path.Combine(folder, entry.Image));
                claimed.Add(image);
                views.Add((entry.Serial, new FolderView(entry.ViewId, image)));
            }
        }

        var single = program.Views.Count == 1 ? program.Views[0].Id : null;
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var full = Path.GetFullPath(file);
            var name = Path.GetFileName(file);
            if (claimed.Contains(full) || !IsImage(name) || name.Contains(".mask.", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var stem = Path.GetFileNameWithoutExtension(name);
            var eq = stem.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && eq < stem.Length - 1)
            {
                views.Add((stem[(eq + 1)..], new FolderView(stem[..eq], full)));
            }
            else if (single is not null)
            {
                views.Add((stem, new FolderView(single, full)));
            }
            else
            {
                problems.Add($"{name}: cannot tell which view it is: name it VIEW=SERIAL{Path.GetExtension(name)} with VIEW one of {string.Join(", ", program.Views.Select(v => v.Id))}, or give a synth manifest");
            }
        }

        var parts = views
            .GroupBy(v => v.Serial, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FolderPart(g.Key, g.Select(v => v.View).OrderBy(v => v.ViewId, StringComparer.Ordinal).ToList()))
            .ToList();
        return new FolderScan(parts, problems);
    }

    private static bool IsImage(string name) => ImageExtensions.Contains(Path.GetExtension(name).ToLowerInvariant());

    private static (string Serial, string ViewId, string Image)? ReadManifest(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("view_id", out var view) && view.ValueKind == JsonValueKind.String
                && root.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.String)
            {
                var serial = root.TryGetProperty("serial", out var s) && s.ValueKind == JsonValueKind.String
                    ? s.GetString()!
                    : Path.GetFileNameWithoutExtension(path);
                return (serial, view.GetString()!, image.GetString()!);
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
