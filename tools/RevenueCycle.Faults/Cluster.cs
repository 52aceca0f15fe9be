using System.Diagnostics;
using System.Net.Sockets;
using RevenueCycle.BuildingBlocks;

namespace RevenueCycle.Faults;

/// <summary>
/// The platform as make run-distributed starts it — Redis with an append-only file, the payer sandbox, every declared
/// service and the gateway, each its own process from the Release build — with a way to SIGKILL any one of them and
/// start it again on the same ports, Redis from its AOF. Ports are the catalog's plus an offset, beside a running
/// make run-distributed.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    public const string ApiKey = "rcm-faults-key";
    private readonly FaultSettings _settings;
    private readonly string _work;
    private readonly int _offset;
    private readonly string _fsync;
    private readonly string _logs;
    private readonly Dictionary<string, (ProcessStartInfo Start, Process Process, int ReadyPort)> _processes = new(StringComparer.Ordinal);

    private Cluster(FaultSettings settings, string work, int offset, string fsync, string logs) => (_settings, _work, _offset, _fsync, _logs) = (settings, work, offset, fsync, logs);

    public Uri Gateway => new($"http://127.0.0.1:{5080 + _offset}");

    /// <summary>What can be killed: every service, then Redis and the gateway.</summary>
    public IReadOnlyList<string> Targets => [.. ServiceCatalog.All.Select(s => s.Name), "redis", "gateway"];

    /// <summary>Starts the cluster; each process's output (warnings and errors) is appended to <paramref name="logs"/>/{name}.log.</summary>
    public static async Task<Cluster> StartAsync(FaultSettings settings, int offset, string fsync, string logs, CancellationToken cancellationToken)
    {
        if (Directory.Exists(logs))
        {
            Directory.Delete(logs, recursive: true); // the last run's
        }

        Directory.CreateDirectory(logs);
        var cluster = new Cluster(settings, Directory.CreateTempSubdirectory("rcm-faults-").FullName, offset, fsync, logs);
        await cluster.StartAllAsync(cancellationToken);
        return cluster;
    }

    private int RedisPort => 6390 + _offset;

    private async Task StartAllAsync(CancellationToken cancellationToken)
    {
        var redisDir = Directory.CreateDirectory(Path.Combine(_work, "redis")).FullName;
        Add("redis", new ProcessStartInfo("redis-server", ["--port", $"{RedisPort}", "--bind", "127.0.0.1", "--dir", redisDir, "--appendonly", "yes", "--appendfsync", _fsync, "--save", ""]), RedisPort);
        await StartAsync("redis", cancellationToken);

        var outbox = Directory.CreateDirectory(Path.Combine(_work, "clearinghouse", "outbox")).FullName;
        var inbox = Directory.CreateDirectory(Path.Combine(_work, "clearinghouse", "inbox")).FullName;
        var sandboxPort = 7191 + _offset;
        Add("sandbox", Dotnet("RevenueCycle.Sandbox.Api", 0, 0, [$"Sandbox__HttpPort={sandboxPort}", $"Sandbox__Inbound={outbox}", $"Sandbox__Outbound={inbox}"]), sandboxPort);
        await StartAsync("sandbox", cancellationToken);

        var subscribers = ServiceCatalog.All.Where(s => s.IsSubscriber).Select((s, i) => $"Messaging__Subscribers__{i}=http://127.0.0.1:{s.LocalHttpPort + _offset}");
        var addresses = ServiceCatalog.All.Select(s => $"{s.AddressKey.Replace(":", "__", StringComparison.Ordinal)}=http://127.0.0.1:{s.LocalGrpcPort + _offset}");
        string[] shared =
        [
            "Storage__Provider=Redis", $"Storage__Redis=127.0.0.1:{RedisPort},abortConnect=false", "Messaging__Transport=Http",
            "Submission__Clearinghouse=Directory", $"Submission__Outbox={outbox}", $"Submission__Inbox={inbox}", "Submission__PollInterval=00:00:02",
            "Eligibility__Exchange=Http", $"Eligibility__Endpoint=http://127.0.0.1:{sandboxPort}/v1/sandbox/eligibility", "Webhooks__AllowHttp=true",
            "Webhooks__RetrySchedule__0=00:00:01", "Webhooks__RetrySchedule__1=00:00:02", "Webhooks__RetrySchedule__2=00:00:05", "Webhooks__RetrySchedule__3=00:00:10",
        ];
        foreach (var service in ServiceCatalog.StartOrder())
        {
            Add(service.Name, Dotnet(service.HostProject, service.LocalGrpcPort + _offset, service.LocalHttpPort + _offset, [.. shared, .. addresses, .. subscribers]), service.LocalHttpPort + _offset);
            await StartAsync(service.Name, cancellationToken);
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ApiKey)));
        Add("gateway", Dotnet("RevenueCycle.Gateway", 5080 + _offset, 5081 + _offset,
            ["Gateway__ApiKeys__0__Name=faults", $"Gateway__ApiKeys__0__Sha256={hash}", "Gateway__ApiKeys__0__Scopes__0=*", "Gateway__RequestsPerSecond=100000", "Gateway__Burst=100000",
             .. ServiceCatalog.All.Select(s => $"Gateway__Services__{s.Name}=http://127.0.0.1:{s.LocalGrpcPort + _offset}")]), 5081 + _offset);
        await StartAsync("gateway", cancellationToken);
    }

    /// <summary>SIGKILL: no shutdown hook runs, whatever was in flight is cut.</summary>
    public void Kill(string name)
    {
        var process = _processes[name].Process;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async Task StartAsync(string name, CancellationToken cancellationToken)
    {
        var (start, _, port) = _processes[name];
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        var log = TextWriter.Synchronized(new StreamWriter(Path.Combine(_logs, name + ".log"), append: true) { AutoFlush = true });
        await log.WriteLineAsync($"--- {name} started {DateTime.UtcNow:O}");
        // Drained into the log, so a chatty process never blocks and a loss can be looked into afterwards.
        _ = DrainAsync(process.StandardOutput, log);
        _ = DrainAsync(process.StandardError, log);
        _processes[name] = (start, process, port);
        await ReadyAsync(name, port, cancellationToken);
    }

    private static async Task DrainAsync(StreamReader output, TextWriter log)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            await log.WriteLineAsync(line);
        }
    }

    private void Add(string name, ProcessStartInfo start, int readyPort)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        _processes[name] = (start, null!, readyPort);
    }

    private ProcessStartInfo Dotnet(string project, int grpcPort, int httpPort, IEnumerable<string> environment)
    {
        var dll = Path.Combine(_settings.Root, "artifacts", "bin", project, _settings.Configuration, project + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution ({_settings.Configuration}) first; make faults does.");
        }

        var start = new ProcessStartInfo("dotnet", [dll]) { WorkingDirectory = _settings.Root };
        foreach (var entry in environment.Concat(["Hosting__BindAddress=127.0.0.1", $"Hosting__GrpcPort={grpcPort}", $"Hosting__HttpPort={httpPort}", "Logging__Simple=true", "Logging__LogLevel__Default=Warning"]))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            start.Environment[entry[..equals]] = entry[(equals + 1)..];
        }

        return start;
    }

    /// <summary>Redis answers PING; a host answers /health/ready (the gateway its own, the sandbox its port).</summary>
    private static async Task ReadyAsync(string name, int port, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if (name == "redis")
                {
                    using var tcp = new TcpClient();
                    await tcp.ConnectAsync("127.0.0.1", port, cancellationToken);
                    var stream = tcp.GetStream();
                    await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
                    var buffer = new byte[16];
                    if (await stream.ReadAsync(buffer, cancellationToken) > 0 && buffer[0] == (byte)'+')
                    {
                        return;
                    }
                }
                else if ((await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"), cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException or IOException)
            {
                // not up yet
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"{name} was not ready on port {port} within a minute.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, process, _) in _processes.Values.Where(p => p.Process is not null).Reverse())
        {
            try
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }

        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open; the temp directory is the system's to clear
        }
    }
}
