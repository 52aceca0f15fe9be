using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.Ports;
using RevenueCycle.Eligibility.Domain.Rules;

namespace RevenueCycle.Eligibility.Domain.UseCases;

/// <summary>
/// A patient cost estimate for planned services. Field paths in errors follow the <c>EstimatePatientCostRequest</c>
/// contract: the coverage (or a snapshot) and date of service, a service type (default 30) and network, and the
/// services, each with its allowed amount or priced by the payer's contract or the Medicare fee schedule (or, as before,
/// one allowed total).
/// </summary>
public sealed record EstimateRequest(
    string CoverageId,
    string SnapshotId,
    DateOnly? DateOfService,
    string ServiceType,
    Network Network,
    IReadOnlyList<EstimateService> Services,
    long AllowedCents);

/// <summary>
/// Patient cost estimates from what the payer said: the benefits of the 271 snapshot in force for the coverage on the
/// date of service (or the one named), else the benefits registered by hand; the allowed amounts given or priced by
/// the fee schedule; <see cref="CostEstimator"/> applies copay, deductible, coinsurance and the out-of-pocket cap.
/// </summary>
public sealed class EstimateUseCases(CoverageUseCases coverages, EligibilityUseCases eligibility, IFeeSchedule fees)
{
    public async Task<PatientEstimate> EstimateAsync(EstimateRequest request, CancellationToken cancellationToken)
    {
        var v = new Validator()
            .Require(request.CoverageId.Trim().Length > 0 || request.SnapshotId.Trim().Length > 0, "coverage_id", "or snapshot_id is required")
            .Require(request.DateOfService.HasValue || request.SnapshotId.Trim().Length > 0, "date_of_service", "is required")
            .Require(request.Services.Count > 0 || request.AllowedCents > 0, "services", "or allowed_cents is required")
            .Require(request.Services.Count <= 99, "services", "holds at most 99 services")
            .Require(request.AllowedCents is >= 0 and <= Money.MaxCents, "allowed_cents", "must be between 0 and 1000000000000")
            .Require(request.ServiceType.Trim().Length == 0 || X12EligibilityCodes.IsServiceType(request.ServiceType.Trim().ToUpperInvariant()), "service_type_code", "is not an X12 service type code");
        for (var i = 0; i < request.Services.Count; i++)
        {
            var s = request.Services[i];
            v.Require(s.ProcedureCode.Trim().Length == 5 && s.ProcedureCode.Trim().All(char.IsAsciiLetterOrDigit), $"services[{i}].procedure_code", "must be a 5-character CPT/HCPCS code")
                .Require(s.Units <= 9_999, $"services[{i}].units", "must be at most 9999")
                .Require(s.AllowedCents is null or >= 0 and <= Money.MaxCents, $"services[{i}].allowed_cents", Money.RangeMessage);
        }

        v.ThrowIfInvalid();
        var serviceType = request.ServiceType.Trim().Length > 0 ? request.ServiceType.Trim().ToUpperInvariant() : "30";
        var network = request.Network == Network.Unspecified ? Network.InNetwork : request.Network;

        // What the payer said: the snapshot named, else the one in force for the coverage on the date.
        var coverage = request.CoverageId.Trim().Length > 0 ? (await coverages.GetAsync(request.CoverageId.Trim(), cancellationToken)).Value : null;
        var snapshot = request.SnapshotId.Trim().Length > 0
            ? await eligibility.GetSnapshotAsync(request.SnapshotId.Trim(), cancellationToken)
            : await eligibility.InForceAsync(coverage!.Payer.PayerId, coverage.Subscriber.MemberId, request.DateOfService!.Value, cancellationToken);
        var dateOfService = request.DateOfService ?? snapshot!.DateOfService;
        CostShareTerms terms;
        if (snapshot is not null)
        {
            if (snapshot.Result.Outcome != EligibilityOutcome.Active)
            {
                throw new PreconditionFailedException($"The payer's answer (snapshot {snapshot.SnapshotId}) is not active coverage: {snapshot.Result.Outcome}.");
            }

            terms = CostEstimator.Terms(snapshot.Result, serviceType, network, $"271 snapshot {snapshot.SnapshotId} of {snapshot.ReceivedAt:yyyy-MM-dd}");
        }
        else
        {
            var (status, _) = CoverageRules.StatusOn(coverage!, dateOfService);
            if (status != CoverageStatus.Active)
            {
                throw new PreconditionFailedException($"Coverage '{coverage!.CoverageId}' is not active on the date of service.");
            }

            var b = coverage!.Benefits;
            terms = new CostShareTerms(b.CopayCents, b.CoinsuranceBasisPoints, b.DeductibleRemainingCents, b.OutOfPocketRemainingCents,
                "benefits registered with the coverage (no 271 on file: check eligibility for the payer's figures)");
        }

        var lines = request.Services.Count == 0
            ? [new EstimatedLine("", 0, request.AllowedCents, "allowed amount given")]
            : await PriceAsync(snapshot?.PayerId ?? coverage!.Payer.PayerId, request.Services, dateOfService, cancellationToken);
        return CostEstimator.Estimate(lines, terms, snapshot?.SnapshotId ?? "");
    }

    private async Task<IReadOnlyList<EstimatedLine>> PriceAsync(string payerId, IReadOnlyList<EstimateService> services, DateOnly dateOfService, CancellationToken cancellationToken)
    {
        var unpriced = services.Where(s => s.AllowedCents is null).ToList();
        var prices = unpriced.Count == 0 ? [] : await fees.PriceAsync(payerId, unpriced, dateOfService, cancellationToken);
        var v = new Validator();
        var lines = new List<EstimatedLine>();
        var next = 0;
        for (var i = 0; i < services.Count; i++)
        {
            var s = services[i];
            var code = s.ProcedureCode.Trim().ToUpperInvariant();
            if (s.AllowedCents is { } given)
            {
                lines.Add(new EstimatedLine(code, Math.Max(1, s.Units), given, "allowed amount given"));
                continue;
            }

            var price = prices[next++];
            if (price.AllowedCents is { } cents)
            {
                lines.Add(new EstimatedLine(code, Math.Max(1, s.Units), cents, price.Basis));
            }
            else
            {
                v.Add($"services[{i}].allowed_cents", $"is needed: nothing prices {code} for payer {payerId} (no contract rate or fee schedule entry; Posting:FeeSchedule, Posting:Contracts)");
            }
        }

        v.ThrowIfInvalid();
        return lines;
    }
}
