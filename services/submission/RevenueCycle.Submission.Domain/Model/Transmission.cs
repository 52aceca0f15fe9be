namespace RevenueCycle.Submission.Domain.Model;

public enum TransmissionStatus
{
    /// <summary>Built and recorded; not yet handed to the clearinghouse (or handing it over failed and is retried).</summary>
    Pending,
    Sent,
    /// <summary>The 999 accepted every transaction set.</summary>
    Accepted,
    /// <summary>The 999 rejected some or all of it.</summary>
    Rejected,
}

/// <summary>A claim version in a transmission, and the transaction set (ST02) that carries it.</summary>
public sealed record TransmittedClaim(string ClaimId, int Version, string PayerId, string TransactionControlNumber);

/// <summary>
/// One interchange sent to the clearinghouse: its ISA control number (unique per sender), the X12 file exactly as
/// built (a retry sends these bytes again, never a new 837), the claims in it, and its functional groups' control
/// numbers, by which the 999 answers it.
/// </summary>
public sealed record Transmission(
    string Id,
    string FileName,
    string Content,
    IReadOnlyList<TransmittedClaim> Claims,
    IReadOnlyList<string> GroupControlNumbers,
    TransmissionStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    int Attempts,
    string LastError);

/// <summary>The last interchange control number a sender used.</summary>
public sealed record SenderCounter(string SenderId, int LastControlNumber)
{
    /// <summary>The interchange control number after <paramref name="counter"/>'s (ISA13 has nine digits; it wraps to 1).</summary>
    public static int Next(SenderCounter? counter) => (counter?.LastControlNumber ?? 0) % 999_999_999 + 1;
}
