using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RevenueCycle.BuildingBlocks;
using RevenueCycle.Gateway.Security;

namespace RevenueCycle.Benchmarks;

/// <summary>
/// The gateway as deployed: coding and the gateway each in their own process from the Release build (the gateway's
/// own host, Program.cs and all), not in the bench's process. Started under <c>taskset -c 0</c> with
/// <c>--gateway-core 1</c>, the gateway gets a core of its own (its pod's CPU) while the service, the client and wrk
/// share the other; without, every process shares the machine's cores. Each process sees the cores it may use, as a
/// pod sees its CPU limit. The JIT takes 10-15 s of load to reach its steady code on one core (the gateway ran at half
/// its rate before), so every target gets a long warm-up, and the cells run in rounds, direct and gateway alternated,
/// so drift on a shared machine falls on both; the median round is reported.
/// </summary>
public static partial class GatewayBench
{
    public static object RunProcesses(TimeSpan duration, int rounds, int? gatewayCore)
    {
        var root = FindRoot();
        var coding = ServiceCatalog.All.Single(s => s.Name == "coding");
        var (codingGrpc, codingHttp) = (FreePort(), FreePort());
        var (gatewayGrpc, gatewayHttp) = (FreePort(), FreePort());
        using var service = Host.Start(root, coding.HostProject, null, codingGrpc, codingHttp, []);
        using var gateway = Host.Start(root, "RevenueCycle.Gateway", gatewayCore, gatewayGrpc, gatewayHttp,
        [
            "Gateway__RequestsPerSecond=1000000", "Gateway__Burst=1000000", "Gateway__ApiKeys__0__Name=bench",
            $"Gateway__ApiKeys__0__Sha256={ApiKeyAuthenticator.Hash(Key)}", "Gateway__ApiKeys__0__Scopes__0=*",
            $"Gateway__Services__coding=http://127.0.0.1:{codingGrpc}",
        ]);
        var targets = new (string Name, Uri Grpc, Uri Http)[]
        {
            ("direct", new Uri($"http://127.0.0.1:{codingGrpc}"), new Uri($"http://127.0.0.1:{codingHttp}")),
            ("gateway", new Uri($"http://127.0.0.1:{gatewayGrpc}"), new Uri($"http://127.0.0.1:{gatewayHttp}")),
        };
        var wrk = FindWrk() ?? throw new InvalidOperationException("wrk is not installed: tools/prerequisites.sh wrk (make bench-gateway does it).");
        for (var i = 0; i < 3; i++)
        {
            foreach (var target in targets)
            {
                Grpc(target.Name, target.Grpc, 16, TimeSpan.FromSeconds(3));
                Wrk(wrk, target.Name, target.Http, 16, TimeSpan.FromSeconds(3));
            }
        }

        var cells = new List<Row>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var concurrency in new[] { 1, 16 })
            {
                foreach (var target in targets)
                {
                    cells.Add(Grpc(target.Name, target.Grpc, concurrency, duration));
                    cells.Add(Wrk(wrk, target.Name, target.Http, concurrency, duration));
                }
            }
        }

        // A cell's median round: each figure on its own, so one stalled round moves none of them.
        var rows = cells.GroupBy(c => (c.Protocol, c.Concurrency, c.Target))
            .Select(g => new Row(g.Key.Protocol, g.Key.Target, g.Key.Concurrency, g.Sum(c => c.Calls), g.Sum(c => c.Errors),
                Median(g.Select(c => c.P50Ms)), Median(g.Select(c => c.P99Ms)), Median(g.Select(c => c.PerSecond))))
            .OrderBy(r => r.Concurrency).ThenBy(r => r.Protocol, StringComparer.Ordinal).ToList();
        var layout = gatewayCore is { } core ? $"gateway on core {core}, coding + client + wrk on the bench's cores" : "own processes, shared cores";
        Console.WriteLine($"Layout: {layout}; {Environment.ProcessorCount} core(s) for the bench; median of {rounds} rounds of {duration.TotalSeconds:F0} s a cell.");
        PrintTable(rows);
        return new
        {
            layout,
            rpc = "coding ListCodeSets (gRPC) / GET " + JsonPath + " (JSON)",
            seconds_per_cell = duration.TotalSeconds,
            rounds,
            bench_cores = Environment.ProcessorCount,
            rows = rows.Select(r => r.WithAdded(rows.First(d => d.Protocol == r.Protocol && d.Concurrency == r.Concurrency && d.Target == "direct"))),
        };
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : Math.Round((sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2, 3);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RevenueCycle.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("RevenueCycle.sln not found above the bench");
    }

    /// <summary>A host of the Release build in its own process, logs at warnings (drained), killed on dispose.</summary>
    private sealed class Host : IDisposable
    {
        private readonly Process _process;

        private Host(Process process) => _process = process;

        public static Host Start(string root, string project, int? core, int grpcPort, int httpPort, IEnumerable<string> settings)
        {
            var dll = Path.Combine(root, "artifacts", "bin", project, "release", project + ".dll");
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"{dll} is missing: make build (or make bench-gateway) builds it.");
            }

            var start = core is { } c ? new ProcessStartInfo("taskset", ["-c", $"{c}", "dotnet", dll]) : new ProcessStartInfo("dotnet", [dll]);
            start.RedirectStandardOutput = start.RedirectStandardError = true;
            foreach (var entry in settings.Concat(["Hosting__BindAddress=127.0.0.1", $"Hosting__GrpcPort={grpcPort}", $"Hosting__HttpPort={httpPort}",
                "Logging__Simple=true", "Logging__LogLevel__Default=Warning"]))
            {
                var equals = entry.IndexOf('=', StringComparison.Ordinal);
                start.Environment[entry[..equals]] = entry[(equals + 1)..];
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException($"{project} did not start");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var host = new Host(process);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{project} exited with {process.ExitCode} before it was ready");
                }

                try
                {
                    if (http.GetAsync($"http://127.0.0.1:{httpPort}/health/ready").GetAwaiter().GetResult().IsSuccessStatusCode)
                    {
                        return host;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // not listening yet
                }

                Thread.Sleep(200);
            }

            host.Dispose();
            throw new TimeoutException($"{project} was not ready within 60 s");
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }
    }
}
