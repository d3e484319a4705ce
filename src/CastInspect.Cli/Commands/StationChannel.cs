using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace CastInspect.Cli.Commands;

/// <summary>
/// The gRPC channel a camera station opens: cleartext for http:// addresses; for https:// optionally with the station's
/// client certificate (mutual TLS) and the server certificate pinned by thumbprint (for a plant's self-signed server).
/// Disposing it closes the channel and releases the certificate's key.
/// </summary>
internal sealed class StationChannel : IDisposable
{
    private readonly X509Certificate2? clientCertificate;

    private StationChannel(GrpcChannel channel, X509Certificate2? clientCertificate)
    {
        Channel = channel;
        this.clientCertificate = clientCertificate;
    }

    public GrpcChannel Channel { get; }

    /// <exception cref="ArgumentException">The certificate file cannot be read (names the file and why).</exception>
    public static StationChannel Open(string server, string? clientCertificatePath, string? clientCertificatePassword, string? serverThumbprint)
    {
        if (string.IsNullOrEmpty(clientCertificatePath) && string.IsNullOrEmpty(serverThumbprint))
        {
            return new StationChannel(GrpcChannel.ForAddress(server), null);
        }

        if (!server.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"--client-cert and --server-thumbprint need an https:// server address, not '{server}'");
        }

        var ssl = new SslClientAuthenticationOptions();
        var certificate = string.IsNullOrEmpty(clientCertificatePath) ? null : LoadClientCertificate(clientCertificatePath, clientCertificatePassword);
        if (certificate is not null)
        {
            ssl.ClientCertificates = [certificate];
        }

        if (!string.IsNullOrEmpty(serverThumbprint))
        {
            var pinned = serverThumbprint.Replace(":", string.Empty, StringComparison.Ordinal);
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.GetCertHashString(), pinned, StringComparison.OrdinalIgnoreCase);
        }

        try
        {
            var channel = GrpcChannel.ForAddress(server, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { SslOptions = ssl }, DisposeHttpClient = true });
            return new StationChannel(channel, certificate);
        }
        catch
        {
            certificate?.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Channel.Dispose();
        clientCertificate?.Dispose();
    }

    private static X509Certificate2 LoadClientCertificate(string path, string? password)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ArgumentException($"client certificate '{path}' cannot be read as PKCS#12 (.pfx) with the given password: {e.Message}", e);
        }
    }
}
