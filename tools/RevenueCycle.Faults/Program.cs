using RevenueCycle.BuildingBlocks;
using RevenueCycle.Faults;

// make faults [ENCOUNTERS] [SEED] [FSYNC...]: reconciles a batch run quietly with the same batch run under SIGKILLs.
var encounters = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20;
var seed = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7;
string[] settings = args.Length > 2 ? args[2..] : ["everysec", "always"];
var root = Directory.GetCurrentDirectory();
var suite = new FaultSuite(root, encounters, seed, Console.Out);
var failed = false;
foreach (var fsync in settings)
{
    Console.WriteLine($"Redis appendfsync {fsync}: {encounters} encounters (numbered claims), seed {seed}; the quiet run ...");
    var quiet = await suite.RunAsync(fsync, killEvery: null, CancellationToken.None);
    // The kills spread over the batch's length, so each lands in another phase of it.
    var every = TimeSpan.FromSeconds(Math.Max(3, quiet.Elapsed.TotalSeconds / (ServiceCatalog.All.Count + 3)));
    Console.WriteLine($"... {quiet.Claims} claims in {quiet.Elapsed.TotalSeconds:0} s; the same batch while a process is SIGKILLed every {every.TotalSeconds:0} s:");
    var faulted = await suite.RunAsync(fsync, every, CancellationToken.None);
    var report = FaultReport.Write(quiet, faulted, Console.Out);
    FaultReport.SaveLedgers(Path.Combine(root, "artifacts", "faults"), fsync, quiet, faulted);
    failed |= !report;
}

return failed ? 1 : 0;
