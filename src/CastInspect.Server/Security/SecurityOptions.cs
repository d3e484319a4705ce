namespace CastInspect.Server.Security;

/// <summary>
/// How camera stations authenticate. Bound from the "Security" section. Required as soon as the service binds to a
/// non-loopback address: per-station API keys (stored as sha256 hex, sent in the <c>x-api-key</c> header) or mutual TLS.
/// </summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    public const string ApiKeyHeader = "x-api-key";

    /// <summary>Camera stations and the sha256 (hex) of their API key. Default: none.</summary>
    public IList<StationKey> StationKeys { get; } = [];

    /// <summary>Server certificate for TLS on the gRPC port (PFX/PKCS#12). Default: none (cleartext HTTP/2).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/>. Default: none.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Thumbprints of the client certificates allowed (mutual TLS). Default: none.</summary>
    public IList<string> ClientCertificateThumbprints { get; } = [];

    public bool MutualTls => !string.IsNullOrEmpty(CertificatePath) && ClientCertificateThumbprints.Count > 0;
}

/// <summary>One camera station's API key, stored hashed.</summary>
public sealed class StationKey
{
    public string Station { get; set; } = string.Empty;

    /// <summary>Lower-case hex sha256 of the key (<c>printf %s KEY | sha256sum</c>).</summary>
    public string KeySha256 { get; set; } = string.Empty;
}
