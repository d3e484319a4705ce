using CastInspect.Contracts.V1;
using CastInspect.Core.Inspection;
using CastInspect.Core.Parts;
using CastInspect.Server.Hosting;
using Grpc.Core;

namespace CastInspect.Server.Inspections;

/// <summary>Reads the chunks of one part upload into whole views, enforcing the part program and the size limits.</summary>
internal sealed class UploadReader(PartProgram program, ServerOptions limits)
{
    private readonly Dictionary<string, ReceivedView> _views = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<(ViewImage Image, Core.Parts.Modality Modality)>> ReadAsync(
        IAsyncStreamReader<PartUpload> stream, CancellationToken cancellationToken)
    {
        while (await stream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            var message = stream.Current;
            if (message.ContentCase != PartUpload.ContentOneofCase.Chunk)
            {
                throw new UploadRejectedException(StatusCode.InvalidArgument, "the part header may only be sent once, as the first message");
            }

            Accept(message.Chunk);
        }

        return Finish();
    }

    private void Accept(ImageChunk chunk)
    {
        if (string.IsNullOrEmpty(chunk.ViewId))
        {
            throw new UploadRejectedException(StatusCode.InvalidArgument, "an image chunk has no view id");
        }

        if (!_views.TryGetValue(chunk.ViewId, out var view))
        {
            view = StartView(chunk);
        }
        else if (view.Complete)
        {
            throw new UploadRejectedException(StatusCode.InvalidArgument, $"view '{chunk.ViewId}': chunks arrived after its last chunk (view sent twice?)");
        }

        if (view.Length + chunk.Data.Length > limits.MaxImageBytesPerView)
        {
            throw new UploadRejectedException(
                StatusCode.ResourceExhausted,
                $"view '{chunk.ViewId}': image exceeds the limit of {limits.MaxImageBytesPerView} bytes per view (Server:MaxImageBytesPerView)");
        }

        view.Append(chunk);
        if (view.TotalBytes > 0 && view.Length > view.TotalBytes)
        {
            throw new UploadRejectedException(
                StatusCode.InvalidArgument, $"view '{chunk.ViewId}': received {view.Length} bytes but total_bytes said {view.TotalBytes}");
        }
    }

    private ReceivedView StartView(ImageChunk chunk)
    {
        var definition = program.FindView(chunk.ViewId) ?? throw new UploadRejectedException(
            StatusCode.NotFound,
            $"view '{chunk.ViewId}' is not in part program {program.PartNumber} rev {program.Revision} (views: {string.Join(", ", program.Views.Select(v => v.Id))})");
        if (_views.Count >= limits.MaxViewsPerPart)
        {
            throw new UploadRejectedException(
                StatusCode.ResourceExhausted,
                $"view '{chunk.ViewId}': more than {limits.MaxViewsPerPart} views in one upload (Server:MaxViewsPerPart)");
        }

        if (chunk.TotalBytes > limits.MaxImageBytesPerView)
        {
            throw new UploadRejectedException(
                StatusCode.ResourceExhausted,
                $"view '{chunk.ViewId}': announced {chunk.TotalBytes} bytes, over the limit of {limits.MaxImageBytesPerView} bytes per view (Server:MaxImageBytesPerView)");
        }

        var expected = ProtoMapper.ToProto(definition.Modality);
        if (chunk.Modality != Contracts.V1.Modality.Unspecified && chunk.Modality != expected)
        {
            throw new UploadRejectedException(
                StatusCode.InvalidArgument, $"view '{chunk.ViewId}': sent as {chunk.Modality} but the part program defines it as {definition.Modality}");
        }

        if (chunk.Encoding == Contracts.V1.ImageEncoding.Raw16 && (chunk.WidthPx <= 0 || chunk.HeightPx <= 0))
        {
            throw new UploadRejectedException(StatusCode.InvalidArgument, $"view '{chunk.ViewId}': raw16 images need width_px and height_px");
        }

        var view = new ReceivedView(definition, chunk);
        _views.Add(chunk.ViewId, view);
        return view;
    }

    private List<(ViewImage, Core.Parts.Modality)> Finish()
    {
        foreach (var (id, view) in _views)
        {
            if (view.TotalBytes > 0 && view.Length < view.TotalBytes)
            {
                throw new UploadRejectedException(
                    StatusCode.InvalidArgument, $"view '{id}': truncated, the stream ended after {view.Length} of {view.TotalBytes} bytes");
            }

            if (view.Length == 0)
            {
                throw new UploadRejectedException(StatusCode.InvalidArgument, $"view '{id}': empty image");
            }
        }

        var missing = program.Views.Where(v => !_views.ContainsKey(v.Id)).Select(v => v.Id).ToList();
        if (missing.Count > 0)
        {
            throw new UploadRejectedException(
                StatusCode.FailedPrecondition,
                $"part program {program.PartNumber} rev {program.Revision} needs views that were not sent: {string.Join(", ", missing)}");
        }

        return _views.Select(kv => (
            new ViewImage(
                kv.Key,
                kv.Value.Data,
                kv.Value.Encoding == Contracts.V1.ImageEncoding.Raw16 ? Core.Inspection.ImageEncoding.Raw16 : Core.Inspection.ImageEncoding.Auto,
                kv.Value.WidthPx,
                kv.Value.HeightPx),
            kv.Value.Definition.Modality)).ToList();
    }
}
