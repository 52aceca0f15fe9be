using System.Globalization;
using System.Runtime.InteropServices;
using RevenueCycle.Cluster;

// run                          make run-distributed: the platform as separate processes until Ctrl+C.
// faults [ENCOUNTERS] [SEED] [FSYNC...]   make faults: a batch run quietly, then under SIGKILLs, reconciled.
var root = Directory.GetCurrentDirectory();
// Ctrl+C or SIGTERM: every process this started is stopped before exit, none left behind.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
switch (args.FirstOrDefault())
{
    case "run":
        return await RunAsync();
    case "faults":
        return await FaultsAsync(args[1..]);
    default:
        Console.Error.WriteLine("usage: RevenueCycle.Cluster run | faults [ENCOUNTERS] [SEED] [FSYNC...]");
        return 2;
}

async Task<int> RunAsync()
{
    var key = Environment.GetEnvironmentVariable("RCM_API_KEY") is { Length: > 0 } k ? k : "rcm-local-demo-key";
    var logs = Directory.CreateTempSubdirectory("rcm-distributed-").FullName;
    Console.WriteLine("Starting Redis, the payer sandbox, every service and the gateway ...");
    await using var cluster = await LocalCluster.StartAsync(new ClusterOptions(root, logs) { ApiKey = key }, stop.Token);
    Console.WriteLine($"""

        RevenueCycle is running distributed: {RevenueCycle.BuildingBlocks.ServiceCatalog.All.Count} service processes, the gateway and the payer sandbox (answering the
        837s submission drops in {cluster.Clearinghouse} and eligibility's 270s on port {cluster.SandboxPort}), state in Redis on port {cluster.RedisPort}.

          Gateway, gRPC (h2c):  {cluster.Gateway}
          Gateway, JSON:        {cluster.GatewayJson}
          Demo API key:         {key}
          Logs:                 {logs}

        Try: ./rcm health
        Ctrl+C stops everything.
        """);
    try
    {
        await Task.Delay(Timeout.Infinite, stop.Token);
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine($"stopped; logs in {logs}");
    }

    return 0;
}

async Task<int> FaultsAsync(string[] options)
{
    var encounters = options.Length > 0 ? int.Parse(options[0], CultureInfo.InvariantCulture) : 1000;
    var seed = options.Length > 1 ? int.Parse(options[1], CultureInfo.InvariantCulture) : 7;
    string[] settings = options.Length > 2 ? options[2..] : ["everysec", "always"];
    var suite = new FaultSuite(new FaultSettings(root, encounters, seed), Console.Out);
    var failed = false;
    foreach (var fsync in settings)
    {
        failed |= !(await suite.ReconcileAsync(fsync, stop.Token)).Clean;
    }

    return failed ? 1 : 0;
}
