using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Posting.Domain.Model;
using static RevenueCycle.Posting.Domain.UseCases.RemittanceKeys;

namespace RevenueCycle.Posting.Domain.UseCases;

/// <summary>
/// How a denial ends: its owner closes it (written off as final, won on appeal, corrected, or another reason), or the
/// payer pays what it denied on a later answer (<see cref="CloseOverturnedAsync"/>). A closed denial leaves its owner's
/// worklist and stays in the denial lists with its resolution.
/// </summary>
public sealed class DenialUseCases(IDocumentStore store, TimeProvider clock)
{
    public static readonly string[] Resolutions = ["WRITTEN_OFF", "APPEALED", "CORRECTED", "OTHER"];

    /// <summary>Closes an open denial; the same resolution again returns it unchanged, another one is refused.</summary>
    public async Task<Denial> ResolveAsync(string denialId, string resolution, string note, CancellationToken cancellationToken)
    {
        new Validator()
            .RequireText(denialId, "denial_id", 64)
            .Require(Resolutions.Contains(resolution), "resolution", $"must be one of {string.Join(", ", Resolutions)}")
            .Require(note.Length <= 500, "note", "is longer than 500 characters")
            .ThrowIfInvalid();
        var text = note.Trim().Length > 0 ? $"{resolution}: {note.Trim()}" : resolution;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var current = await store.GetAsync<Denial>(DenialKey(denialId), cancellationToken) ?? throw new NotFoundException("Denial", denialId);
            if (!current.Value.Open)
            {
                return current.Value.Resolution == text
                    ? current.Value
                    : throw new PreconditionFailedException($"Denial '{denialId}' was closed on {current.Value.ClosedAt:yyyy-MM-dd}: {current.Value.Resolution}.");
            }

            var changes = new ChangeSet();
            var closed = Close(changes, current, clock.GetUtcNow(), text)!;
            if ((await store.CommitAsync(changes, cancellationToken)).IsCommitted)
            {
                return closed;
            }
        }

        throw new ConcurrencyConflictException("Denial", denialId);
    }

    /// <summary>
    /// A later answer on a corrected claim pays what an earlier one denied: the line's denial (its line paid now) or the
    /// claim's (the claim paid now) is closed as overturned, in the commit that posts the payment. Denials of the
    /// remittance being posted, and those closed earlier in the same commit, are left alone.
    /// </summary>
    internal async Task CloseOverturnedAsync(ClaimPayment payment, string remittanceId, ChangeSet changes, ISet<string> closedInCommit, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var paidLines = payment.Lines.Where(l => l.PaidCents > 0).Select(l => l.LineItemControlNumber).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        foreach (var denial in await OfClaimAsync(payment.EffectiveClaimId, cancellationToken))
        {
            var d = denial.Value;
            var overturned = d.LineItemControlNumber.Length > 0 ? paidLines.Contains(d.LineItemControlNumber) : payment.PaidCents > 0;
            if (overturned && d.RemittanceId != remittanceId)
            {
                Close(changes, denial, now, $"paid on a later answer ({remittanceId})", closedInCommit);
            }
        }
    }

    /// <summary>The claim's denials (its newest 100), with their versions.</summary>
    internal async Task<IReadOnlyList<Versioned<Denial>>> OfClaimAsync(string claimId, CancellationToken cancellationToken)
    {
        var ids = await store.RangeAsync(ClaimDenialsIndex(claimId), null, 100, cancellationToken: cancellationToken);
        return await store.GetManyAsync<Denial>(ids.Select(d => DenialKey(d.Member)).ToArray(), cancellationToken);
    }

    /// <summary>
    /// Closes an open denial in <paramref name="changes"/>: resolution and time written, off its owner's worklist. Nothing
    /// for a denial already closed, or already closed in this commit (<paramref name="closedInCommit"/>), so a commit never
    /// writes one denial twice. Returns the closed denial, or null.
    /// </summary>
    internal static Denial? Close(ChangeSet changes, Versioned<Denial> denial, DateTimeOffset at, string resolution, ISet<string>? closedInCommit = null)
    {
        if (!denial.Value.Open || closedInCommit?.Add(denial.Value.DenialId) == false)
        {
            return null;
        }

        var closed = denial.Value with { ClosedAt = at, Resolution = resolution };
        changes.Put(DenialKey(closed.DenialId), closed, denial.Version).Unindex(WorklistIndex(closed.RootCause), closed.DenialId);
        return closed;
    }
}
