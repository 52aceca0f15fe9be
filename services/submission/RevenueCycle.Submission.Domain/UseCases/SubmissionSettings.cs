using RevenueCycle.X12.Claims;

namespace RevenueCycle.Submission.Domain.UseCases;

/// <summary>
/// Who RevenueCycle sends as (1000A, ISA06) and to whom (1000B, ISA08), production or test (ISA15), and how many
/// queued claims go into one interchange.
/// </summary>
public sealed record SubmissionSettings(Submitter837 Submitter, bool Production, int BatchSize)
{
    public static readonly SubmissionSettings Demo = new(
        new Submitter837("REVENUECYCLE DEMO PRACTICE", "RCMDEMO", "BILLING OFFICE", "8005550100", "REVENUECYCLE SANDBOX", "RCMSANDBOX"), false, 1_000);
}
