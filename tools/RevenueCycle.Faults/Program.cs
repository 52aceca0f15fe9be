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
    Console.WriteLine($"Redis appendfsync {fsync}: {encounters} encounters, seed {seed}; the quiet run ...");
    var quiet = await suite.RunAsync(fsync, faults: false, CancellationToken.None);
    Console.WriteLine($"... and the same batch while each process is killed in turn:");
    var faulted = await suite.RunAsync(fsync, faults: true, CancellationToken.None);
    var topics = FaultSuite.Reconcile(quiet, faulted);
    // The two ledgers, fact by fact, to look into a difference.
    Directory.CreateDirectory(Path.Combine(root, "artifacts", "faults"));
    foreach (var (name, run) in new[] { ("quiet", quiet), ("faulted", faulted) })
    {
        await File.WriteAllLinesAsync(Path.Combine(root, "artifacts", "faults", $"{fsync}-{name}.txt"),
            run.Facts.OrderBy(f => f.Key.Fact, StringComparer.Ordinal).Select(f => $"{f.Key.Topic}\t{f.Value}\t{f.Key.Fact}"));
    }

    Console.WriteLine();
    Console.WriteLine($"{"topic",-22} {"quiet",7} {"faulted",8} {"lost",6} {"duplicated",11}");
    foreach (var t in topics)
    {
        Console.WriteLine($"{t.Topic,-22} {t.Expected,7} {t.Published,8} {t.Lost,6} {t.Duplicated,11}");
    }

    var kpisEqual = quiet.Kpis == faulted.Kpis;
    Console.WriteLine($"{"all",-22} {topics.Sum(t => t.Expected),7} {topics.Sum(t => t.Published),8} {topics.Sum(t => t.Lost),6} {topics.Sum(t => t.Duplicated),11}");
    Console.WriteLine($"kills: {string.Join(", ", faulted.Kills)}; batch runs: {faulted.DemoAttempts}; redeliveries to the app (same event id, harmless): {faulted.Redeliveries}; deliveries refused by the app's signature check: {faulted.Refused + quiet.Refused}");
    Console.WriteLine($"KPIs (claims, denials, A/R, collections) {(kpisEqual ? "equal" : "DIFFER")} between the runs");
    foreach (var difference in FaultSuite.ClaimDifferences(quiet, faulted).Take(20))
    {
        Console.WriteLine($"  {difference}");
    }

    Console.WriteLine();
    failed |= topics.Any(t => t.Lost > 0 || t.Duplicated > 0) || !kpisEqual;
}

return failed ? 1 : 0;
