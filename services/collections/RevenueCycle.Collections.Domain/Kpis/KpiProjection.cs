using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Collections.Domain.Model;
using RevenueCycle.Collections.Domain.UseCases;

namespace RevenueCycle.Collections.Domain.Kpis;

/// <summary>
/// The revenue-cycle KPIs as a projection of the event stream: each event about a claim is folded into that claim's
/// facts (<see cref="KpiClaim"/>, one document), once per event id; nothing is read from another service's store, so
/// replaying the events rebuilds the figures. claim-submitted and claim-adjudicated are folded by the account handlers
/// in their own commit (<see cref="StageSubmittedAsync"/>, <see cref="StageAdjudicatedAsync"/>); the other events here.
/// </summary>
public sealed class KpiProjection(IDocumentStore store, TimeProvider clock)
    : IIntegrationEventHandler<ClaimRejectedIntegrationEvent>, IIntegrationEventHandler<ClaimDeniedIntegrationEvent>,
        IIntegrationEventHandler<CodingCorrectedIntegrationEvent>, IIntegrationEventHandler<FrontEndCorrectedIntegrationEvent>
{
    public static string Key(string claimId) => $"kpi:claim:{claimId}";

    /// <summary>The claims with their facts, scored by the day each was first submitted (the cohort a period selects).</summary>
    public const string ClaimsIndex = "kpi:claims";

    public const int MaxPeriodDays = 3_660;

    private async Task StageAsync(string claimId, Func<KpiClaim, KpiClaim> fold, ChangeSet changes, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync<KpiClaim>(Key(claimId), cancellationToken);
        var updated = fold(current?.Value ?? KpiClaim.For(claimId));
        changes.Put(Key(claimId), updated, current?.Version ?? ChangeSet.New);
        if (updated.SubmittedOn is { } day)
        {
            changes.Index(ClaimsIndex, claimId, day.DayNumber);
        }
    }

    /// <summary>A version queued for the payer: the first sets the cohort day, the payer, provider and codes; version 1 with no finding is clean at the scrubber.</summary>
    public Task StageSubmittedAsync(ClaimSubmittedIntegrationEvent e, ChangeSet changes, CancellationToken cancellationToken) =>
        StageAsync(e.ClaimId, c => c with
        {
            PayerId = e.VersionNumber >= c.LatestVersion || c.PayerId.Length == 0 ? e.PayerId : c.PayerId,
            ProviderNpi = e.ProviderNpi.Length > 0 ? e.ProviderNpi : c.ProviderNpi,
            ProcedureCodes = e.VersionNumber >= c.LatestVersion ? e.Lines.Select(l => l.ProcedureCode).Distinct(StringComparer.Ordinal).ToList() : c.ProcedureCodes,
            ServiceDate = e.Lines.Select(l => l.ServiceDate).Where(d => d.HasValue).Min() ?? c.ServiceDate,
            SubmittedOn = c.SubmittedOn is { } first && first <= DateOnly.FromDateTime(e.OccurredAt.UtcDateTime) ? first : DateOnly.FromDateTime(e.OccurredAt.UtcDateTime),
            ChargeCents = e.VersionNumber >= c.LatestVersion ? e.TotalChargeCents : c.ChargeCents,
            Lines = e.VersionNumber >= c.LatestVersion ? e.Lines.Count : c.Lines,
            Secondary = c.Secondary || e.SecondaryOf.Length > 0,
            ScrubClean = c.ScrubClean || (e.VersionNumber == 1 && e.ScrubFindingCount == 0),
            LatestVersion = Math.Max(c.LatestVersion, e.VersionNumber),
        }, changes, cancellationToken);

    public Task StageAdjudicatedAsync(ClaimAdjudicatedIntegrationEvent e, ChangeSet changes, CancellationToken cancellationToken) =>
        StageAsync(e.ClaimId, c => c with
        {
            PayerId = c.PayerId.Length > 0 ? c.PayerId : e.PayerId,
            Adjudications = [.. c.Adjudications, new KpiAdjudication(e.RemittanceId, e.ClaimStatusCode, e.PaidCents, e.AdjustmentCents, e.PatientResponsibilityCents, e.OccurredAt)],
        }, changes, cancellationToken);

    public Task HandleAsync(ClaimRejectedIntegrationEvent e, CancellationToken cancellationToken) =>
        FoldOnceAsync(e, e.ClaimId, c => c with { Rejections = [.. c.Rejections, new KpiRejection(e.Version, e.Source, e.RootCause, e.OccurredAt)] }, cancellationToken);

    public Task HandleAsync(ClaimDeniedIntegrationEvent e, CancellationToken cancellationToken) =>
        FoldOnceAsync(e, e.ClaimId, c => c.Denials.Any(d => d.DenialId == e.DenialId) ? c : c with
        {
            Denials = [.. c.Denials, new KpiDenial(e.DenialId, e.RemittanceId, e.LineItemControlNumber ?? "", e.GroupCode, e.ReasonCode, e.RootCause, e.DeniedCents)],
        }, cancellationToken);

    public Task HandleAsync(CodingCorrectedIntegrationEvent e, CancellationToken cancellationToken) =>
        FoldOnceAsync(e, e.ClaimId, c => c with { Corrections = c.Corrections + 1 }, cancellationToken);

    public Task HandleAsync(FrontEndCorrectedIntegrationEvent e, CancellationToken cancellationToken) =>
        FoldOnceAsync(e, e.ClaimId, c => c with { Corrections = c.Corrections + 1 }, cancellationToken);

    /// <summary>Folds an event this projection handles alone into its claim's facts, once per event id.</summary>
    private Task FoldOnceAsync(IntegrationEvent e, string claimId, Func<KpiClaim, KpiClaim> fold, CancellationToken cancellationToken) =>
        store.HandleOnceAsync(e.Id, changes => StageAsync(claimId, fold, changes, cancellationToken), cancellationToken);

    /// <summary>
    /// The KPIs of the claims first submitted from <paramref name="from"/> to <paramref name="to"/> (both included;
    /// default: the 30 days to today), for one payer when given, sliced as asked. An empty period or an unknown payer
    /// gives zeros for that period.
    /// </summary>
    public async Task<(DateOnly From, DateOnly To, IReadOnlyList<KpiFigures> Figures)> QueryAsync(DateOnly? from, DateOnly? to, string by, string payerId,
        CancellationToken cancellationToken)
    {
        var end = to ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = from ?? end.AddDays(-29);
        new Validator()
            .Require(start <= end, "from", "is after to")
            .Require(end.DayNumber - start.DayNumber < MaxPeriodDays, "from", $"the period is longer than {MaxPeriodDays} days")
            .Require(KpiReport.Slicings.Contains(by), "by", "must be payer, provider, code, carc, week or month (or empty for all claims)")
            .Require(payerId.Length <= 80, "payer_id", "is longer than 80 characters")
            .ThrowIfInvalid();
        var claims = new List<KpiClaim>();
        IndexEntry? after = new("", start.DayNumber - 0.5);
        while (after is not null)
        {
            var entries = await store.RangeAsync(ClaimsIndex, after, PageToken.MaxPageSize, descending: false, cancellationToken);
            var inPeriod = entries.TakeWhile(e => e.Score <= end.DayNumber).ToList();
            var facts = await store.GetManyAsync<KpiClaim>(inPeriod.Select(e => Key(e.Member)).ToArray(), cancellationToken);
            claims.AddRange(facts.Select(f => f.Value).Where(c => payerId.Length == 0 || c.PayerId == payerId));
            after = inPeriod.Count == entries.Count && entries.Count == PageToken.MaxPageSize ? entries[^1] : null;
        }

        return (start, end, KpiReport.Of(claims, by, await MoneyAsync(claims, end, cancellationToken), (start, end)));
    }

    /// <summary>The claims' lines on their accounts' ledgers up to the end of <paramref name="end"/>, and their balances, claim by claim.</summary>
    private async Task<IReadOnlyDictionary<string, KpiMoney>> MoneyAsync(IReadOnlyList<KpiClaim> claims, DateOnly end, CancellationToken cancellationToken)
    {
        var accountIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in claims.Chunk(PageToken.MaxPageSize))
        {
            var links = await store.GetManyAsync<ClaimLink>(chunk.Select(c => AccountUseCases.LinkKey(c.ClaimId)).ToArray(), cancellationToken);
            accountIds.UnionWith(links.Select(l => l.Value.AccountId).OfType<string>());
        }

        var cutoff = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var money = new Dictionary<string, KpiMoney>(StringComparer.Ordinal);
        foreach (var chunk in accountIds.Chunk(PageToken.MaxPageSize))
        {
            foreach (var account in await store.GetManyAsync<Account>(chunk.Select(AccountUseCases.AccountKey).ToArray(), cancellationToken))
            {
                var lines = account.Value.Ledger.Where(e => e.ClaimId.Length > 0 && e.At < cutoff).ToLookup(e => e.ClaimId, StringComparer.Ordinal);
                foreach (var claim in account.Value.Claims)
                {
                    money[claim.ClaimId] = KpiMoney.Of(lines[claim.ClaimId], claim);
                }
            }
        }

        return money;
    }
}
