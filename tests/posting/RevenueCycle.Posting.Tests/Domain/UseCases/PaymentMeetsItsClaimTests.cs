using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.UseCases;
using static RevenueCycle.Posting.Tests.Remittances;

namespace RevenueCycle.Posting.Tests.Domain.UseCases;

/// <summary>
/// A claim payment and its claim's claim-submitted event, interleaved in each order that once lost the match: one
/// transaction reads, the other commits, the first commits. Whatever the order, the payment ends matched to the
/// claim's lines and nothing waits in the unmatched queue.
/// </summary>
public sealed class PaymentMeetsItsClaimTests
{
    private readonly InterleavingStore _store = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClaimSubmittedIntegrationEvent Submitted() => new("C1", 1, "1", "12345", "acct-1", 14_500,
    [
        new SubmittedLineCodes("C1-1", "99213", [], ["E119"], new DateOnly(2026, 3, 2), 1, 12_500, "11"),
        new SubmittedLineCodes("C1-2", "82947", [], ["E119"], new DateOnly(2026, 3, 2), 1, 2_000, "11"),
    ], "11");

    /// <summary>The payer sends no REF*6R: only matching against the submitted claim gives the lines our control numbers.</summary>
    private static Remittance Payment() => WithCodingDenial() with
    {
        Claims = [WithCodingDenial().Claims[0] with { Lines = [.. WithCodingDenial().Claims[0].Lines.Select(l => l with { LineItemControlNumber = "" })] }],
    };

    [Fact]
    public async Task ClaimArrives_WhileTheChunkIsInFlight_TheChunkIsMatchedAgain()
    {
        var claims = new SubmittedClaimUseCases(_store, _clock);
        var handled = false;
        // The chunk has read claim:C1 (not there); the claim-submitted handler runs to its commit before the chunk commits.
        _store.AfterRead = async key =>
        {
            if (key == SubmittedClaimUseCases.Key("C1") && !handled)
            {
                handled = true;
                await claims.HandleAsync(Submitted(), Ct);
            }
        };

        var result = await new RemittanceUseCases(_store, _clock).PostAsync(Payment(), Ct);

        await AssertMatchedAsync(result.RemittanceId);
    }

    [Fact]
    public async Task ChunkCommits_WhileTheClaimIsHandled_TheHandlerMatchesTheWaitingPayment()
    {
        var remittances = new RemittanceUseCases(_store, _clock);
        string? remittanceId = null;
        // The handler has read claim:C1 and the (empty) waiting list; the chunk posting the payment commits before the handler does.
        _store.AfterRead = async key =>
        {
            if (key == UnmatchedUseCases.ByClaimIndex("C1") && remittanceId is null)
            {
                remittanceId = "";
                remittanceId = (await remittances.PostAsync(Payment(), Ct)).RemittanceId;
            }
        };

        await new SubmittedClaimUseCases(_store, _clock).HandleAsync(Submitted(), Ct);

        await AssertMatchedAsync(remittanceId!);
    }

    [Fact]
    public async Task ClaimArrivesLong_AfterItsPayment_ThePaymentIsMatchedNotOnlyDequeued()
    {
        var posted = await new RemittanceUseCases(_store, _clock).PostAsync(Payment(), Ct);
        Assert.Single((await new UnmatchedUseCases(_store).ListAsync(10, "", Ct)).Items);

        await new SubmittedClaimUseCases(_store, _clock).HandleAsync(Submitted(), Ct);

        await AssertMatchedAsync(posted.RemittanceId);
    }

    private async Task AssertMatchedAsync(string remittanceId)
    {
        _store.AfterRead = _ => Task.CompletedTask;
        var remittance = await new RemittanceQueries(_store).GetAsync(remittanceId, Ct);
        Assert.Equal(["C1-1", "C1-2"], remittance.Claims.Single().Lines.Select(l => l.LineItemControlNumber));
        Assert.Empty((await new UnmatchedUseCases(_store).ListAsync(10, "", Ct)).Items);
        var claim = await _store.GetAsync<SubmittedClaim>(SubmittedClaimUseCases.Key("C1"), Ct);
        Assert.True(claim!.Value.Known);
    }

    /// <summary>An in-memory store that runs a hook after a read of a given key or index: the other transaction, in between.</summary>
    private sealed class InterleavingStore : IDocumentStore
    {
        private readonly InMemoryDocumentStore _inner = new();

        public Func<string, Task> AfterRead { get; set; } = _ => Task.CompletedTask;

        public async Task<StoredDocument?> GetAsync(string key, CancellationToken cancellationToken = default)
        {
            var document = await _inner.GetAsync(key, cancellationToken);
            await AfterRead(key);
            return document;
        }

        public async Task<IReadOnlyList<StoredDocument>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
        {
            var documents = await _inner.GetManyAsync(keys, cancellationToken);
            foreach (var key in keys)
            {
                await AfterRead(key);
            }

            return documents;
        }

        public async Task<IReadOnlyList<IndexEntry>> RangeAsync(string index, IndexEntry? after, int take, bool descending = false, CancellationToken cancellationToken = default)
        {
            var entries = await _inner.RangeAsync(index, after, take, descending, cancellationToken);
            await AfterRead(index);
            return entries;
        }

        public Task<IReadOnlyDictionary<string, long>> GetCountersAsync(string key, CancellationToken cancellationToken = default) => _inner.GetCountersAsync(key, cancellationToken);

        public Task<IdempotencyRecord?> GetIdempotencyAsync(string idempotencyKey, CancellationToken cancellationToken = default) => _inner.GetIdempotencyAsync(idempotencyKey, cancellationToken);

        public Task<CommitResult> CommitAsync(ChangeSet changes, CancellationToken cancellationToken = default) => _inner.CommitAsync(changes, cancellationToken);
    }
}
