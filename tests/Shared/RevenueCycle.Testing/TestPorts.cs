using System.Net;
using System.Net.Sockets;

namespace RevenueCycle.Testing;

public static class TestPorts
{
    /// <summary>A loopback port nobody listens on right now: for a server to start on, or a dead backend to dial.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
