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

            var closed = current.Value with { ClosedAt = clock.GetUtcNow(), Resolution = text };
            var changes = new ChangeSet().Put(DenialKey(denialId), closed, current.Version).Unindex(WorklistIndex(closed.RootCause), denialId);
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
        var ids = await store.RangeAsync(ClaimDenialsIndex(payment.EffectiveClaimId), null, 100, cancellationToken: cancellationToken);
        foreach (var denial in await store.GetManyAsync<Denial>(ids.Select(d => DenialKey(d.Member)).ToArray(), cancellationToken))
        {
            var d = denial.Value;
            var overturned = d.LineItemControlNumber.Length > 0 ? paidLines.Contains(d.LineItemControlNumber) : payment.PaidCents > 0;
            if (d.Open && overturned && d.RemittanceId != remittanceId && closedInCommit.Add(d.DenialId))
            {
                changes.Put(DenialKey(d.DenialId), d with { ClosedAt = now, Resolution = $"paid on a later answer ({remittanceId})" }, denial.Version)
                    .Unindex(WorklistIndex(d.RootCause), d.DenialId);
            }
        }
    }
}
