using System.Net;
using System.Security.Cryptography;
using System.Text;
using CastInspect.Server.Hosting;

namespace CastInspect.Server.Security;

/// <summary>Checks station API keys against their stored hashes and refuses unsafe bindings at start-up.</summary>
public sealed class StationAuthenticator
{
    private readonly Dictionary<string, string> _stationByHash;

    public StationAuthenticator(SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _stationByHash = options.StationKeys
            .Where(k => !string.IsNullOrWhiteSpace(k.KeySha256))
            .ToDictionary(k => k.KeySha256.Trim().ToLowerInvariant(), k => k.Station, StringComparer.Ordinal);
    }

    public bool KeysRequired => _stationByHash.Count > 0;

    /// <summary>The station owning the key, or null when the key is unknown.</summary>
    public string? StationFor(string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            return null;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        foreach (var (known, station) in _stationByHash)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(known), Encoding.ASCII.GetBytes(hash)))
            {
                return station;
            }
        }

        return null;
    }

    /// <summary>Throws when the service would listen beyond loopback without station authentication.</summary>
    public static void EnsureSafeBinding(ServerOptions server, SecurityOptions security)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(security);
        if (IsLoopback(server.BindAddress) || security.StationKeys.Count > 0 || security.MutualTls)
        {
            return;
        }

        throw new InvalidOperationException(
            $"refusing to start: Server:BindAddress '{server.BindAddress}' is not loopback and camera stations are not authenticated. "
            + "Configure per-station API keys (Security:StationKeys:0:Station and Security:StationKeys:0:KeySha256 = sha256 hex of the key, "
            + "sent by stations in the x-api-key header) or mutual TLS (Security:CertificatePath and Security:ClientCertificateThumbprints), "
            + "or bind to 127.0.0.1.");
    }

    public static bool IsLoopback(string address) =>
        string.Equals(address, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip));
}
