using System.Diagnostics;
using CastInspect.Contracts.V1;
using CastInspect.Core.Inspection;
using CastInspect.Server.Hosting;
using CastInspect.Server.Logging;
using CastInspect.Server.Metrics;
using CastInspect.Storage.Archive;
using CastInspect.Storage.Inspections;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CastInspect.Server.Inspections;

/// <summary>
/// One part upload end to end: read the header and views, judge them, archive the images, store the inspection in one
/// transaction, then acknowledge. Nothing is stored before the whole stream arrived.
/// </summary>
public sealed class PartUploadHandler(
    IPartProgramCatalog catalog,
    IPartInspector inspector,
    ImageArchive archive,
    InspectionStore store,
    VerdictFeed feed,
    IOptions<ServerOptions> options,
    ILogger<PartUploadHandler> logger)
{
    public async Task<PartVerdict> HandleAsync(IAsyncStreamReader<PartUpload> stream, CancellationToken cancellationToken)
    {
        InspectionMetrics.UploadsInFlight.Inc();
        try
        {
            return await ReceiveAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (UploadRejectedException e)
        {
            InspectionMetrics.Rejected.WithLabels(e.Status.ToString()).Inc();
            ServerLog.Rejected(logger, e.Status.ToString(), e.Message);
            throw new RpcException(new Status(e.Status, e.Message));
        }
        catch (InvalidImageException e)
        {
            InspectionMetrics.Rejected.WithLabels(nameof(StatusCode.InvalidArgument)).Inc();
            ServerLog.Rejected(logger, nameof(StatusCode.InvalidArgument), e.Message);
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ServerLog.Cancelled(logger);
            throw;
        }
        finally
        {
            InspectionMetrics.UploadsInFlight.Dec();
        }
    }

    private async Task<PartVerdict> ReceiveAsync(IAsyncStreamReader<PartUpload> stream, CancellationToken cancellationToken)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        if (!await stream.MoveNext(cancellationToken).ConfigureAwait(false) || stream.Current.ContentCase != PartUpload.ContentOneofCase.Header)
        {
            throw new UploadRejectedException(
                StatusCode.InvalidArgument, "the first message must be the part header (request id, part serial, part number, traceability)");
        }

        var header = stream.Current.Header;
        RequireHeaderField(header.RequestId, "request_id");
        RequireHeaderField(header.PartSerial, "part_serial");
        RequireHeaderField(header.PartNumber, "part_number");
        using var scope = ServerLog.UploadScope(logger, header.RequestId, header.PartSerial, header.PartNumber);
        if (await store.FindAsync(header.RequestId, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            while (await stream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
            }

            ServerLog.Replayed(logger, header.RequestId);
            return ProtoMapper.ToProto(stored, replayed: true);
        }

        var program = catalog.Find(header.PartNumber) ?? throw new UploadRejectedException(
            StatusCode.NotFound,
            $"part number '{header.PartNumber}' has no part program (known: {string.Join(", ", catalog.All.Select(p => p.PartNumber))})");
        var views = await new UploadReader(program, options.Value).ReadAsync(stream, cancellationToken).ConfigureAwait(false);
        Observe("receive", clock);

        var result = await inspector.InspectAsync(program, views.Select(v => v.Image).ToList(), cancellationToken).ConfigureAwait(false);
        Observe("inspect", clock);

        var images = new List<ViewImageRecord>(views.Count);
        foreach (var (image, modality) in views)
        {
            var archived = await archive.SaveAsync(image.Data, cancellationToken).ConfigureAwait(false);
            images.Add(new ViewImageRecord(image.ViewId, modality, archived.Sha256, archived.RelativePath, archived.ByteLength, image.Encoding));
        }

        Observe("archive", clock);
        var saved = await store.SaveAsync(
            new NewInspection(header.RequestId, header.PartSerial, ProtoMapper.FromProto(header.Traceability, receivedAt), receivedAt, program, result, images),
            cancellationToken).ConfigureAwait(false);
        Observe("store", clock);

        var verdict = ProtoMapper.ToProto(saved.Inspection, replayed: !saved.Created);
        if (saved.Created)
        {
            RecordStages(result);
            InspectionMetrics.Inspections.WithLabels(verdict.Verdict.ToString().ToUpperInvariant()).Inc();
            feed.Publish(verdict);
        }

        ServerLog.Inspected(logger, header.PartNumber, header.PartSerial, verdict.Verdict.ToString().ToUpperInvariant(), result.TotalMs, views.Count);
        return verdict;
    }

    private static void RequireHeaderField(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new UploadRejectedException(StatusCode.InvalidArgument, $"the part header has no {name}");
        }
    }

    private static void Observe(string stage, Stopwatch clock)
    {
        InspectionMetrics.StageSeconds.WithLabels(stage).Observe(clock.Elapsed.TotalSeconds);
        clock.Restart();
    }

    private static void RecordStages(PartInspection result)
    {
        foreach (var view in result.Views)
        {
            foreach (var (stage, ms) in view.TimingsMs)
            {
                InspectionMetrics.StageSeconds.WithLabels("view_" + stage).Observe(ms / 1000);
                if (stage.Contains("infer", StringComparison.OrdinalIgnoreCase))
                {
                    InspectionMetrics.InferenceSeconds.Observe(ms / 1000);
                }
            }
        }
    }
}
