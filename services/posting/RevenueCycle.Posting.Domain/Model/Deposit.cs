namespace RevenueCycle.Posting.Domain.Model;

public enum ReconciliationStatus
{
    /// <summary>The deposit and the remittance with its trace number agree to the cent.</summary>
    Matched,

    /// <summary>Both exist but the deposit is not the remittance's total (BPR02).</summary>
    AmountDiffers,

    /// <summary>Money arrived; no 835 with its trace number has been posted yet.</summary>
    AwaitingRemittance,
}

/// <summary>
/// A deposit as the bank reports it (an EFT's reassociation trace number, TRN02 of the 835, with amount and date),
/// reconciled against the remittance with the same trace number.
/// </summary>
public sealed record Deposit(
    string DepositId,
    string BankReference,
    string TraceNumber,
    string PayerId,
    long AmountCents,
    DateOnly DepositDate,
    DateTimeOffset RecordedAt,
    ReconciliationStatus Status,
    string RemittanceId,
    long RemittanceTotalCents);
