namespace CastInspect.Server.Hosting;

/// <summary>Where the service listens and what one upload may carry. Bound from the "Server" configuration section.</summary>
public sealed class ServerOptions
{
    public const string SectionName = "Server";

    /// <summary>Address both ports bind to. Default <c>127.0.0.1</c> (loopback: no authentication needed).</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>gRPC port (HTTP/2 cleartext, or TLS when a certificate is configured). Default 5051.</summary>
    public int GrpcPort { get; set; } = 5051;

    /// <summary>Web viewer and <c>/metrics</c> port (HTTP/1.1). Default 5080.</summary>
    public int HttpPort { get; set; } = 5080;

    /// <summary>Largest accepted image of one view, in bytes. Default 256 MiB.</summary>
    public long MaxImageBytesPerView { get; set; } = 256L * 1024 * 1024;

    /// <summary>Most views accepted in one upload. Default 16.</summary>
    public int MaxViewsPerPart { get; set; } = 16;
}
