using CastInspect.Storage.Viewer;

namespace CastInspect.Server.Viewer;

/// <summary>Web viewer settings. Bound from the "Viewer" configuration section.</summary>
public sealed class ViewerOptions
{
    public const string SectionName = "Viewer";

    /// <summary>Rows per review-queue page. Default 50.</summary>
    public int QueuePageSize { get; set; } = 50;

    /// <summary>Plant local time offset from UTC in hours, for showing times, time filters and shifts. Default 0 (UTC).</summary>
    public double PlantUtcOffsetHours { get; set; }

    /// <summary>Shift start hours in plant local time. Default 6, 14, 22.</summary>
    public IList<int> ShiftStartHours { get; } = [6, 14, 22];

    /// <summary>Lower display window percentile of a 16-bit image. Default 0.5.</summary>
    public double WindowLowPercentile { get; set; } = 0.5;

    /// <summary>Upper display window percentile of a 16-bit image. Default 99.5.</summary>
    public double WindowHighPercentile { get; set; } = 99.5;

    /// <summary>Memory kept for rendered display images, MB. Default 128.</summary>
    public int DisplayCacheMegabytes { get; set; } = 128;

    /// <summary>How long a login lasts without activity, hours. Default 10 (a shift and some).</summary>
    public double LoginHours { get; set; } = 10;

    public ShiftPattern Shifts => new(ShiftStartHours.ToList(), PlantUtcOffsetHours);

    public TimeSpan PlantOffset => TimeSpan.FromHours(PlantUtcOffsetHours);
}
