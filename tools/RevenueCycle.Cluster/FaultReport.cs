using System.Text.Json.Nodes;

namespace RevenueCycle.Cluster;

/// <summary>The reconciliation of a quiet and a faulted run, printed; and the two ledgers kept to look into.</summary>
public static class FaultReport
{
    /// <summary>Prints per topic and per claim what was expected, published, delivered, lost and duplicated; true when nothing was.</summary>
    public static bool Write(RunRecord quiet, RunRecord faulted, TextWriter output)
    {
        var topics = FaultSuite.Reconcile(quiet, faulted);
        output.WriteLine();
        output.WriteLine($"{"topic",-22} {"expected",9} {"published",10} {"delivered",10} {"lost",6} {"duplicated",11}");
        foreach (var t in topics)
        {
            output.WriteLine($"{t.Topic,-22} {t.Expected,9} {t.Published,10} {t.Published + faulted.RedeliveriesByTopic.GetValueOrDefault(t.Topic),10} {t.Lost,6} {t.Duplicated,11}");
        }

        output.WriteLine($"{"all",-22} {topics.Sum(t => t.Expected),9} {topics.Sum(t => t.Published),10} {topics.Sum(t => t.Published) + faulted.Redeliveries,10} {topics.Sum(t => t.Lost),6} {topics.Sum(t => t.Duplicated),11}");
        var claims = FaultSuite.Claims(quiet, faulted);
        output.WriteLine($"claims: {faulted.Claims} in the batch, {claims.Accepted} accepted, {claims.Matching} with every fact of the quiet run, {claims.WithLoss} with a fact lost, {claims.WithDuplicate} with one doubled");
        output.WriteLine($"kills: {string.Join(", ", faulted.Kills)}");
        output.WriteLine($"batch runs: {faulted.DemoAttempts} (a run cut short is run again with the same keys); delivered counts redeliveries of an event id already taken (at least once: {faulted.Redeliveries}, harmless); deliveries refused by the app's signature check: {faulted.Refused + quiet.Refused}");
        var kpis = KpiDifferences(quiet.Kpis, faulted.Kpis);
        output.WriteLine($"KPIs (claims, denials, A/R, collections) {(kpis.Count == 0 ? "equal" : "DIFFER")} between the runs");
        foreach (var line in kpis.Concat(FaultSuite.ClaimDifferences(quiet, faulted)).Take(30))
        {
            output.WriteLine($"  {line}");
        }

        output.WriteLine();
        return topics.All(t => t.Lost == 0 && t.Duplicated == 0) && kpis.Count == 0;
    }

    /// <summary>Each KPI figure that differs, by its path in the answer.</summary>
    public static IReadOnlyList<string> KpiDifferences(string quiet, string faulted)
    {
        var (a, b) = (Leaves(JsonNode.Parse(quiet)), Leaves(JsonNode.Parse(faulted)));
        return a.Keys.Union(b.Keys).Order(StringComparer.Ordinal)
            .Where(k => a.GetValueOrDefault(k) != b.GetValueOrDefault(k))
            .Select(k => $"KPI {k}: {a.GetValueOrDefault(k) ?? "(none)"} quiet, {b.GetValueOrDefault(k) ?? "(none)"} under faults")
            .ToArray();
    }

    private static Dictionary<string, string?> Leaves(JsonNode? node, string path = "")
    {
        var leaves = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    foreach (var leaf in Leaves(value, path.Length == 0 ? key : $"{path}.{key}"))
                    {
                        leaves[leaf.Key] = leaf.Value;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var leaf in Leaves(array[i], $"{path}[{i}]"))
                    {
                        leaves[leaf.Key] = leaf.Value;
                    }
                }

                break;
            default:
                leaves[path] = node?.ToJsonString();
                break;
        }

        return leaves;
    }

    /// <summary>The two ledgers, fact by fact, and the KPIs, to look into a difference.</summary>
    public static void SaveLedgers(string directory, string fsync, RunRecord quiet, RunRecord faulted)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, run) in new[] { ("quiet", quiet), ("faulted", faulted) })
        {
            File.WriteAllLines(Path.Combine(directory, $"{fsync}-{name}.txt"),
                run.Facts.OrderBy(f => f.Key.Fact, StringComparer.Ordinal).Select(f => $"{f.Key.Topic}\t{f.Value}\t{f.Key.Fact}"));
            File.WriteAllText(Path.Combine(directory, $"{fsync}-{name}-kpis.json"), run.Kpis);
        }
    }
}
