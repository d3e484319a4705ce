using CastInspect.Contracts.V1;
using CastInspect.Server.Inspections;
using CastInspect.Storage.Inspections;
using Grpc.Core;

namespace CastInspect.Server.Grpc;

/// <summary>The castinspect.v1.Inspection service: maps the wire contract onto the upload handler and the store.</summary>
internal sealed class InspectionGrpcService(PartUploadHandler uploads, InspectionStore store, VerdictFeed feed) : Inspection.InspectionBase
{
    public override Task<PartVerdict> InspectPart(IAsyncStreamReader<PartUpload> requestStream, ServerCallContext context) =>
        uploads.HandleAsync(requestStream, context.CancellationToken);

    public override async Task<PartVerdict> GetInspection(GetInspectionRequest request, ServerCallContext context)
    {
        var stored = await store.FindAsync(request.RequestId, context.CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"no inspection with request id '{request.RequestId}'"));
        return ProtoMapper.ToProto(stored, replayed: false);
    }

    public override async Task<ListInspectionsResponse> ListInspections(ListInspectionsRequest request, ServerCallContext context)
    {
        InspectionPage page;
        try
        {
            page = await store.ListAsync(ProtoMapper.FromProto(request), context.CancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }

        var response = new ListInspectionsResponse { NextPageToken = page.NextPageToken ?? string.Empty };
        response.Inspections.AddRange(page.Items.Select(ProtoMapper.ToProto));
        return response;
    }

    public override async Task WatchVerdicts(WatchVerdictsRequest request, IServerStreamWriter<PartVerdict> responseStream, ServerCallContext context)
    {
        using var subscription = feed.Subscribe();
        await context.WriteResponseHeadersAsync([]).ConfigureAwait(false);
        await foreach (var verdict in subscription.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrEmpty(request.PartNumber) || verdict.PartNumber == request.PartNumber)
            {
                await responseStream.WriteAsync(verdict, context.CancellationToken).ConfigureAwait(false);
            }
        }
    }
}
