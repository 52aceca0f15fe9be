using System.Text.RegularExpressions;
using RevenueCycle.BuildingBlocks;
using RevenueCycle.Contracts.Collections.V1;
using RevenueCycle.Contracts.Webhooks.V1;
using RevenueCycle.Demo;
using Spectre.Console;

namespace RevenueCycle.Cluster;

/// <summary>
/// What the suite runs: the repository (its artifacts/bin holds the build), the batch, which build of the hosts
/// (release for make faults, the tests' own debug build for the short run in make test), the catalog's ports plus
/// <see cref="PortOffset"/> (the quiet cluster 1,000 higher), and where ledgers and logs go.
/// </summary>
public sealed record FaultSettings(string Root, int Encounters, int Seed)
{
    public string Configuration { get; init; } = "release";

    public int PortOffset { get; init; } = 2000;

    public string Artifacts { get; init; } = Path.Combine(Root, "artifacts", "faults");
}

/// <summary>One run of the batch: what it ended with, what was published, and what was done to it.</summary>
public sealed record RunRecord(string Kpis, Dictionary<(string Topic, string Fact), int> Facts, int Redeliveries, int Refused, IReadOnlyList<string> Kills, int DemoAttempts,
    TimeSpan Elapsed, int Claims, IReadOnlyDictionary<string, int> RedeliveriesByTopic);

/// <summary>What one topic lost or gained under faults, against the quiet run of the same batch.</summary>
public sealed record TopicReconciliation(string Topic, int Expected, int Published, int Lost, int Duplicated);

/// <summary>
/// The fault suite: the same demo batch (same seed, same day, so the same claims and the same facts) through a quiet
/// cluster and through one where every process is SIGKILLed in turn mid-batch — each service, Redis (back from its
/// AOF) and the gateway. The client does what a real one does: when a call fails it runs the batch again with the
/// same idempotency keys. Then every fact published (per topic and per claim) and the KPIs are reconciled.
/// </summary>
public sealed partial class FaultSuite(FaultSettings settings, TextWriter output)
{
    /// <summary>
    /// The suite under one <c>appendfsync</c> setting: the quiet run, then the faulted run with the kills spread over
    /// the quiet run's length (so each lands in another phase of the batch), reconciled, printed and saved.
    /// </summary>
    public async Task<(RunRecord Quiet, RunRecord Faulted, bool Clean)> ReconcileAsync(string fsync, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"Redis appendfsync {fsync}: {settings.Encounters} encounters (numbered claims), seed {settings.Seed}; the quiet run ...");
        var quiet = await RunAsync(fsync, killEvery: null, cancellationToken);
        var every = TimeSpan.FromSeconds(Math.Max(3, quiet.Elapsed.TotalSeconds / (LocalCluster.Targets.Count + 1)));
        await output.WriteLineAsync($"... {quiet.Claims} claims in {quiet.Elapsed.TotalSeconds:0} s; the same batch while a process is SIGKILLed every {every.TotalSeconds:0} s:");
        var faulted = await RunAsync(fsync, every, cancellationToken);
        var clean = FaultReport.Write(quiet, faulted, output);
        FaultReport.SaveLedgers(settings.Artifacts, fsync, quiet, faulted);
        return (quiet, faulted, clean);
    }

    /// <summary>
    /// One run of the batch; with <paramref name="killEvery"/>, the faulted run: a process killed every that long
    /// (the suite spreads the kills over the quiet run's length, so each lands in another phase of the batch).
    /// </summary>
    public async Task<RunRecord> RunAsync(string fsync, TimeSpan? killEvery, CancellationToken cancellationToken)
    {
        var faults = killEvery is not null;
        await using var cluster = await LocalCluster.StartAsync(new ClusterOptions(settings.Root, Path.Combine(settings.Artifacts, "logs", $"{fsync}-{(faults ? "faulted" : "quiet")}"))
        {
            Configuration = settings.Configuration, PortOffset = faults ? settings.PortOffset : settings.PortOffset + 1000, Fsync = fsync,
            ApiKeyName = "faults", ApiKey = ApiKey, ClearinghousePoll = TimeSpan.FromSeconds(2), LogLevel = "Warning",
            // A webhook delivery the ledger missed while its sender was killed comes again within seconds, not minutes.
            Settings = ["Webhooks__RetrySchedule__0=00:00:01", "Webhooks__RetrySchedule__1=00:00:02", "Webhooks__RetrySchedule__2=00:00:05", "Webhooks__RetrySchedule__3=00:00:10"],
        }, cancellationToken);
        await using var ledger = await EventLedger.StartAsync(cancellationToken);
        // A client as a real one is written: a call the platform could not answer is asked again (same key).
        using var clients = new PlatformClients(cluster.Gateway, ApiKey, rideOutRestarts: true);
        var subscription = new CreateSubscriptionRequest { IdempotencyKey = "faults-ledger", Name = "faults-ledger", Url = ledger.Url };
        subscription.Topics.AddRange(ServiceCatalog.AllTopics);
        ledger.Secret = (await clients.Webhooks.CreateSubscriptionAsync(subscription, cancellationToken: cancellationToken)).Secret;

        var kills = new List<string>();
        var started = DateTime.UtcNow;
        // The kills stop with the run: a run that fails for good must not leave one restarting a process after the cluster is gone.
        using var stopChaos = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var chaos = killEvery is { } every ? ChaosAsync(cluster, every, kills, stopChaos.Token) : Task.CompletedTask;
        var attempts = 0;
        DemoResult? result = null;
        var quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        // The client rides out each restart call by call; a run that still fails part-way is run again whole with the
        // same keys. Once it succeeded it is not run again: a batch's later steps (statements, patient payments) read
        // the state they find, so a second pass would not be the quiet run's batch.
        try
        {
            while (result is null)
            {
                attempts++;
                try
                {
                    result = await new DemoRun(clients, quiet).RunAsync(new DemoOptions(settings.Encounters, settings.Seed), cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    await output.WriteLineAsync($"  batch attempt {attempts} failed ({e.GetType().Name}: {e.Message.Split('\n')[0]}); running it again with the same keys");
                    if (attempts > 20)
                    {
                        throw;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                }
            }
        }
        catch
        {
            await stopChaos.CancelAsync();
            await Task.WhenAny(chaos);
            throw;
        }

        var elapsed = DateTime.UtcNow - started;
        await chaos;
        // Quiet for longer than the outbox relay's longest backoff (10 s), so an event still being retried is not counted lost.
        await ledger.SettleAsync(TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(3), cancellationToken);
        // The KPIs once every event has landed (both runs alike), not as the batch's last step saw them.
        var kpis = await clients.Collections.GetKpisAsync(new GetKpisRequest { From = $"{result.From:yyyy-MM-dd}", To = $"{result.To:yyyy-MM-dd}" }, PlatformClients.Deadline(cancellationToken));
        return new RunRecord(Google.Protobuf.JsonFormatter.Default.Format(kpis), ledger.Facts(), ledger.Redeliveries, ledger.Refused, kills, attempts,
            elapsed, result.Batch.Count, ledger.RedeliveriesByTopic());
    }

    private const string ApiKey = "rcm-faults-key";

    private async Task ChaosAsync(LocalCluster cluster, TimeSpan every, List<string> kills, CancellationToken cancellationToken)
    {
        foreach (var target in LocalCluster.Targets)
        {
            await Task.Delay(every, cancellationToken);
            var at = DateTime.UtcNow;
            cluster.Kill(target);
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            await cluster.StartAsync(target, cancellationToken);
            kills.Add($"{target} (down {(DateTime.UtcNow - at).TotalSeconds:0.0} s)");
            await output.WriteLineAsync($"  killed {target} with SIGKILL, back after {(DateTime.UtcNow - at).TotalSeconds:0.0} s");
        }
    }

    public static IReadOnlyList<TopicReconciliation> Reconcile(RunRecord quiet, RunRecord faulted) =>
        ServiceCatalog.AllTopics.Select(topic =>
        {
            var facts = quiet.Facts.Keys.Concat(faulted.Facts.Keys).Where(k => k.Topic == topic).Distinct().ToArray();
            int Count(RunRecord run, (string, string) key) => run.Facts.GetValueOrDefault(key);
            return new TopicReconciliation(
                topic,
                facts.Sum(k => Count(quiet, k)),
                facts.Sum(k => Count(faulted, k)),
                facts.Sum(k => Math.Max(0, Count(quiet, k) - Count(faulted, k))),
                facts.Sum(k => Math.Max(0, Count(faulted, k) - Count(quiet, k))));
        }).ToArray();

    /// <summary>Per claim: how many the batch had, how many submission accepted (a first claim-submitted), how many
    /// came out with every fact the quiet run had, and how many lost or doubled one.</summary>
    public static (int Accepted, int Matching, int WithLoss, int WithDuplicate) Claims(RunRecord quiet, RunRecord faulted)
    {
        static string Claim((string Topic, string Fact) key) => ClaimId().Match(key.Fact) is { Success: true } m ? m.Groups[1].Value : "";
        var keys = quiet.Facts.Keys.Concat(faulted.Facts.Keys).Distinct().Where(k => Claim(k).Length > 0).GroupBy(Claim).ToArray();
        var accepted = faulted.Facts.Keys.Where(k => k.Topic == "claim-submitted" && k.Fact.Contains("\"versionNumber\":1,", StringComparison.Ordinal)).Select(Claim).Distinct().Count();
        var loss = keys.Count(g => g.Any(k => faulted.Facts.GetValueOrDefault(k) < quiet.Facts.GetValueOrDefault(k)));
        var duplicate = keys.Count(g => g.Any(k => faulted.Facts.GetValueOrDefault(k) > quiet.Facts.GetValueOrDefault(k)));
        var matching = keys.Count(g => g.All(k => faulted.Facts.GetValueOrDefault(k) == quiet.Facts.GetValueOrDefault(k)));
        return (accepted, matching, loss, duplicate);
    }

    /// <summary>The claims whose published facts differ between the runs, with how.</summary>
    public static IReadOnlyList<string> ClaimDifferences(RunRecord quiet, RunRecord faulted) =>
        quiet.Facts.Keys.Concat(faulted.Facts.Keys).Distinct()
            .Where(k => quiet.Facts.GetValueOrDefault(k) != faulted.Facts.GetValueOrDefault(k))
            .Select(k => $"{(ClaimId().Match(k.Fact) is { Success: true } m ? m.Groups[1].Value : "(no claim)")} {k.Topic}: {quiet.Facts.GetValueOrDefault(k)} quiet, {faulted.Facts.GetValueOrDefault(k)} under faults")
            .Order(StringComparer.Ordinal)
            .ToArray();

    [GeneratedRegex("\"claimId\":\"([^\"]+)\"")]
    private static partial Regex ClaimId();
}
