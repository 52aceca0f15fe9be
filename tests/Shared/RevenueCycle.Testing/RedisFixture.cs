using System.Diagnostics;
using StackExchange.Redis;
using Testcontainers.Redis;
using Xunit;

namespace RevenueCycle.Testing;

/// <summary>
/// A real Redis for the tests that talk to one, in this order: <c>REDIS_CONNECTION</c> if set; a Testcontainers
/// Redis when a Docker engine answers; else a <c>redis-server</c> started on a free loopback port in a temp
/// directory. If none is possible the tests fail with the reason — they are never silently skipped.
/// A class fixture (<c>IClassFixture&lt;RedisFixture&gt;</c>, with <see cref="RequiresRedisAttribute"/> on the class),
/// not an assembly one: only classes that talk to Redis start a server, so the rest run on a machine without it,
/// and classes keep running in parallel, each on its own server. Each test asks for its own logical database
/// (<see cref="NewConnectionString"/>), so the tests of a class run without flushing.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private const int Databases = 1000;
    private RedisContainer? _container;
    private Process? _server;
    private string? _directory;
    private string _endpoint = "";
    private int _nextDatabase;

    /// <summary>How the Redis was obtained, for the test log.</summary>
    public string Mode { get; private set; } = "";

    /// <summary>A connection string to a database no other test uses.</summary>
    public string NewConnectionString() => $"{_endpoint},defaultDatabase={Interlocked.Increment(ref _nextDatabase) % Databases}";

    public IConnectionMultiplexer Connect(string connectionString) => ConnectionMultiplexer.Connect(connectionString);

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("REDIS_CONNECTION") is { Length: > 0 } configured)
        {
            _endpoint = configured;
            Mode = "REDIS_CONNECTION";
            return;
        }

        var dockerProblem = await TryContainerAsync();
        if (_container is not null)
        {
            return;
        }

        var serverProblem = "";
        for (var attempt = 0; attempt < 3 && _server is null; attempt++)
        {
            serverProblem = await TryRedisServerAsync(); // another process may take the free port first: try another
        }

        if (_server is not null)
        {
            return;
        }

        throw new InvalidOperationException(
            "Integration tests need Redis and none could be started. " +
            $"Docker: {dockerProblem}. redis-server: {serverProblem}. " +
            "Install it (apt-get install -y redis-server), start a Docker engine, or set REDIS_CONNECTION.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task<string> TryContainerAsync()
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrEmpty(dockerHost) && !File.Exists("/var/run/docker.sock"))
        {
            return "no Docker engine socket";
        }

        try
        {
            var container = new RedisBuilder("redis:7-alpine")
                .WithCommand("--databases", Databases.ToString(System.Globalization.CultureInfo.InvariantCulture), "--appendonly", "yes")
                .Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await container.StartAsync(timeout.Token);
            _container = container;
            _endpoint = container.GetConnectionString();
            Mode = "Testcontainers";
            return "";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    private async Task<string> TryRedisServerAsync()
    {
        var executable = FindOnPath("redis-server");
        if (executable is null)
        {
            return "not on PATH";
        }

        _directory ??= Directory.CreateTempSubdirectory("rcm-redis-").FullName;
        var port = TestPorts.Free();
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                "--dir", _directory, "--databases", Databases.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--appendonly", "yes", "--save", "", "--protected-mode", "yes",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _server = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        _server.OutputDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        _endpoint = $"127.0.0.1:{port}";

        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_server.HasExited)
            {
                var exit = _server.ExitCode;
                _server = null;
                return $"exited with code {exit}";
            }

            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync($"{_endpoint},connectTimeout=500");
                await connection.GetDatabase().PingAsync();
                Mode = $"redis-server on port {port}";
                return "";
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(100);
            }
        }

        _server.Kill();
        _server = null;
        return "did not answer PING within 10 s";
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
