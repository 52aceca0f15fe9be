namespace RevenueCycle.Infrastructure.Auditing;

/// <summary>An auditor's question to a trail: by patient, key, client and time; every filter left empty matches all.</summary>
public sealed record AuditQuery(string PatientId = "", string KeyId = "", string Client = "", DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    public bool Matches(AuditRecord record) =>
        (PatientId.Length == 0 || record.Touches("patient_id", PatientId))
        && (KeyId.Length == 0 || record.KeyId == KeyId)
        && (Client.Length == 0 || record.Actor == Client || record.Actor.EndsWith(" via " + Client, StringComparison.Ordinal))
        && (From is null || record.At >= From)
        && (To is null || record.At < To);
}

public static class AuditQueryExtensions
{
    /// <summary>
    /// The matching entries after the position <paramref name="after"/>, oldest first, and the position to continue
    /// from when more may follow ("" at the end). The trail is scanned: audit questions are rare, and a patient's records are spread over every call.
    /// </summary>
    public static async Task<(IReadOnlyList<AuditEntry> Entries, string ContinueAfter)> FindAsync(
        this IAuditTrail trail, AuditQuery query, string after, int max, CancellationToken cancellationToken)
    {
        var found = new List<AuditEntry>(max);
        await foreach (var entry in trail.ReadAsync(after, cancellationToken))
        {
            if (query.Matches(entry.Record))
            {
                found.Add(entry);
                if (found.Count == max)
                {
                    return (found, entry.Position);
                }
            }
        }

        return (found, "");
    }
}
