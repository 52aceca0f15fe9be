using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Gateway;
using RevenueCycle.Gateway.Middleware;
using RevenueCycle.Gateway.Routing;
using RevenueCycle.Gateway.Security;
using RevenueCycle.ServiceDefaults.Hosting;

namespace RevenueCycle.Benchmarks;

/// <summary>
/// What the gateway adds to one call: coding's ListCodeSets (a read of the code sets in memory, so the service does
/// almost nothing and the gateway's share shows) called directly and through the gateway of the single-process
/// platform, over gRPC (this process, N concurrent loops on one channel) and JSON (<c>GET /v1/coding/code-sets</c>,
/// wrk from Debian in its own process: an established load tool for HTTP/1.1), at 1 and 16 at once, in one run.
/// Three stripped proxies run beside the real gateway on the same routes to split its time: YARP alone (no middleware,
/// telemetry or logging), YARP with the gateway's three middlewares (correlation id, access log, admission), and those
/// plus the gateway's OpenTelemetry tracing and metrics; the gateway itself adds its log providers and own endpoints.
/// </summary>
public static partial class GatewayBench
{
    private const string Key = "gateway-bench-key";
    private const string JsonPath = "/v1/coding/code-sets";

    public static object Run(TimeSpan duration)
    {
        var host = BenchPlatform.Start(Key);
        var proxyOptions = new GatewayOptions
        {
            RequestsPerSecond = 1_000_000,
            Burst = 1_000_000,
            ApiKeys = [new ApiKeyOptions { Name = "bench", Sha256 = ApiKeyAuthenticator.Hash(Key), Scopes = ["*"] }],
        };
        foreach (var (name, address) in host.Services)
        {
            proxyOptions.Services[name] = address.ToString().TrimEnd('/');
        }

        var bare = Proxy.StartAsync(proxyOptions, middleware: false, tracing: false).GetAwaiter().GetResult();
        var withMiddleware = Proxy.StartAsync(proxyOptions, middleware: true, tracing: false).GetAwaiter().GetResult();
        var withTracing = Proxy.StartAsync(proxyOptions, middleware: true, tracing: true).GetAwaiter().GetResult();
        try
        {
            var codingHttp = host.ServiceProviders["coding"].GetRequiredService<BoundEndpoints>().HttpPort;
            var targets = new (string Name, Uri Grpc, Uri Http)[]
            {
                ("direct", host.Services["coding"], new Uri($"http://127.0.0.1:{codingHttp}")),
                ("YARP alone", bare.Grpc, bare.Http),
                ("YARP + middleware", withMiddleware.Grpc, withMiddleware.Http),
                ("YARP + middleware + OTel", withTracing.Grpc, withTracing.Http),
                ("gateway", host.GatewayGrpc, host.GatewayHttp),
            };
            var wrk = FindWrk();
            // Every target warmed up first (connections, JIT, tiered compilation), so the first one measured is not the coldest.
            foreach (var target in targets)
            {
                Grpc(target.Name, target.Grpc, 16, TimeSpan.FromSeconds(1));
                _ = wrk is null ? Json(target.Name, target.Http, 16, TimeSpan.FromSeconds(1)) : Wrk(wrk, target.Name, target.Http, 16, TimeSpan.FromSeconds(1));
            }

            var rows = new List<Row>();
            foreach (var concurrency in new[] { 1, 16 })
            {
                foreach (var target in targets)
                {
                    rows.Add(Grpc(target.Name, target.Grpc, concurrency, duration));
                }

                foreach (var target in targets)
                {
                    rows.Add(wrk is null ? Json(target.Name, target.Http, concurrency, duration) : Wrk(wrk, target.Name, target.Http, concurrency, duration));
                }
            }

            PrintTable(rows);
            return new
            {
                rpc = "coding ListCodeSets (gRPC) / GET " + JsonPath + " (JSON)",
                seconds_per_cell = duration.TotalSeconds,
                json_load_tool = wrk is null ? "HttpClient loop (wrk not installed)" : "wrk",
                cores = Environment.ProcessorCount,
                rows = rows.Select(r => r.WithAdded(rows.First(d => d.Protocol == r.Protocol && d.Concurrency == r.Concurrency && d.Target == "direct"))),
            };
        }
        finally
        {
            withTracing.App.DisposeAsync().AsTask().GetAwaiter().GetResult();
            withMiddleware.App.DisposeAsync().AsTask().GetAwaiter().GetResult();
            bare.App.DisposeAsync().AsTask().GetAwaiter().GetResult();
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public sealed record Row(string Protocol, string Target, int Concurrency, long Calls, long Errors, double P50Ms, double P99Ms, double PerSecond)
    {
        /// <summary>CPU the service's process spent a call in the measured run (the processes layouts only).</summary>
        public double? ServiceCpuUs { get; init; }

        /// <summary>CPU the gateway's process spent a call in the measured run (through the gateway, processes layouts only).</summary>
        public double? GatewayCpuUs { get; init; }

        public object WithAdded(Row direct) => new
        {
            protocol = Protocol,
            target = Target,
            concurrency = Concurrency,
            calls = Calls,
            errors = Errors,
            p50_ms = P50Ms,
            p99_ms = P99Ms,
            calls_per_second = Math.Round(PerSecond),
            added_p50_ms = Math.Round(P50Ms - direct.P50Ms, 3),
            added_p99_ms = Math.Round(P99Ms - direct.P99Ms, 3),
            throughput_vs_direct = Math.Round(PerSecond / direct.PerSecond, 2),
            service_cpu_us_per_call = ServiceCpuUs,
            gateway_cpu_us_per_call = GatewayCpuUs,
        };
    }

    /// <summary>ListCodeSets in <paramref name="concurrency"/> loops on one channel (HTTP/2 multiplexed), after a second's warm-up.</summary>
    private static Row Grpc(string target, Uri address, int concurrency, TimeSpan duration, Action? measuring = null)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var client = new CodingService.CodingServiceClient(channel);
        var headers = target == "direct" ? new Metadata() : new Metadata { { ApiKeyMiddleware.ApiKeyHeader, Key } };
        var request = new ListCodeSetsRequest();
        RunLoops(TimeSpan.FromSeconds(1));
        GC.Collect();
        measuring?.Invoke();
        var (times, errors, seconds) = RunLoops(duration);
        return Summarise("gRPC", target, concurrency, times, errors, seconds);

        (List<double> Times, long Errors, double Seconds) RunLoops(TimeSpan length)
        {
            var all = new List<double>[concurrency];
            long failed = 0;
            var clock = Stopwatch.StartNew();
            var loops = Enumerable.Range(0, concurrency).Select(c => Task.Run(async () =>
            {
                var times = all[c] = new List<double>(200_000);
                while (clock.Elapsed < length)
                {
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        await client.ListCodeSetsAsync(request, headers);
                        times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                    catch (RpcException)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
            })).ToArray();
            Task.WaitAll(loops);
            return ([.. all.SelectMany(t => t)], failed, clock.Elapsed.TotalSeconds);
        }
    }

    /// <summary>The JSON peer without wrk: HttpClient loops (HTTP/1.1, a connection each), in this process.</summary>
    private static Row Json(string target, Uri address, int concurrency, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = address };
        http.DefaultRequestHeaders.Add(ApiKeyMiddleware.ApiKeyHeader, Key);
        var all = new List<double>[concurrency];
        long failed = 0;
        var clock = Stopwatch.StartNew();
        Task.WaitAll(Enumerable.Range(0, concurrency).Select(c => Task.Run(async () =>
        {
            var times = all[c] = new List<double>(200_000);
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(JsonPath);
                await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToArray());
        return Summarise("JSON", target, concurrency, [.. all.SelectMany(t => t)], failed, clock.Elapsed.TotalSeconds);
    }

    private static Row Summarise(string protocol, string target, int concurrency, List<double> times, long errors, double seconds)
    {
        times.Sort();
        return new Row(protocol, target, concurrency, times.Count, errors, Math.Round(times[times.Count / 2], 3),
            Math.Round(times[(int)(times.Count * 0.99)], 3), times.Count / seconds);
    }

    /// <summary>wrk in its own process (a thread per 8 connections), its latency distribution and rate read from its report.</summary>
    private static Row Wrk(string wrk, string target, Uri address, int concurrency, TimeSpan duration, Action? measuring = null)
    {
        var url = new Uri(address, JsonPath).ToString();
        RunWrk(wrk, url, concurrency, TimeSpan.FromSeconds(1)); // warm-up: connections, JIT, tiering
        measuring?.Invoke();
        var report = RunWrk(wrk, url, concurrency, duration);
        double Percentile(string p) => WrkTime(Regex.Match(report, $@"^\s*{p}%\s+([0-9.]+)(us|ms|s)\s*$", RegexOptions.Multiline));
        var calls = long.Parse(Regex.Match(report, @"(\d+) requests in").Groups[1].Value, CultureInfo.InvariantCulture);
        var errors = Regex.Match(report, @"Non-2xx or 3xx responses: (\d+)") is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        errors += Regex.Matches(report, @"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)").SelectMany(m => m.Groups.Values.Skip(1))
            .Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture));
        var perSecond = double.Parse(Regex.Match(report, @"Requests/sec:\s+([0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        return new Row("JSON", target, concurrency, calls, errors, Math.Round(Percentile("50"), 3), Math.Round(Percentile("99"), 3), perSecond);
    }

    private static string RunWrk(string wrk, string url, int concurrency, TimeSpan duration)
    {
        var threads = Math.Max(1, Math.Min(2, concurrency / 8));
        var start = new ProcessStartInfo(wrk, [$"-t{threads}", $"-c{concurrency}", $"-d{(int)duration.TotalSeconds}s", "--latency", "-H", $"{ApiKeyMiddleware.ApiKeyHeader}: {Key}", url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"wrk failed: {process.StandardError.ReadToEnd()}{output}");
    }

    private static double WrkTime(Match match) => match.Success
        ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * match.Groups[2].Value switch { "us" => 0.001, "ms" => 1, _ => 1000 }
        : throw new InvalidOperationException("wrk's report has no latency distribution");

    private static string? FindWrk() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "wrk")).FirstOrDefault(File.Exists);

    private static void PrintTable(List<Row> rows)
    {
        var cpu = rows.Any(r => r.ServiceCpuUs is not null);
        Console.WriteLine($"| protocol | target | at once | p50 ms | p99 ms | calls/s | added p50 ms | added p99 ms | x direct |{(cpu ? " service CPU us/call | gateway CPU us/call |" : "")}");
        Console.WriteLine($"| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |{(cpu ? " ---: | ---: |" : "")}");
        foreach (var r in rows)
        {
            var d = rows.First(x => x.Protocol == r.Protocol && x.Concurrency == r.Concurrency && x.Target == "direct");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Protocol} | {r.Target} | {r.Concurrency} | {r.P50Ms:F3} | {r.P99Ms:F3} | {r.PerSecond:F0} | {r.P50Ms - d.P50Ms:F3} | {r.P99Ms - d.P99Ms:F3} | {r.PerSecond / d.PerSecond:F2} |{(cpu ? $" {r.ServiceCpuUs:F0} | {r.GatewayCpuUs:F0} |" : "")}{(r.Errors > 0 ? $" {r.Errors} errors" : "")}"));
        }

        Console.WriteLine();
    }

    /// <summary>
    /// A proxy on the gateway's own route table and clusters, in this process on loopback: YARP alone, or YARP with the
    /// gateway's three middlewares, and optionally its OpenTelemetry, but never its log providers.
    /// </summary>
    private sealed record Proxy(WebApplication App, Uri Grpc, Uri Http)
    {
        public static async Task<Proxy> StartAsync(GatewayOptions options, bool middleware, bool tracing)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
            builder.Logging.ClearProviders();
            ListenOptions? grpc = null, http = null;
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen => (listen.Protocols, grpc) = (HttpProtocols.Http2, listen));
                kestrel.Listen(IPAddress.Loopback, 0, listen => (listen.Protocols, http) = (HttpProtocols.Http1, listen));
                kestrel.AddServerHeader = false;
            });
            builder.Services.AddReverseProxy().LoadFromMemory(GatewayRoutes.Routes(options), GatewayRoutes.Clusters(options));
            if (middleware)
            {
                builder.Services.AddSingleton(options);
                builder.Services.AddSingleton<ApiKeyAuthenticator>();
                builder.Services.TryAddSingleton(TimeProvider.System);
                builder.Services.AddSingleton<RateLimitLog>();
            }

            if (tracing)
            {
                // The gateway's telemetry as GatewayExtensions.AddGateway sets it up, without an exporter (as in the platform).
                builder.Services.AddOpenTelemetry()
                    .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.EnrichWithHttpRequest = (activity, request) =>
                    {
                        activity.SetTag("url.query", null);
                        activity.SetTag("url.path", AccessLogMiddleware.SafePath(request.Path));
                        activity.DisplayName = $"{request.Method} {AccessLogMiddleware.SafePath(request.Path)}";
                    }).AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, _) => activity.SetTag("url.full", null)))
                    .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
            }

            var app = builder.Build();
            if (middleware)
            {
                app.UseMiddleware<CorrelationIdMiddleware>();
                app.UseMiddleware<AccessLogMiddleware>();
                app.UseMiddleware<ApiKeyMiddleware>();
            }

            app.MapReverseProxy();
            await app.StartAsync();
            return new Proxy(app, new Uri($"http://127.0.0.1:{grpc!.IPEndPoint!.Port}"), new Uri($"http://127.0.0.1:{http!.IPEndPoint!.Port}"));
        }
    }
}
