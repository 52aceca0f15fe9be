namespace RevenueCycle.Submission.Domain.UseCases;

/// <summary>
/// Whose fix a front-end rejection is, from the 277CA status (category, status code, entity) or the 999. A rejection
/// naming the subscriber or patient (entity IL, QC, 03) or their coverage (member id, eligibility) is the front
/// end's; one naming a diagnosis or procedure code is coding's; the rest (provider identifiers, dates, amounts,
/// file syntax) is billing's.
/// </summary>
public static class RejectionCauses
{
    public const string Version = "RevenueCycle rejection causes 2026.1";

    private static readonly HashSet<string> PatientEntities = ["IL", "QC", "03", "36", "GB"];

    /// <summary>Health Care Claim Status Codes about coverage or the member (ids, names, dates of birth, eligibility).</summary>
    private static readonly HashSet<string> CoverageStatuses = ["33", "35", "116", "117", "119", "153", "156", "157", "158", "164", "165", "188", "560", "562"];

    /// <summary>Status codes about diagnosis, procedure and modifier codes.</summary>
    private static readonly HashSet<string> CodingStatuses = ["254", "255", "256", "257", "258", "259", "453", "454", "455", "456", "457", "458", "459", "460", "461", "507", "508", "509", "510", "511", "512", "513"];

    public static string ForClaimStatus(string category, string status, string entity) =>
        CodingStatuses.Contains(status) ? "coding"
        : PatientEntities.Contains(entity) || CoverageStatuses.Contains(status) ? "front-end"
        : "billing";

    /// <summary>A 999 rejection is about the file: how billing built it.</summary>
    public const string ForAcknowledgment = "billing";
}
