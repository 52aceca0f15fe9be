using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Coding.Domain.Model;

namespace RevenueCycle.Coding.Domain.UseCases;

/// <summary>Provider queries: a coder asks, the provider answers, and the encounter's audit trail records both.</summary>
public sealed class ProviderQueryUseCases(IDocumentStore store, EncounterUseCases encounters, TimeProvider clock)
{
    public const int MaxTextLength = 4_000;

    private static string Key(string id) => $"query:{id}";

    private static string StatusIndex(QueryStatus status) => $"queries:{status.ToString().ToLowerInvariant()}";

    private static string EncounterIndex(string encounterId) => $"queries-of:{encounterId}";

    public async Task<ProviderQuery> AskAsync(string encounterId, string idempotencyKey, string question, string actor, CancellationToken cancellationToken)
    {
        new Validator()
            .RequireText(encounterId, "encounter_id")
            .RequireText(idempotencyKey, "idempotency_key", 128)
            .RequireText(question, "question", MaxTextLength)
            .ThrowIfInvalid();
        var encounter = await encounters.GetAsync(encounterId, cancellationToken);
        if (encounter.Value.Status == EncounterStatus.Finalized)
        {
            throw new PreconditionFailedException($"Encounter '{encounterId}' is finalized; query the provider before finalizing.");
        }

        return await store.ExecuteAsync(idempotencyKey, DocumentStoreExtensions.Fingerprint(new { encounterId, question }), async changes =>
        {
            var current = await encounters.GetAsync(encounterId, cancellationToken);
            var now = clock.GetUtcNow();
            var query = new ProviderQuery("qry_" + Guid.CreateVersion7().ToString("N"), encounterId, current.Value.ProviderNpi, question.Trim(),
                QueryStatus.Open, "", actor, now, "", null);
            changes.Put(Key(query.QueryId), query, ChangeSet.New)
                .Index(StatusIndex(QueryStatus.Open), query.QueryId, now.ToUnixTimeMilliseconds())
                .Index(EncounterIndex(encounterId), query.QueryId, now.ToUnixTimeMilliseconds())
                .Put($"encounter:{encounterId}", current.Value with
                {
                    Audit = [.. current.Value.Audit, new AuditEntry(actor, $"provider query {query.QueryId} asked", now, current.Version + 1)],
                }, current.Version);
            return query;
        }, retryOnConflict: true, cancellationToken);
    }

    /// <summary>Records the provider's answer; answering an answered query again with the same text is a retry.</summary>
    public async Task<ProviderQuery> AnswerAsync(string queryId, string answer, string actor, CancellationToken cancellationToken)
    {
        new Validator().RequireText(queryId, "query_id").RequireText(answer, "answer", MaxTextLength).ThrowIfInvalid();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var current = await store.GetAsync<ProviderQuery>(Key(queryId), cancellationToken) ?? throw new NotFoundException("Provider query", queryId);
            if (current.Value.Status == QueryStatus.Answered)
            {
                return current.Value.Answer == answer.Trim()
                    ? current.Value
                    : throw new PreconditionFailedException($"Provider query '{queryId}' was already answered.");
            }

            var encounter = await encounters.GetAsync(current.Value.EncounterId, cancellationToken);
            var now = clock.GetUtcNow();
            var answered = current.Value with { Status = QueryStatus.Answered, Answer = answer.Trim(), AnsweredBy = actor, AnsweredAt = now };
            var changes = new ChangeSet()
                .Put(Key(queryId), answered, current.Version)
                .Unindex(StatusIndex(QueryStatus.Open), queryId)
                .Index(StatusIndex(QueryStatus.Answered), queryId, now.ToUnixTimeMilliseconds())
                .Put($"encounter:{encounter.Value.EncounterId}", encounter.Value with
                {
                    Audit = [.. encounter.Value.Audit, new AuditEntry(actor, $"provider query {queryId} answered", now, encounter.Version + 1)],
                }, encounter.Version);
            if ((await store.CommitAsync(changes, cancellationToken)).IsCommitted)
            {
                return answered;
            }
        }

        throw new ConcurrencyConflictException("Provider query", queryId);
    }

    /// <summary>Queries of one encounter, or all in one status, oldest first.</summary>
    public async Task<Page<ProviderQuery>> ListAsync(string encounterId, QueryStatus status, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var index = !string.IsNullOrEmpty(encounterId) ? EncounterIndex(encounterId) : StatusIndex(status == QueryStatus.Unspecified ? QueryStatus.Open : status);
        var page = await store.PageOfAsync<ProviderQuery>(index, Key, pageToken, pageSize, descending: false, cancellationToken);
        return page with { Items = page.Items.Where(q => string.IsNullOrEmpty(encounterId) || status == QueryStatus.Unspecified || q.Status == status).ToArray() };
    }
}
