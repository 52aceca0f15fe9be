namespace RevenueCycle.ServiceDefaults.Hosting;

/// <summary>Configuration section <c>Hosting</c>: the two Kestrel listeners every host has.</summary>
public sealed class HostingOptions
{
    /// <summary>Cleartext HTTP/2 (h2c) for gRPC and JSON transcoding over HTTP/2.</summary>
    public int GrpcPort { get; set; } = 8080;

    /// <summary>HTTP/1.1 for Kubernetes probes, JSON calls and the Dapr app channel.</summary>
    public int HttpPort { get; set; } = 8081;

    /// <summary>Address to listen on: <c>0.0.0.0</c> in a container, <c>127.0.0.1</c> for a local run.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";
}

/// <summary>
/// The two listeners as Kestrel bound them. With port 0 Kestrel picks free ports; reading them after start
/// (instead of reserving ports beforehand) leaves no window for another process to take them.
/// </summary>
public sealed class BoundEndpoints
{
    internal Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions? Grpc { get; set; }

    internal Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions? Http { get; set; }

    public int GrpcPort => Grpc?.IPEndPoint?.Port ?? throw new InvalidOperationException("The host has not started.");

    public int HttpPort => Http?.IPEndPoint?.Port ?? throw new InvalidOperationException("The host has not started.");
}
