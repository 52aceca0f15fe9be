using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Submission.Domain.Model;

namespace RevenueCycle.Submission.Domain.UseCases;

/// <summary>The submission service's document keys and indexes.</summary>
internal static class ClaimKeys
{
    /// <summary>Claims whose latest version is clean and waits for the next transmission (score: when queued).</summary>
    public const string Queue = "queue";

    public const string Transmissions = "transmissions";

    /// <summary>Claims whose latest version was rejected by the 999 or 277CA (score: when).</summary>
    public const string Rejected = "claims:rejected";

    /// <summary>Claims not yet on file with the payer, by filing deadline (score: the deadline's day number).</summary>
    public const string Unfiled = "claims:unfiled";

    /// <summary>
    /// Claims sent and not yet adjudicated or rejected (submitted, accepted, pended), scored by their last news (a status,
    /// a 277, a 276 sent): the ones silent longest get a claim status inquiry.
    /// </summary>
    public const string AwaitingAnswer = "claims:awaiting-answer";

    /// <summary>Puts a claim record and keeps the billing worklists it belongs to in step, in the same change set.</summary>
    public static ChangeSet PutClaim(this ChangeSet changes, ClaimRecord record, long expectedVersion)
    {
        changes.Put(Claim(record.ClaimId), record, expectedVersion);
        var latest = record.Latest;
        if (latest.Status == ClaimStatus.Rejected)
        {
            changes.Index(Rejected, record.ClaimId, (latest.Changes.LastOrDefault()?.At ?? latest.CreatedAt).ToUnixTimeMilliseconds());
        }
        else
        {
            changes.Unindex(Rejected, record.ClaimId);
        }

        if (!record.Filed && record.FilingDeadline is { } deadline && latest.Status != ClaimStatus.Voided)
        {
            changes.Index(Unfiled, record.ClaimId, DateOnly.FromDateTime(deadline.UtcDateTime).DayNumber);
        }
        else
        {
            changes.Unindex(Unfiled, record.ClaimId);
        }

        if (latest.Status is ClaimStatus.Submitted or ClaimStatus.Accepted)
        {
            changes.Index(AwaitingAnswer, record.ClaimId, (latest.Changes.LastOrDefault()?.At ?? latest.CreatedAt).ToUnixTimeMilliseconds());
        }
        else
        {
            changes.Unindex(AwaitingAnswer, record.ClaimId);
        }

        return changes;
    }

    public const string PendingTransmissions = "transmissions:pending";

    /// <summary>Files from the clearinghouse set aside (unreadable, or an 835 posting refused), by content hash (score: when received).</summary>
    public const string SetAside = "inbound:set-aside";

    public static string Claim(string claimId) => $"claim:{claimId}";

    public static string Transmission(string id) => $"transmission:{id}";

    public static string Group(string controlNumber) => $"group:{controlNumber}";

    public static string Counter(string senderId) => $"counter:{senderId}";

    public static string Inbound(string hash) => $"inbound:{hash}";

    /// <summary>One payment's <see cref="PaymentTrack"/>: posted from which file, or which set-aside files wait for it (the payer id's length keeps ids holding ':' apart).</summary>
    public static string Payment(RemittanceReference reference) =>
        $"inbound:payment:{reference.PayerId.Length}:{reference.PayerId}:{reference.TraceNumber}";
}
