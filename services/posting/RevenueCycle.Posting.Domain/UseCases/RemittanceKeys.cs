using RevenueCycle.Posting.Domain.Model;

namespace RevenueCycle.Posting.Domain.UseCases;

/// <summary>The documents and indexes of posted remittances, shared by the use cases that write and read them.</summary>
public static class RemittanceKeys
{
    public const string DenialsIndex = "denials";
    public const string ProviderAdjustmentsIndex = "provider-adjustments";

    public static string RemittanceKey(string id) => $"remittance:{id}";

    public static string TraceKey(string payerId, string trace) => $"trace:{payerId.Trim()}:{trace.Trim()}";

    public static string PaymentKey(string remittanceId, int sequence) => $"payment:{remittanceId}:{sequence:D7}";

    public static string DenialKey(string id) => $"denial:{id}";

    public static string CategoryIndex(DenialCategory category) => $"denials:{category.ToString().ToLowerInvariant()}";

    /// <summary>Open denials of one owner (coding, billing, front-end), scored by appeal deadline: the worklist.</summary>
    public static string WorklistIndex(string rootCause) => $"denials:open:{rootCause}";

    public static string ClaimDenialsIndex(string claimId) => $"denials-claim:{claimId}";

    public static string ClaimPaymentsIndex(string claimId) => $"payments-claim:{claimId}";

    public static string ReversedKey(string paymentKey) => $"reversed:{paymentKey}";

    public static string ProviderAdjustmentKey(string entryId) => $"plb:{entryId}";

    /// <summary>PLB entries of one reason code (WO, FB, L6 ...).</summary>
    public static string ProviderAdjustmentsByReasonIndex(string reason) => $"{ProviderAdjustmentsIndex}:{reason.Trim().ToUpperInvariant()}";

    /// <summary>Remittances by trace number alone, for deposits that name no payer.</summary>
    public static string ByTraceIndex(string trace) => $"remittances-trace:{trace.Trim()}";
}
