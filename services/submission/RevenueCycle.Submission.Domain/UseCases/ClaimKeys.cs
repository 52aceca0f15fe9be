namespace RevenueCycle.Submission.Domain.UseCases;

/// <summary>The submission service's document keys and indexes.</summary>
internal static class ClaimKeys
{
    /// <summary>Claims whose latest version is clean and waits for the next transmission (score: when queued).</summary>
    public const string Queue = "queue";

    public const string Transmissions = "transmissions";

    public const string PendingTransmissions = "transmissions:pending";

    public static string Claim(string claimId) => $"claim:{claimId}";

    public static string Transmission(string id) => $"transmission:{id}";

    public static string Group(string controlNumber) => $"group:{controlNumber}";

    public static string Counter(string senderId) => $"counter:{senderId}";

    public static string Inbound(string hash) => $"inbound:{hash}";
}
