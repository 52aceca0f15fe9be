using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Submission.Domain.Model;

public enum ClaimStatus
{
    Unspecified,
    Created,
    /// <summary>Clean at the scrubber; queued for the next transmission.</summary>
    Scrubbed,
    ScrubRejected,
    /// <summary>In an interchange sent (or being sent) to the clearinghouse.</summary>
    Submitted,
    /// <summary>The payer's front end accepted it (277CA A1/A2).</summary>
    Accepted,
    /// <summary>Refused before adjudication (999 or 277CA); fix and send again.</summary>
    Rejected,
    /// <summary>The payer's 835 adjudicated it (paid, partly paid or denied).</summary>
    Adjudicated,
    /// <summary>Superseded by a replacement version.</summary>
    Corrected,
    Voided,
}

/// <summary>Something that happened to a claim version: a status reached, from where (transmission, 999, 277CA, 277, 835), why.</summary>
public sealed record StatusChange(ClaimStatus Status, DateTimeOffset At, string Source, string Detail);

/// <summary>One version of a claim: the original, then each replacement or void.</summary>
public sealed record ClaimVersion(
    int VersionNumber,
    Claim Claim,
    ClaimStatus Status,
    IReadOnlyList<Finding> Findings,
    DateTimeOffset CreatedAt,
    string Origin,
    string TransmissionId = "",
    IReadOnlyList<StatusChange>? History = null)
{
    public IReadOnlyList<StatusChange> Changes => History ?? [];

    public ClaimVersion Becomes(ClaimStatus status, DateTimeOffset at, string source, string detail = "") =>
        this with { Status = status, History = [.. Changes, new StatusChange(status, at, source, detail)] };

    /// <summary>A note in the history that changes no status (a 999 acceptance, a 277 pended status).</summary>
    public ClaimVersion Noting(DateTimeOffset at, string source, string detail) =>
        this with { History = [.. Changes, new StatusChange(Status, at, source, detail)] };
}

/// <summary>
/// A claim and all its versions, newest last. <see cref="PayerClaimControlNumber"/> is the payer's number for it
/// (277CA REF*1K or 835 CLP07), which replacements and voids must cite; <see cref="SecondaryOf"/> links a secondary
/// claim to the primary claim whose adjudication it carries.
/// </summary>
public sealed record ClaimRecord(string ClaimId, IReadOnlyList<ClaimVersion> Versions, DateTimeOffset? FilingDeadline, string PayerClaimControlNumber = "", string SecondaryOf = "")
{
    public ClaimVersion Latest => Versions[^1];

    /// <summary>The payer has it on file (some version was accepted by its front end or adjudicated): timely filing is met.</summary>
    public bool Filed => PayerClaimControlNumber.Length > 0 || Versions.Any(v => v.Changes.Any(c => c.Status is ClaimStatus.Accepted or ClaimStatus.Adjudicated));

    /// <summary>Some version went out in an interchange. A claim never sent is at no payer: it is fixed by sending a new original.</summary>
    public bool EverSent => Versions.Any(v => v.TransmissionId.Length > 0 || v.Changes.Any(c => c.Status == ClaimStatus.Submitted));

    /// <summary>The newest version has not gone out yet (queued, or refused by the scrubber): a new version takes its place.</summary>
    public bool HasDraft => Latest.Status is ClaimStatus.Scrubbed or ClaimStatus.ScrubRejected;

    public ClaimRecord WithLatest(ClaimVersion version) => this with { Versions = [.. Versions.SkipLast(1), version] };
}
