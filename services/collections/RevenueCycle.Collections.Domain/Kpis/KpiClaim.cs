using System.Text.Json.Serialization;

namespace RevenueCycle.Collections.Domain.Kpis;

/// <summary>A payer's front-end refusal of a claim version (999 or 277CA), as claim-rejected told it.</summary>
public sealed record KpiRejection(int Version, string Source, string RootCause, DateTimeOffset At);

/// <summary>One payer answer on the claim (claim-adjudicated): the remittance it came on, and its amounts.</summary>
public sealed record KpiAdjudication(string RemittanceId, string ClaimStatusCode, long PaidCents, long AdjustmentCents, long PatientResponsibilityCents, DateTimeOffset At);

/// <summary>One denial found on a remittance (claim-denied): the line (empty for the claim), CARC, root cause and amount.</summary>
public sealed record KpiDenial(string DenialId, string RemittanceId, string LineItemControlNumber, string GroupCode, string ReasonCode, string RootCause, long DeniedCents);

/// <summary>
/// What the KPIs need to know about one claim, folded from the events about it and nothing else, so the figures can be
/// rebuilt by replaying the events. No PHI: ids, codes, dates and amounts.
/// </summary>
public sealed record KpiClaim(
    string ClaimId,
    string PayerId,
    string ProviderNpi,
    IReadOnlyList<string> ProcedureCodes,
    DateOnly? ServiceDate,
    DateOnly? SubmittedOn,
    long ChargeCents,
    int Lines,
    bool Secondary,
    bool ScrubClean,
    int LatestVersion,
    IReadOnlyList<KpiRejection> Rejections,
    IReadOnlyList<KpiAdjudication> Adjudications,
    IReadOnlyList<KpiDenial> Denials,
    int Corrections)
{
    public static KpiClaim For(string claimId) => new(claimId, "", "", [], null, null, 0, 0, false, false, 0, [], [], [], 0);

    /// <summary>The payer's first answer: the remittance the initial-denial and first-pass figures are about.</summary>
    [JsonIgnore]
    public KpiAdjudication? FirstAdjudication => Adjudications.OrderBy(a => a.At).ThenBy(a => a.RemittanceId, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>The denials found on the first answer.</summary>
    [JsonIgnore]
    public IEnumerable<KpiDenial> InitialDenials => FirstAdjudication is { } first ? Denials.Where(d => d.RemittanceId == first.RemittanceId) : [];

    /// <summary>The first version went out without a 999 or 277CA rejection.</summary>
    [JsonIgnore]
    public bool AcceptedOnFirstSubmission => !Rejections.Any(r => r.Version == 1);

    /// <summary>The first answer paid something and denied nothing.</summary>
    [JsonIgnore]
    public bool PaidOnFirstPass => FirstAdjudication is { PaidCents: > 0 } && !InitialDenials.Any();

    /// <summary>From the encounter to cash without a person: clean at the scrubber, one version, never rejected, denied or corrected, and paid.</summary>
    [JsonIgnore]
    public bool Touchless => ScrubClean && LatestVersion == 1 && Rejections.Count == 0 && Denials.Count == 0 && Corrections == 0 && Adjudications.Any(a => a.PaidCents > 0);
}
