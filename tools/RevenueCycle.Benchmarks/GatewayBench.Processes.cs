using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RevenueCycle.BuildingBlocks;
using RevenueCycle.Cluster;
using RevenueCycle.Gateway.Security;
using RevenueCycle.Testing;

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
        var coding = ServiceCatalog.All.Single(s => s.Name == "coding");
        var (codingGrpc, codingHttp) = (FreePort(), FreePort());
        var (gatewayGrpc, gatewayHttp) = (FreePort(), FreePort());
        using var service = Host.Start(coding.HostProject, null, codingGrpc, codingHttp, []);
        using var gateway = Host.Start("RevenueCycle.Gateway", gatewayCore, gatewayGrpc, gatewayHttp,
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
                    cells.Add(Metered(target.Name, m => Grpc(target.Name, target.Grpc, concurrency, duration, m)));
                    cells.Add(Metered(target.Name, m => Wrk(wrk, target.Name, target.Http, concurrency, duration, m)));
                }
            }
        }

        // A cell's median round: each figure on its own, so one stalled round moves none of them.
        var rows = cells.GroupBy(c => (c.Protocol, c.Concurrency, c.Target))
            .Select(g => new Row(g.Key.Protocol, g.Key.Target, g.Key.Concurrency, g.Sum(c => c.Calls), g.Sum(c => c.Errors),
                Median(g.Select(c => c.P50Ms)), Median(g.Select(c => c.P99Ms)), Median(g.Select(c => c.PerSecond)))
            {
                ServiceCpuUs = Median(g.Select(c => c.ServiceCpuUs ?? 0)),
                GatewayCpuUs = g.Key.Target == "direct" ? null : Median(g.Select(c => c.GatewayCpuUs ?? 0)),
            })
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

        // A cell with the CPU time each process spent on its measured run, a call: steadier than the rate on a shared
        // machine (the rate moves with the neighbours' load, the work a call takes much less), and what sizes the pods.
        Row Metered(string target, Func<Action, Row> run)
        {
            var (serviceStart, gatewayStart) = (TimeSpan.Zero, TimeSpan.Zero);
            var row = run(() => (serviceStart, gatewayStart) = (service.Cpu, gateway.Cpu));
            var calls = Math.Max(1, row.Calls + row.Errors);
            return row with
            {
                ServiceCpuUs = Math.Round((service.Cpu - serviceStart).TotalMicroseconds / calls, 1),
                GatewayCpuUs = target == "direct" ? null : Math.Round((gateway.Cpu - gatewayStart).TotalMicroseconds / calls, 1),
            };
        }
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

    /// <summary>A host of the Release build in its own process (the cluster tool's launch), output drained, killed on dispose.</summary>
    private sealed class Host : IDisposable
    {
        private readonly Process _process;

        private Host(Process process) => _process = process;

        /// <summary>The CPU time the process has used (user and system, every thread).</summary>
        public TimeSpan Cpu
        {
            get
            {
                _process.Refresh();
                return _process.TotalProcessorTime;
            }
        }

        public static Host Start(string project, int? core, int grpcPort, int httpPort, IEnumerable<string> settings)
        {
            var start = LocalCluster.Host(SharedData.Repository, "release", project, grpcPort, httpPort, settings, "Warning", core);
            var host = new Host(Process.Start(start) ?? throw new InvalidOperationException($"{project} did not start"));
            host._process.OutputDataReceived += (_, _) => { };
            host._process.ErrorDataReceived += (_, _) => { };
            host._process.BeginOutputReadLine();
            host._process.BeginErrorReadLine();
            try
            {
                LocalCluster.WaitReadyAsync(project, host._process, httpPort, "run it by hand to see why", CancellationToken.None).GetAwaiter().GetResult();
                return host;
            }
            catch
            {
                host.Dispose();
                throw;
            }
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
