using CastInspect.Contracts.V1;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace CastInspect.Server.Tests.Grpc;

public sealed class OperationsTests : IAsyncLifetime
{
    private ServiceHost _host = null!;

    public async Task InitializeAsync() => _host = await ServiceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Health_Check_Serving()
    {
        var health = new Health.HealthClient(_host.Channel);

        var reply = await health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Reflection_ListServices_IncludesInspection()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_host.Channel);
        using var call = reflection.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains("castinspect.v1.Inspection", call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Fact]
    public async Task Metrics_AfterAnInspection_ReportsVerdictCountsStagesAndInFlight()
    {
        var verdict = await Uploads.SendAsync(_host.Client, Uploads.GenericPart("req-metrics", size: 64));
        using var http = new HttpClient();

        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{_host.HttpPort}/metrics"));

        Assert.Contains($"castinspect_inspections_total{{verdict=\"{verdict.Verdict.ToString().ToUpperInvariant()}\"}}", text, StringComparison.Ordinal);
        Assert.Contains("castinspect_stage_duration_seconds_bucket{stage=\"inspect\"", text, StringComparison.Ordinal);
        Assert.Contains("castinspect_inference_duration_seconds_count", text, StringComparison.Ordinal);
        Assert.Contains("castinspect_uploads_in_flight ", text, StringComparison.Ordinal);
    }
}
