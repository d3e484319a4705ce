using System.Buffers.Binary;
using CastInspect.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CastInspect.Server.Tests.Grpc;

/// <summary>Builds part uploads message by message, so tests can also send what a broken camera station would.</summary>
internal static class Uploads
{
    public const int ChunkBytes = 64 * 1024;

    public static PartUpload Header(string requestId, string partNumber = "generic", string serial = "SER-1") => new()
    {
        Header = new PartHeader
        {
            RequestId = requestId,
            PartNumber = partNumber,
            PartSerial = serial,
            Traceability = new Traceability
            {
                Machine = "GP-6100",
                Die = "D-12",
                Cavity = "1",
                ShotNumber = 4711,
                Line = "L2",
                CapturedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 22, 6, 30, 0, TimeSpan.Zero)),
            },
        },
    };

    /// <summary>A synthetic 16-bit radiograph: smooth background, a few dark blobs, deterministic per seed.</summary>
    public static byte[] Raw16Image(int width, int height, int seed = 1)
    {
        var random = new Random(seed);
        var bytes = new byte[width * height * 2];
        var blobs = Enumerable.Range(0, 4).Select(_ => (X: random.Next(width), Y: random.Next(height), R: 3 + random.Next(6))).ToList();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                double v = 30000 + (8000.0 * x / width) + random.Next(-400, 400);
                foreach (var b in blobs)
                {
                    var d2 = ((x - b.X) * (x - b.X)) + ((y - b.Y) * (y - b.Y));
                    if (d2 < b.R * b.R)
                    {
                        v -= 6000;
                    }
                }

                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(((y * width) + x) * 2), (ushort)Math.Clamp(v, 0, 65535));
            }
        }

        return bytes;
    }

    /// <summary>The chunks of one raw16 view; <paramref name="announcedBytes"/> overrides total_bytes (to simulate truncation).</summary>
    public static IEnumerable<PartUpload> View(string viewId, byte[] data, int width, int height, long? announcedBytes = null)
    {
        for (var offset = 0; offset < data.Length || offset == 0; offset += ChunkBytes)
        {
            var count = Math.Min(ChunkBytes, data.Length - offset);
            var chunk = new ImageChunk
            {
                ViewId = viewId,
                Data = ByteString.CopyFrom(data, offset, count),
                Last = announcedBytes is null && offset + count >= data.Length,
            };
            if (offset == 0)
            {
                chunk.Encoding = ImageEncoding.Raw16;
                chunk.WidthPx = width;
                chunk.HeightPx = height;
                chunk.TotalBytes = announcedBytes ?? data.Length;
            }

            yield return new PartUpload { Chunk = chunk };
            if (data.Length == 0)
            {
                yield break;
            }
        }
    }

    public static IEnumerable<PartUpload> Part(string requestId, string partNumber, IEnumerable<(string ViewId, int Width, int Height)> views, int seed = 1)
    {
        yield return Header(requestId, partNumber);
        foreach (var (viewId, width, height) in views)
        {
            foreach (var message in View(viewId, Raw16Image(width, height, seed), width, height))
            {
                yield return message;
            }
        }
    }

    public static IEnumerable<PartUpload> GenericPart(string requestId, int size = 256, int seed = 1) =>
        Part(requestId, "generic", [("image", size, size)], seed);

    /// <summary>Sends the messages and returns the verdict; a refusal arrives as <see cref="RpcException"/>.</summary>
    public static async Task<PartVerdict> SendAsync(
        Inspection.InspectionClient client, IEnumerable<PartUpload> messages, Metadata? headers = null, CancellationToken cancellationToken = default)
    {
        using var call = client.InspectPart(headers, cancellationToken: cancellationToken);
        try
        {
            foreach (var message in messages)
            {
                await call.RequestStream.WriteAsync(message, cancellationToken);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        catch (InvalidOperationException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        return await call.ResponseAsync;
    }
}
