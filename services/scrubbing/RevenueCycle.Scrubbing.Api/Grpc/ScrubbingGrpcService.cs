using Grpc.Core;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.Scrubbing.Api.ReferenceData;
using RevenueCycle.Scrubbing.Domain.PayerRules;
using RevenueCycle.Scrubbing.Domain.UseCases;
using RevenueCycle.ServiceDefaults.ReferenceData;
using Claims = RevenueCycle.BuildingBlocks.Claims;
using Proto = RevenueCycle.Contracts.Common.V1;

namespace RevenueCycle.Scrubbing.Api.Grpc;

/// <summary>The gRPC (and JSON) face of the scrubber.</summary>
public sealed class ScrubbingGrpcService(
    ScrubUseCases scrubs,
    ReferenceDataCatalog referenceData,
    PayerRuleCatalog payerRules,
    ReferenceDataWatcher referenceWatcher,
    PayerRulesWatcher payerRulesWatcher) : ScrubbingService.ScrubbingServiceBase
{
    public const int MaxBatch = 1_000;

    public override async Task<ScrubResult> ScrubClaim(ScrubClaimRequest request, ServerCallContext context) =>
        (await scrubs.ScrubAsync(ToDomain(request, recorded: true).Claim, context.CancellationToken)).ToProto();

    public override async Task<ScrubResult> ValidateClaim(ScrubClaimRequest request, ServerCallContext context)
    {
        var (claim, asOf) = ToDomain(request, recorded: false);
        return (await scrubs.ValidateAsync(claim, context.CancellationToken, asOf)).ToProto();
    }

    public override async Task ScrubBatch(ScrubBatchRequest request, IServerStreamWriter<ScrubResult> responseStream, ServerCallContext context)
    {
        new Validator()
            .Require(request.Claims.Count > 0, "claims", "needs at least one claim")
            .Require(request.Claims.Count <= MaxBatch, "claims", $"holds at most {MaxBatch} claims; stream larger volumes with ScrubStream")
            .ThrowIfInvalid();
        for (var i = 0; i < request.Claims.Count; i++)
        {
            await responseStream.WriteAsync(await ScrubOneAsync(request.Claims[i], (uint)i, $"claims[{i}]", context.CancellationToken), context.CancellationToken);
        }
    }

    public override async Task ScrubStream(IAsyncStreamReader<ScrubClaimRequest> requestStream, IServerStreamWriter<ScrubResult> responseStream, ServerCallContext context)
    {
        var sequence = 0u;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var result = request.Claim is null ? Malformed(sequence, new FieldViolation("claim", "is required"))
                : request.AsOf is not null ? Malformed(sequence, new FieldViolation("as_of", RecordedAsOf))
                : await ScrubOneAsync(request.Claim, sequence, "claim", context.CancellationToken);
            await responseStream.WriteAsync(result, context.CancellationToken);
            sequence++;
        }
    }

    public override async Task<ScrubResult> GetScrubResult(GetScrubResultRequest request, ServerCallContext context) =>
        (await scrubs.GetAsync(request.ClaimId, context.CancellationToken)).ToProto();

    public override async Task<GetCleanClaimRateResponse> GetCleanClaimRate(GetCleanClaimRateRequest request, ServerCallContext context)
    {
        var stats = await scrubs.StatsAsync(context.CancellationToken);
        return new GetCleanClaimRateResponse
        {
            ClaimsScrubbed = stats.ClaimsScrubbed, ClaimsCleanFirstPass = stats.ClaimsCleanFirstPass, RateBasisPoints = stats.RateBasisPoints,
        };
    }

    public override Task<ListRuleSetsResponse> ListRuleSets(ListRuleSetsRequest request, ServerCallContext context) => Task.FromResult(RuleSets());

    public override Task<ListRuleSetsResponse> ReloadRuleSets(ReloadRuleSetsRequest request, ServerCallContext context)
    {
        var refused = new List<string>();
        foreach (var reload in new Action[] { () => referenceWatcher.Reload(), payerRulesWatcher.ReloadNow })
        {
            try
            {
                reload();
            }
            catch (ReferenceDataException e)
            {
                refused.Add(e.Message);
            }
        }

        return refused.Count == 0
            ? Task.FromResult(RuleSets())
            : throw new PreconditionFailedException($"Refused, and the release in force stays: {string.Join("; ", refused)}");
    }

    private ListRuleSetsResponse RuleSets()
    {
        var set = referenceData.Current;
        var rules = payerRules.Current;
        var response = new ListRuleSetsResponse { ReferenceSource = set.Source, PayerRulesSource = rules.Source, LoadedAt = set.LoadedAt.ToProto() };
        response.Tables.AddRange(set.Editions.Select(e => new RuleTable
        {
            Kind = e.Kind, Version = e.Version, EffectiveFrom = e.EffectiveFrom == DateOnly.MinValue ? null : e.EffectiveFrom.ToProto(),
            EffectiveTo = e.EffectiveTo.ToProto(), Count = e.Count,
        }));
        response.Tables.Add(new RuleTable { Kind = "Payer rules", Version = $"payer rules {rules.Version}", Count = rules.RuleCount });
        response.LastErrors.AddRange(new[] { referenceWatcher.LastError, payerRulesWatcher.LastError }.Where(e => e.Length > 0));
        return response;
    }

    /// <summary>A claim of a batch or stream: a malformed one gets a result with its problems, and the rest go on.</summary>
    private async Task<ScrubResult> ScrubOneAsync(Proto.Claim proto, uint sequence, string field, CancellationToken cancellationToken)
    {
        var v = new Validator();
        var claim = proto.ToDomain(v, field);
        if (!v.IsValid)
        {
            return Malformed(sequence, [.. v.Violations], proto.ClaimId);
        }

        var result = (await scrubs.ScrubAsync(claim, cancellationToken)).ToProto();
        result.Sequence = sequence;
        return result;
    }

    private static ScrubResult Malformed(uint sequence, FieldViolation violation) => Malformed(sequence, [violation], "");

    private static ScrubResult Malformed(uint sequence, FieldViolation[] violations, string claimId)
    {
        var result = new ScrubResult { ClaimId = claimId, Clean = false, Sequence = sequence, RulesVersion = "request validation" };
        result.Findings.AddRange(violations.Select(f => new Claims.Finding("CLM-MALFORMED", Claims.Severity.Reject, Claims.Owner.Billing,
            $"The claim could not be read: {f.Field} {f.Description}.", f.Field, [], "RevenueCycle claim contract", "Correct the field and send the claim again.").ToProto()));
        return result;
    }

    private const string RecordedAsOf = "is for ValidateClaim only: a recorded scrub is judged today";

    private static (Claims.Claim Claim, DateOnly? AsOf) ToDomain(ScrubClaimRequest request, bool recorded)
    {
        var v = new Validator();
        if (request.Claim is null)
        {
            v.Add("claim", "is required").ThrowIfInvalid();
        }

        var claim = request.Claim!.ToDomain(v, "claim");
        var asOf = request.AsOf.ToDateOnly(v, "as_of");
        v.Require(!recorded || request.AsOf is null, "as_of", RecordedAsOf).ThrowIfInvalid();
        return (claim, asOf);
    }
}

public static class ScrubbingMappings
{
    public static ScrubResult ToProto(this Domain.Model.ScrubResult r)
    {
        var result = new ScrubResult
        {
            ClaimId = r.ClaimId, Clean = r.Clean, ClaimFingerprint = r.ClaimFingerprint, RulesVersion = r.RulesVersion, ScrubbedAt = r.ScrubbedAt.ToProto(),
            TimelyFilingDeadline = r.TimelyFilingDeadline.ToProto(),
        };
        result.Findings.AddRange(r.Findings.Select(f => f.ToProto()));
        return result;
    }
}
