using Grpc.Core;
using Grpc.Core.Interceptors;

namespace CastInspect.Server.Security;

/// <summary>Rejects gRPC calls without a known station API key (when keys are configured); health checks stay open.</summary>
internal sealed class StationKeyInterceptor(StationAuthenticator authenticator) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authenticate(ServerCallContext context)
    {
        if (!authenticator.KeysRequired || context.Method.StartsWith("/grpc.health.v1.", StringComparison.Ordinal))
        {
            return;
        }

        var key = context.RequestHeaders.GetValue(SecurityOptions.ApiKeyHeader);
        if (authenticator.StationFor(key) is null)
        {
            throw new RpcException(new Status(
                StatusCode.Unauthenticated,
                key is null
                    ? $"this service requires a station API key in the '{SecurityOptions.ApiKeyHeader}' header"
                    : $"the API key in '{SecurityOptions.ApiKeyHeader}' is not one of the configured station keys"));
        }
    }
}
