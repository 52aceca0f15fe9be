using System.Globalization;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Submission.Domain.Model;
using RevenueCycle.Submission.Domain.Ports;
using RevenueCycle.X12.Claims;
using RevenueCycle.X12.Writing;

namespace RevenueCycle.Submission.Domain.UseCases;

/// <summary>
/// Batches queued claims into interchanges and hands them to the clearinghouse. Building and recording a
/// transmission is one commit: the next control number of the sender, the X12 file, and every claim version moved
/// to Submitted; so a claim version goes into exactly one interchange. Sending is separate and retried with the
/// same recorded bytes until the clearinghouse takes them: a retry never makes a second 837.
/// </summary>
public sealed class TransmissionUseCases(IDocumentStore store, IClearinghouse clearinghouse, SubmissionSettings settings, TimeProvider clock)
{
    private const int MaxAttempts = 8;

    /// <summary>Builds the next transmission from the queue; null when nothing is queued.</summary>
    public async Task<Transmission?> BuildAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var queued = await store.RangeAsync(ClaimKeys.Queue, null, settings.BatchSize, cancellationToken: cancellationToken);
            if (queued.Count == 0)
            {
                return null;
            }

            var records = (await store.GetManyAsync<ClaimRecord>(queued.Select(q => ClaimKeys.Claim(q.Member)).ToArray(), cancellationToken)).ToList();
            var changes = new ChangeSet();
            var ready = records.Where(r => r.Value.Latest.Status == ClaimStatus.Scrubbed).ToList();
            foreach (var stale in queued.Where(q => !ready.Any(r => r.Value.ClaimId == q.Member)))
            {
                changes.Unindex(ClaimKeys.Queue, stale.Member); // corrected, voided or sent meanwhile
            }

            if (ready.Count == 0)
            {
                await store.CommitAsync(changes, cancellationToken);
                return null;
            }

            var counter = await store.GetAsync<SenderCounter>(ClaimKeys.Counter(settings.Submitter.Id), cancellationToken);
            var next = SenderCounter.Next(counter?.Value);
            var now = clock.GetUtcNow();
            var header = new InterchangeHeader("ZZ", settings.Submitter.Id, "ZZ", settings.Submitter.ReceiverId, next, settings.Production);
            var interchange = Claim837Batch.Build(ready.Select(r => r.Value.Latest.Claim).ToArray(), settings.Submitter, header, now);
            var id = interchange.ControlNumber;
            var byControlNumber = interchange.Groups.SelectMany(g => g.Transactions)
                .SelectMany(t => t.Root.Segments.Where(s => s.Id == "CLM").Select(s => (Pcn: s[1], St: t.ControlNumber)))
                .ToDictionary(x => x.Pcn, x => x.St, StringComparer.Ordinal);
            var transmitted = ready.Select(r => new TransmittedClaim(r.Value.ClaimId, r.Value.Latest.VersionNumber, r.Value.Latest.Claim.Payer?.PayerId ?? "",
                byControlNumber.GetValueOrDefault(r.Value.Latest.Claim.PatientControlNumber, ""))).ToArray();
            var transmission = new Transmission(id, $"837-{settings.Submitter.Id}-{id}.x12", X12Writer.Write(interchange), transmitted,
                interchange.Groups.Select(g => g.ControlNumber).ToArray(), TransmissionStatus.Pending, now, null, 0, "");

            changes.Put(ClaimKeys.Counter(settings.Submitter.Id), new SenderCounter(settings.Submitter.Id, next), counter?.Version ?? ChangeSet.New)
                .Put(ClaimKeys.Transmission(id), transmission, ChangeSet.New)
                .Index(ClaimKeys.Transmissions, id, now.ToUnixTimeMilliseconds())
                .Index(ClaimKeys.PendingTransmissions, id, now.ToUnixTimeMilliseconds());
            foreach (var group in transmission.GroupControlNumbers)
            {
                changes.Put(ClaimKeys.Group(group), transmission.Id, ChangeSet.New);
            }

            foreach (var record in ready)
            {
                var sent = record.Value.Latest.Becomes(ClaimStatus.Submitted, now, $"transmission {id}") with { TransmissionId = id };
                changes.PutClaim(record.Value.WithLatest(sent), record.Version)
                    .Unindex(ClaimKeys.Queue, record.Value.ClaimId);
            }

            if ((await store.CommitAsync(changes, cancellationToken)).IsCommitted)
            {
                return transmission;
            }
        }

        throw new ConcurrencyConflictException("Transmission", settings.Submitter.Id);
    }

    /// <summary>Hands every pending transmission to the clearinghouse; returns how many went.</summary>
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var entry in await store.RangeAsync(ClaimKeys.PendingTransmissions, null, 50, cancellationToken: cancellationToken))
        {
            if (await store.GetAsync<Transmission>(ClaimKeys.Transmission(entry.Member), cancellationToken) is not { } current)
            {
                continue;
            }

            var transmission = current.Value;
            var changes = new ChangeSet();
            try
            {
                await clearinghouse.SendAsync(new ClearinghouseFile(transmission.FileName, transmission.Content), cancellationToken);
                changes.Put(ClaimKeys.Transmission(transmission.Id), transmission with { Status = TransmissionStatus.Sent, SentAt = clock.GetUtcNow(), Attempts = transmission.Attempts + 1, LastError = "" }, current.Version)
                    .Unindex(ClaimKeys.PendingTransmissions, transmission.Id);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Kept pending: the same bytes go again on the next round. The error's type, never its text (it may quote data).
                changes.Put(ClaimKeys.Transmission(transmission.Id), transmission with { Attempts = transmission.Attempts + 1, LastError = e.GetType().Name }, current.Version);
            }

            await store.CommitAsync(changes, cancellationToken);
        }

        return sent;
    }

    public async Task<Transmission> GetAsync(string id, CancellationToken cancellationToken)
    {
        new Validator().RequireText(id, "transmission_id").ThrowIfInvalid();
        return (await store.GetAsync<Transmission>(ClaimKeys.Transmission(id), cancellationToken))?.Value ?? throw new NotFoundException("Transmission", id);
    }

    /// <summary>Newest first, a page at a time (the page token is the last entry's cursor).</summary>
    public async Task<(IReadOnlyList<Transmission> Items, IndexEntry? Next)> ListAsync(IndexEntry? after, int take, CancellationToken cancellationToken)
    {
        var entries = await store.RangeAsync(ClaimKeys.Transmissions, after, take + 1, descending: true, cancellationToken: cancellationToken);
        var page = entries.Take(take).ToList();
        var items = (await store.GetManyAsync<Transmission>(page.Select(e => ClaimKeys.Transmission(e.Member)).ToArray(), cancellationToken)).Select(v => v.Value).ToList();
        return (items, entries.Count > take ? page[^1] : null);
    }

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
