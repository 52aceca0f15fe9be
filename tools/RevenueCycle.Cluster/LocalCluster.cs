using System.Diagnostics;
using System.Net.Sockets;
using RevenueCycle.BuildingBlocks;

namespace RevenueCycle.Cluster;

/// <summary>
/// How a <see cref="LocalCluster"/> runs: which build of the hosts, the catalog's ports plus an offset, Redis's
/// appendfsync, where each process's output goes, the API key the gateway takes, how often submission polls the
/// clearinghouse drop, the services' log level, and any further settings every service gets.
/// </summary>
public sealed record ClusterOptions(string Root, string Logs)
{
    public string Configuration { get; init; } = "release";

    public int PortOffset { get; init; }

    public string Fsync { get; init; } = "everysec";

    public string ApiKeyName { get; init; } = "local-demo";

    public string ApiKey { get; init; } = "rcm-local-demo-key";

    public TimeSpan ClearinghousePoll { get; init; } = TimeSpan.FromSeconds(5);

    public string LogLevel { get; init; } = "Information";

    public IReadOnlyList<string> Settings { get; init; } = [];
}

/// <summary>
/// The platform as separate processes — Redis with an append-only file, the payer sandbox, every declared service
/// (in the catalog's start order, each told where the services it calls are and the subscribers where to deliver
/// events) and the gateway — from one build: make run-distributed, and the fault suite, which SIGKILLs any one of
/// them and starts it again on the same ports, Redis from its AOF.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly ClusterOptions _options;
    private readonly string _work;
    private readonly Dictionary<string, (ProcessStartInfo Start, Process Process, int ReadyPort)> _processes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TextWriter> _logs = new(StringComparer.Ordinal);

    private LocalCluster(ClusterOptions options, string work) => (_options, _work) = (options, work);

    private int Offset => _options.PortOffset;

    public Uri Gateway => new($"http://127.0.0.1:{5080 + Offset}");

    public Uri GatewayJson => new($"http://127.0.0.1:{5081 + Offset}");

    public int RedisPort => 6390 + Offset;

    public int SandboxPort => 7191 + Offset;

    public string Clearinghouse => Path.Combine(_work, "clearinghouse");

    /// <summary>What can be killed: every service, then Redis and the gateway.</summary>
    public static IReadOnlyList<string> Targets => [.. ServiceCatalog.All.Select(s => s.Name), "redis", "gateway"];

    /// <summary>Starts every process and waits until each is ready; each one's output is appended to Logs/{name}.log.</summary>
    public static async Task<LocalCluster> StartAsync(ClusterOptions options, CancellationToken cancellationToken)
    {
        if (Directory.Exists(options.Logs))
        {
            Directory.Delete(options.Logs, recursive: true); // the last run's
        }

        Directory.CreateDirectory(options.Logs);
        var cluster = new LocalCluster(options, Directory.CreateTempSubdirectory("rcm-cluster-").FullName);
        try
        {
            await cluster.StartAllAsync(cancellationToken);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    private async Task StartAllAsync(CancellationToken cancellationToken)
    {
        var redisDir = Directory.CreateDirectory(Path.Combine(_work, "redis")).FullName;
        Add("redis", new ProcessStartInfo("redis-server", ["--port", $"{RedisPort}", "--bind", "127.0.0.1", "--dir", redisDir, "--appendonly", "yes", "--appendfsync", _options.Fsync, "--save", ""]), RedisPort);
        await StartAsync("redis", cancellationToken);

        // Submission talks to the payer sandbox through a directory drop, the pattern of SFTP clearinghouses;
        // eligibility asks it in real time over HTTP (CAQH CORE HTTP+MIME), the pattern of clearinghouses' 270/271 APIs.
        var outbox = Directory.CreateDirectory(Path.Combine(Clearinghouse, "outbox")).FullName;
        var inbox = Directory.CreateDirectory(Path.Combine(Clearinghouse, "inbox")).FullName;
        Add("sandbox", Dotnet("RevenueCycle.Sandbox.Api", 0, 0, [$"Sandbox__HttpPort={SandboxPort}", $"Sandbox__Inbound={outbox}", $"Sandbox__Outbound={inbox}"]), SandboxPort);
        await StartAsync("sandbox", cancellationToken);

        // Every publisher asks each subscriber for its subscriptions at /dapr/subscribe (events delivered the way
        // daprd would, without a sidecar); every service is told where the others are, as the chart does.
        var subscribers = ServiceCatalog.All.Where(s => s.IsSubscriber).Select((s, i) => $"Messaging__Subscribers__{i}=http://127.0.0.1:{s.LocalHttpPort + Offset}");
        var addresses = ServiceCatalog.All.Select(s => $"{s.AddressKey.Replace(":", "__", StringComparison.Ordinal)}=http://127.0.0.1:{s.LocalGrpcPort + Offset}");
        string[] shared =
        [
            "Storage__Provider=Redis", $"Storage__Redis=127.0.0.1:{RedisPort},abortConnect=false", "Messaging__Transport=Http",
            "Submission__Clearinghouse=Directory", $"Submission__Outbox={outbox}", $"Submission__Inbox={inbox}", $"Submission__PollInterval={_options.ClearinghousePoll:c}",
            "Eligibility__Exchange=Http", $"Eligibility__Endpoint=http://127.0.0.1:{SandboxPort}/v1/sandbox/eligibility", "Webhooks__AllowHttp=true",
        ];
        foreach (var service in ServiceCatalog.StartOrder())
        {
            Add(service.Name, Dotnet(service.HostProject, service.LocalGrpcPort + Offset, service.LocalHttpPort + Offset, [.. shared, .. addresses, .. subscribers, .. _options.Settings]),
                service.LocalHttpPort + Offset);
            await StartAsync(service.Name, cancellationToken);
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(_options.ApiKey)));
        Add("gateway", Dotnet("RevenueCycle.Gateway", Gateway.Port, GatewayJson.Port,
            [$"Gateway__ApiKeys__0__Name={_options.ApiKeyName}", $"Gateway__ApiKeys__0__Sha256={hash}", "Gateway__ApiKeys__0__Scopes__0=*", "Gateway__ApiKeys__0__Scopes__1=audit",
             .. ServiceCatalog.All.Select(s => $"Gateway__Services__{s.Name}=http://127.0.0.1:{s.LocalGrpcPort + Offset}")]), GatewayJson.Port);
        await StartAsync("gateway", cancellationToken);
    }

    /// <summary>SIGKILL: no shutdown hook runs, whatever was in flight is cut.</summary>
    public void Kill(string name)
    {
        using var process = _processes[name].Process;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async Task StartAsync(string name, CancellationToken cancellationToken)
    {
        var (start, _, port) = _processes[name];
        if (await AnswersAsync(port, cancellationToken))
        {
            // Something else holds the port (make run, an earlier run still up): its answers would pass for ours.
            throw new InvalidOperationException($"Port {port} for {name} is already in use; stop what holds it (make run, make run-distributed, an earlier run) and start again.");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        if (!_logs.TryGetValue(name, out var log))
        {
            _logs[name] = log = TextWriter.Synchronized(new StreamWriter(Path.Combine(_options.Logs, name + ".log"), append: true) { AutoFlush = true });
        }

        await log.WriteLineAsync($"--- {name} started {DateTime.UtcNow:O}");
        // Drained into the log, so a chatty process never blocks and a loss can be looked into afterwards.
        _ = DrainAsync(process.StandardOutput, log);
        _ = DrainAsync(process.StandardError, log);
        _processes[name] = (start, process, port);
        await ReadyAsync(name, process, port, cancellationToken);
    }

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync("127.0.0.1", port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
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

    private ProcessStartInfo Dotnet(string project, int grpcPort, int httpPort, IEnumerable<string> environment) =>
        Host(_options.Root, _options.Configuration, project, grpcPort, httpPort, environment, _options.LogLevel);

    /// <summary>
    /// One host of the build (<c>artifacts/bin/{project}/{configuration}</c>) on loopback at these ports, with these
    /// settings (<c>Key=Value</c>, as environment variables) and plain one-line logs at <paramref name="logLevel"/>;
    /// on <paramref name="core"/> alone when given (taskset), as a pod with a 1-CPU limit. Output is redirected.
    /// </summary>
    public static ProcessStartInfo Host(
        string root, string configuration, string project, int grpcPort, int httpPort, IEnumerable<string> settings, string logLevel, int? core = null)
    {
        var dll = Path.Combine(root, "artifacts", "bin", project, configuration, project + ".dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build the solution ({configuration}) first; make build does.");
        }

        var start = core is { } c ? new ProcessStartInfo("taskset", ["-c", $"{c}", "dotnet", dll]) : new ProcessStartInfo("dotnet", [dll]);
        start.WorkingDirectory = root;
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        foreach (var entry in settings.Concat(["Hosting__BindAddress=127.0.0.1", $"Hosting__GrpcPort={grpcPort}", $"Hosting__HttpPort={httpPort}", "Logging__Simple=true",
            $"Logging__LogLevel__Default={logLevel}"]))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            start.Environment[entry[..equals]] = entry[(equals + 1)..];
        }

        return start;
    }

    /// <summary>Redis answers PING; a host answers /health/ready (the gateway its own, the sandbox its port).</summary>
    private Task ReadyAsync(string name, Process process, int port, CancellationToken cancellationToken) =>
        WaitReadyAsync(name, process, port, $"see {Path.Combine(_options.Logs, name + ".log")}", cancellationToken);

    /// <summary>Waits (a minute at most) until the process answers on its port: Redis PING, a host /health/ready.</summary>
    public static async Task WaitReadyAsync(string name, Process process, int port, string whereToLook, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with code {process.ExitCode} before it was ready; {whereToLook}.");
            }

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

            process.Dispose();
        }

        foreach (var log in _logs.Values)
        {
            await log.DisposeAsync();
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
