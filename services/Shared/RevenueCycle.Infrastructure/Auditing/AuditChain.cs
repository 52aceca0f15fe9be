using System.Security.Cryptography;
using System.Text;
using RevenueCycle.BuildingBlocks.Storage;

namespace RevenueCycle.Infrastructure.Auditing;

/// <summary>
/// One access to a service's data: who (<see cref="Actor"/>: the gateway client, and the person the request
/// named, "coder-17 via ehr-interface"; <see cref="KeyId"/>: which of the client's keys; <see cref="Scope"/>: the
/// scope that let it in), what (operation and the identifiers it touched), when, and the outcome. Identifiers only:
/// the trail says which record was read, never what it contains.
/// </summary>
public sealed record AuditRecord(
    DateTimeOffset At,
    string Service,
    string Operation,
    string Actor,
    string Outcome,
    IReadOnlyDictionary<string, string> Resources,
    string CorrelationId,
    string KeyId = "",
    string Scope = "")
{
    /// <summary>Whether the record names the patient among the identifiers it touched (a list read names several).</summary>
    public bool Touches(string field, string id) =>
        Resources.TryGetValue(field, out var ids) && ids.Split(',').Contains(id, StringComparer.Ordinal);
}

/// <summary>
/// A record as the trail keeps it: its place in the chain, the hash of the one before, and a MAC over all three.
/// <see cref="RecordJson"/> is kept as written, so the MAC is checked over the exact stored bytes.
/// </summary>
public sealed record AuditEntry(long Sequence, string Previous, string RecordJson, string Hash)
{
    /// <summary>Where the trail keeps the entry (a Redis stream id), to read on from it; not part of the chain.</summary>
    public string Position { get; init; } = "";

    public AuditRecord Record => DocumentJson.Deserialize<AuditRecord>(RecordJson);
}

/// <summary>The newest entry of a trail: its sequence number and hash (0 and "" before the first).</summary>
public readonly record struct AuditHead(long Sequence, string Hash)
{
    public static readonly AuditHead Empty = new(0, "");
}

/// <summary>What <see cref="AuditChain.Verify"/> found: the records checked, the head, and the first break if any.</summary>
public sealed record AuditVerification(long Records, AuditHead Head, long FirstBadSequence, string Problem)
{
    public bool Intact => Problem.Length == 0;
}

/// <summary>
/// The hash chain of an audit trail. Each entry carries HMAC-SHA256(key, sequence, previous hash, record): an
/// altered record breaks its own MAC, a removed or reordered one breaks the sequence and the link to its
/// predecessor, and records cut off the end no longer reach the head the trail keeps beside them. The key is not
/// in Redis (the chart's audit Secret), so whoever can write Redis still cannot forge a chain that verifies.
/// </summary>
public sealed class AuditChain(byte[] key)
{
    /// <summary>The key <c>make run</c> and the tests use when none is configured (<c>Audit:ChainKey</c>).</summary>
    public const string DevelopmentKey = "rcm-local-audit-chain-key";

    public AuditChain(string key) : this(Encoding.UTF8.GetBytes(key))
    {
    }

    public AuditEntry Next(AuditHead head, AuditRecord record)
    {
        var json = DocumentJson.Serialize(record);
        var sequence = head.Sequence + 1;
        return new AuditEntry(sequence, head.Hash, json, HashOf(sequence, head.Hash, json));
    }

    public string HashOf(long sequence, string previous, string recordJson) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{sequence}\n{previous}\n{recordJson}")));

    /// <summary>
    /// Checks entries in stored order against the head read before them (entries past it were appended after and
    /// are left for the next check). Stops at the first break and names it.
    /// </summary>
    public AuditVerification Verify(IEnumerable<AuditEntry> entries, AuditHead head)
    {
        var expected = 1L;
        var previous = "";
        foreach (var entry in entries)
        {
            if (head == AuditHead.Empty)
            {
                return new AuditVerification(0, head, entry.Sequence, "the trail holds records but its head is missing");
            }

            if (entry.Sequence > head.Sequence && entry.Sequence >= expected)
            {
                break;
            }

            var problem = entry.Sequence != expected
                ? entry.Sequence > expected
                    ? expected == 1
                        ? $"record 1 is missing: the trail starts at record {entry.Sequence}"
                        : $"record {expected} is missing: the trail goes from record {expected - 1} to record {entry.Sequence}"
                    : $"record {entry.Sequence} is out of order: it comes where record {expected} belongs"
                : entry.Previous != previous
                    ? $"record {expected} does not follow record {expected - 1}: its link to the previous record is broken"
                    : !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(HashOf(entry.Sequence, entry.Previous, entry.RecordJson)), FromHexOrEmpty(entry.Hash))
                        ? $"record {expected} was altered: its hash does not match its contents"
                        : "";
            if (problem.Length > 0)
            {
                return new AuditVerification(expected - 1, head, expected, problem);
            }

            previous = entry.Hash;
            expected++;
        }

        var checkedUpTo = expected - 1;
        if (checkedUpTo != head.Sequence || previous != head.Hash)
        {
            return new AuditVerification(checkedUpTo, head, checkedUpTo + 1,
                $"the trail ends at record {checkedUpTo} but its head is record {head.Sequence}: records were removed from the end");
        }

        return new AuditVerification(checkedUpTo, head, 0, "");
    }

    private static byte[] FromHexOrEmpty(string hex)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
