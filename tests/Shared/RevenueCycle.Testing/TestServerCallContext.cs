using Grpc.Core;

namespace RevenueCycle.Testing;

/// <summary>A <see cref="ServerCallContext"/> for calling gRPC service classes directly in unit tests (grpc-dotnet Tester idiom).</summary>
public sealed class TestServerCallContext(Metadata? requestHeaders = null, CancellationToken cancellationToken = default, string method = "test") : ServerCallContext
{
    private readonly Metadata _responseTrailers = [];
    private readonly Dictionary<object, object> _userState = [];

    public static TestServerCallContext Create(params (string Key, string Value)[] headers)
    {
        var metadata = new Metadata();
        foreach (var (key, value) in headers)
        {
            metadata.Add(key, value);
        }

        return new TestServerCallContext(metadata);
    }

    protected override string MethodCore => method;
    protected override string HostCore => "localhost";
    protected override string PeerCore => "ipv4:127.0.0.1:0";
    protected override DateTime DeadlineCore => DateTime.MaxValue;
    protected override Metadata RequestHeadersCore => requestHeaders ?? [];
    protected override CancellationToken CancellationTokenCore => cancellationToken;
    protected override Metadata ResponseTrailersCore => _responseTrailers;
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore => new(null, []);
    protected override IDictionary<object, object> UserStateCore => _userState;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
