using System.Text.RegularExpressions;
using RevenueCycle.BuildingBlocks;
using RevenueCycle.Contracts.Webhooks.V1;
using RevenueCycle.Demo;
using Spectre.Console;

namespace RevenueCycle.Faults;

/// <summary>One run of the batch: what it ended with, what was published, and what was done to it.</summary>
public sealed record RunRecord(string Kpis, Dictionary<(string Topic, string Fact), int> Facts, int Redeliveries, int Refused, IReadOnlyList<string> Kills, int DemoAttempts);

/// <summary>What one topic lost or gained under faults, against the quiet run of the same batch.</summary>
public sealed record TopicReconciliation(string Topic, int Expected, int Published, int Lost, int Duplicated);

/// <summary>
/// The fault suite: the same demo batch (same seed, same day, so the same claims and the same facts) through a quiet
/// cluster and through one where every process is SIGKILLed in turn mid-batch — each service, Redis (back from its
/// AOF) and the gateway. The client does what a real one does: when a call fails it runs the batch again with the
/// same idempotency keys. Then every fact published (per topic and per claim) and the KPIs are reconciled.
/// </summary>
public sealed partial class FaultSuite(string root, int encounters, int seed, TextWriter output)
{
    private static readonly TimeSpan Between = TimeSpan.FromSeconds(3);

    public async Task<RunRecord> RunAsync(string fsync, bool faults, CancellationToken cancellationToken)
    {
        await using var cluster = await Cluster.StartAsync(root, faults ? 2000 : 3000, fsync, cancellationToken);
        await using var ledger = await EventLedger.StartAsync(cancellationToken);
        using var clients = new PlatformClients(cluster.Gateway, Cluster.ApiKey);
        var subscription = new CreateSubscriptionRequest { IdempotencyKey = "faults-ledger", Name = "faults-ledger", Url = ledger.Url };
        subscription.Topics.AddRange(ServiceCatalog.AllTopics);
        ledger.Secret = (await clients.Webhooks.CreateSubscriptionAsync(subscription, cancellationToken: cancellationToken)).Secret;

        var kills = new List<string>();
        var chaos = faults ? ChaosAsync(cluster, kills, cancellationToken) : Task.CompletedTask;
        var attempts = 0;
        DemoResult? result = null;
        var quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        // Until the last kill is over and one whole run succeeded after it: a run that fails part-way is retried whole.
        while (result is null || !chaos.IsCompleted)
        {
            var chaosWasOver = chaos.IsCompleted;
            attempts++;
            try
            {
                var run = await new DemoRun(clients, quiet).RunAsync(new DemoOptions(encounters, seed), cancellationToken);
                result = chaosWasOver ? run : null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await output.WriteLineAsync($"  batch attempt {attempts} failed ({e.GetType().Name}); running it again with the same keys");
                if (attempts > 60)
                {
                    throw;
                }

                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }

        await chaos;
        await ledger.SettleAsync(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(3), cancellationToken);
        return new RunRecord(Google.Protobuf.JsonFormatter.Default.Format(result.Kpis), ledger.Facts(), ledger.Redeliveries, ledger.Refused, kills, attempts);
    }

    private async Task ChaosAsync(Cluster cluster, List<string> kills, CancellationToken cancellationToken)
    {
        foreach (var target in cluster.Targets)
        {
            await Task.Delay(Between, cancellationToken);
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
