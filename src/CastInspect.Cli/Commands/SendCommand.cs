using System.CommandLine;
using System.Globalization;
using CastInspect.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace CastInspect.Cli.Commands;

/// <summary>
/// The camera-station client: streams a part's views in 1 MiB chunks to a running service and prints the verdict.
/// Exit codes: 0 OK, 3 NOK, 4 REVIEW, 2 usage or unreadable file, 5 the service refused the upload, 6 service unreachable.
/// </summary>
internal static class SendCommand
{
    public const int ExitNok = 3;
    public const int ExitReview = 4;
    public const int ExitRefused = 5;
    public const int ExitUnreachable = 6;
    public const int ChunkBytes = 1024 * 1024;

    public static Command Create()
    {
        var server = new Option<string>("--server") { Description = "Service gRPC address.", DefaultValueFactory = _ => "http://127.0.0.1:5051" };
        var partNumber = new Option<string>("--part-number") { Description = "Part number (selects the part program).", Required = true };
        var serial = new Option<string>("--serial") { Description = "Part serial.", Required = true };
        var requestId = new Option<string?>("--request-id") { Description = "Unique id of this upload; resending it returns the stored verdict. Default: a new GUID." };
        var machine = new Option<string>("--machine") { Description = "Casting machine.", DefaultValueFactory = _ => string.Empty };
        var die = new Option<string>("--die") { Description = "Die.", DefaultValueFactory = _ => string.Empty };
        var cavity = new Option<string>("--cavity") { Description = "Cavity.", DefaultValueFactory = _ => string.Empty };
        var shot = new Option<long>("--shot") { Description = "Shot number." };
        var line = new Option<string>("--line") { Description = "Production line.", DefaultValueFactory = _ => string.Empty };
        var capturedAt = new Option<DateTimeOffset?>("--captured-at") { Description = "Capture time (ISO-8601). Default: now." };
        var apiKey = new Option<string?>("--api-key") { Description = "Station API key (x-api-key header). Default: $CASTINSPECT_API_KEY." };
        var clientCert = new Option<string?>("--client-cert") { Description = "Station certificate for mutual TLS (PKCS#12 .pfx); needs an https:// --server." };
        var clientCertPassword = new Option<string?>("--client-cert-password") { Description = "Password of --client-cert. Default: $CASTINSPECT_CLIENT_CERT_PASSWORD." };
        var serverThumbprint = new Option<string?>("--server-thumbprint") { Description = "Trust only the server certificate with this SHA-1 thumbprint (a plant's self-signed server); default: the system's trusted CAs." };
        var json = new Option<bool>("--json") { Description = "Print the verdict as JSON." };
        var views = new Argument<string[]>("views")
        {
            Description = "VIEW=IMAGE pairs (PNG, TIFF, JPEG); raw 16-bit little-endian as VIEW=FILE@WIDTHxHEIGHT.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("send", "Send a part's images to a running service and print the verdict (camera-station client). Exit 0 OK, 3 NOK, 4 REVIEW, 5 refused, 6 unreachable.")
        {
            server, partNumber, serial, requestId, machine, die, cavity, shot, line, capturedAt, apiKey, clientCert, clientCertPassword, serverThumbprint, json, views,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            List<ViewUpload> uploads;
            try
            {
                uploads = parse.GetValue(views)!.Select(ParseView).ToList();
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"castinspect send: {e.Message}").ConfigureAwait(false);
                return CliErrors.Usage;
            }

            var header = new PartHeader
            {
                RequestId = parse.GetValue(requestId) ?? Guid.NewGuid().ToString(),
                PartNumber = parse.GetValue(partNumber)!,
                PartSerial = parse.GetValue(serial)!,
                Traceability = new Traceability
                {
                    Machine = parse.GetValue(machine)!,
                    Die = parse.GetValue(die)!,
                    Cavity = parse.GetValue(cavity)!,
                    ShotNumber = parse.GetValue(shot),
                    Line = parse.GetValue(line)!,
                    CapturedAt = Timestamp.FromDateTimeOffset(parse.GetValue(capturedAt) ?? DateTimeOffset.UtcNow),
                },
            };
            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("CASTINSPECT_API_KEY");
            StationChannel station;
            try
            {
                station = StationChannel.Open(
                    parse.GetValue(server)!,
                    parse.GetValue(clientCert),
                    parse.GetValue(clientCertPassword) ?? Environment.GetEnvironmentVariable("CASTINSPECT_CLIENT_CERT_PASSWORD"),
                    parse.GetValue(serverThumbprint));
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"castinspect send: {e.Message}").ConfigureAwait(false);
                return CliErrors.Usage;
            }

            using (station)
            {
                return await SendAsync(station.Channel, parse.GetValue(server)!, key, header, uploads, parse.GetValue(json), cancellationToken).ConfigureAwait(false);
            }
        });
        return command;
    }

    /// <summary>Streams the header and every view, then waits for the verdict. The service's status arrives as an <see cref="RpcException"/>.</summary>
    public static async Task<PartVerdict> UploadAsync(
        Inspection.InspectionClient client, PartHeader header, IReadOnlyList<ViewUpload> views, Metadata? headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(views);
        using var call = client.InspectPart(headers, cancellationToken: cancellationToken);
        try
        {
            await call.RequestStream.WriteAsync(new PartUpload { Header = header }, cancellationToken).ConfigureAwait(false);
            var buffer = new byte[ChunkBytes];
            foreach (var view in views)
            {
                var stream = view.Open();
                await using (stream.ConfigureAwait(false))
                {
                    await WriteViewAsync(call.RequestStream, view, stream, buffer, cancellationToken).ConfigureAwait(false);
                }
            }

            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (RpcException) when (!cancellationToken.IsCancellationRequested)
        {
            // The service ended the call early (a refused upload): its status and message come with the response.
        }
        catch (InvalidOperationException) when (!cancellationToken.IsCancellationRequested)
        {
            // Writing after the call completed: same as above.
        }

        return await call.ResponseAsync.ConfigureAwait(false);
    }

    private static async Task WriteViewAsync(
        IClientStreamWriter<PartUpload> writer, ViewUpload view, Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = stream.CanSeek ? stream.Length : 0;
        var first = true;
        int read;
        long sent = 0;
        do
        {
            read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            sent += read;
            var chunk = new ImageChunk
            {
                ViewId = view.ViewId,
                Data = ByteString.CopyFrom(buffer, 0, read),
                Last = read == 0 || (total > 0 && sent >= total),
            };
            if (first)
            {
                chunk.Encoding = view.Encoding;
                chunk.WidthPx = view.WidthPx;
                chunk.HeightPx = view.HeightPx;
                chunk.TotalBytes = total;
                first = false;
            }

            await writer.WriteAsync(new PartUpload { Chunk = chunk }, cancellationToken).ConfigureAwait(false);
            if (chunk.Last)
            {
                return;
            }
        }
        while (read > 0);
    }

    private static async Task<int> SendAsync(
        GrpcChannel channel, string server, string? apiKey, PartHeader header, IReadOnlyList<ViewUpload> views, bool json, CancellationToken cancellationToken)
    {
        var client = new Inspection.InspectionClient(channel);
        var metadata = string.IsNullOrEmpty(apiKey) ? null : new Metadata { { "x-api-key", apiKey } };
        try
        {
            var verdict = await UploadAsync(client, header, views, metadata, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(json ? JsonFormatter.Default.Format(verdict) : Describe(verdict)).ConfigureAwait(false);
            return verdict.Verdict switch
            {
                Verdict.Ok => 0,
                Verdict.Nok => ExitNok,
                _ => ExitReview,
            };
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            await Console.Error.WriteLineAsync($"castinspect send: service at {server} unreachable: {e.Status.Detail}").ConfigureAwait(false);
            return ExitUnreachable;
        }
        catch (RpcException e)
        {
            await Console.Error.WriteLineAsync($"castinspect send: refused ({e.StatusCode}): {e.Status.Detail}").ConfigureAwait(false);
            return ExitRefused;
        }
    }

    internal static string Describe(PartVerdict v)
    {
        var lines = new List<string>
        {
            string.Create(
                CultureInfo.InvariantCulture,
                $"{v.PartNumber} serial {v.PartSerial}: {Name(v.Verdict)} (part program rev {v.PartProgramRevision}, {v.TotalMs:F0} ms{(v.Replayed ? ", stored earlier" : string.Empty)})"),
        };
        lines.AddRange(v.Reasons.Select(r => "  - " + r));
        lines.AddRange(v.Views.Select(view => string.Create(
            CultureInfo.InvariantCulture,
            $"  view {view.ViewId}: {Name(view.Verdict)}, {view.Defects.Count} defects, model {view.ModelName} {view.ModelVersion}")));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Name(Verdict v) => v switch
    {
        Verdict.Ok => "OK",
        Verdict.Nok => "NOK",
        Verdict.Review => "REVIEW",
        _ => "UNKNOWN",
    };

    internal static ViewUpload ParseView(string pair)
    {
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == pair.Length - 1)
        {
            throw new ArgumentException($"'{pair}' is not VIEW=IMAGE");
        }

        var viewId = pair[..eq];
        var path = pair[(eq + 1)..];
        var encoding = ImageEncoding.Auto;
        int width = 0, height = 0;
        var at = path.LastIndexOf('@');
        if (at > 0)
        {
            var size = path[(at + 1)..].Split('x');
            if (size.Length != 2
                || !int.TryParse(size[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out width)
                || !int.TryParse(size[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out height))
            {
                throw new ArgumentException($"view '{viewId}': '{path[(at + 1)..]}' is not WIDTHxHEIGHT");
            }

            encoding = ImageEncoding.Raw16;
            path = path[..at];
        }

        if (!File.Exists(path))
        {
            throw new ArgumentException($"view '{viewId}': image file '{path}' not found");
        }

        return new ViewUpload(viewId, () => File.OpenRead(path), encoding, width, height);
    }
}

/// <summary>One view to send: its id, how to open its bytes, and the encoding.</summary>
internal sealed record ViewUpload(string ViewId, Func<Stream> Open, ImageEncoding Encoding = ImageEncoding.Auto, int WidthPx = 0, int HeightPx = 0);
