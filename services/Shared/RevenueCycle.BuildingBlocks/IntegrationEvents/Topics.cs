namespace RevenueCycle.BuildingBlocks.IntegrationEvents;

/// <summary>Pub/sub topic names. Each failed delivery ends in <c>{topic}.deadletter</c>.</summary>
public static class Topics
{
    /// <summary>Posting found a denial on an 835 (claim or line), with its root cause.</summary>
    public const string ClaimDenied = "claim-denied";

    /// <summary>Posting posted a payer's adjudication of a claim.</summary>
    public const string ClaimAdjudicated = "claim-adjudicated";

    /// <summary>A coder corrected the codes of a denied claim; submission sends a replacement.</summary>
    public const string CodingCorrected = "coding-corrected";

    /// <summary>A registrar fixed the coverage or authorization of a claim a front-end denial or rejection found; submission sends it corrected.</summary>
    public const string FrontEndCorrected = "front-end-corrected";

    /// <summary>Submission accepted a clean claim version for transmission.</summary>
    public const string ClaimSubmitted = "claim-submitted";

    /// <summary>A claim came back before adjudication (999 or 277CA rejection), with its root cause.</summary>
    public const string ClaimRejected = "claim-rejected";

    public static string DeadLetter(string topic) => topic + ".deadletter";
}
