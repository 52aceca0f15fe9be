using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Submission.Domain.Model;
using RevenueCycle.Submission.Domain.Ports;
using RevenueCycle.X12;
using RevenueCycle.X12.Acknowledgments;
using RevenueCycle.X12.Remittances;
using RevenueCycle.X12.Schema;

namespace RevenueCycle.Submission.Domain.UseCases;

/// <summary>
/// What one round of intake did. <c>RefusedRemittances</c>: 835s not posted (posting refused them, a version intake
/// does not read, no claim payments), not applied, and set aside with the reasons on the file's record.
/// </summary>
public sealed record IntakeResult(
    int Files, int Duplicates, int Unreadable, int Acknowledgments, int ClaimAcknowledgments, int StatusResponses, int Remittances, int Rejections, int RefusedRemittances = 0);

/// <summary>
/// Reads what the clearinghouse sends back and moves claims along: a 999 accepts or rejects the transaction sets
/// of a transmission; a 277CA accepts a claim into adjudication (recording the payer's claim number) or rejects it;
/// a 277 notes its status; an 835 goes to posting and marks its claims adjudicated, and a primary adjudication
/// becomes the secondary claim when there is one. Rejections publish claim-rejected with their root cause. Each
/// file is handled once (by its hash) and all it changes is one commit; a file that is not X12 is set aside, never
/// half-imported.
/// </summary>
public sealed class IntakeUseCases(IDocumentStore store, IClearinghouse clearinghouse, IRemittancePoster poster, ClaimUseCases claims, TimeProvider clock)
{
    private const int MaxAttempts = 8;

    /// <summary>Reasons kept per 835 not posted (posting may report every claim of thousands); each 835 keeps its own line.</summary>
    private const int MaxReasonsPerRemittance = 20;

    public async Task<IntakeResult> ReceiveAsync(CancellationToken cancellationToken)
    {
        var total = new IntakeResult(0, 0, 0, 0, 0, 0, 0, 0);
        foreach (var file in await clearinghouse.ReceiveAsync(cancellationToken))
        {
            var result = await ProcessAsync(file, cancellationToken);
            await clearinghouse.AcknowledgeAsync(file, cancellationToken);
            total = new IntakeResult(total.Files + 1, total.Duplicates + result.Duplicates, total.Unreadable + result.Unreadable, total.Acknowledgments + result.Acknowledgments,
                total.ClaimAcknowledgments + result.ClaimAcknowledgments, total.StatusResponses + result.StatusResponses, total.Remittances + result.Remittances, total.Rejections + result.Rejections,
                total.RefusedRemittances + result.RefusedRemittances);
        }

        return total;
    }

    /// <summary>What intake recorded of a file with this content (its kinds, or why it was set aside), or null if never received.</summary>
    public async Task<InboundFile?> FindAsync(string content, CancellationToken cancellationToken) =>
        (await store.GetAsync<InboundFile>(ClaimKeys.Inbound(ClearinghouseFile.IdOf(content)), cancellationToken))?.Value;

    /// <summary>
    /// The files set aside, newest first: unreadable ones and those with an 835 posting refused, each with why. The
    /// money in a refused 835 is not posted until someone acts on it (with the payer, or posting it by hand).
    /// </summary>
    public Task<Page<InboundFile>> SetAsideAsync(int pageSize, string pageToken, CancellationToken cancellationToken) =>
        store.PageOfAsync<InboundFile>(ClaimKeys.SetAside, ClaimKeys.Inbound, pageToken, pageSize, descending: true, cancellationToken);

    /// <summary>
    /// Takes a set-aside file off the worklist once someone has dealt with it (posted the 835 by hand, had the payer
    /// send it again), keeping what they said and when. Resolving it again returns it unchanged.
    /// </summary>
    public async Task<InboundFile> ResolveAsync(string id, string resolution, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(id.Length == 64 && id.All(char.IsAsciiHexDigitLower), "file_id", "is the 64 lower-case hex digits a set-aside file is listed with")
            .RequireText(resolution, "resolution", 500)
            .ThrowIfInvalid();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var current = await store.GetAsync<InboundFile>(ClaimKeys.Inbound(id), cancellationToken) ?? throw new NotFoundException("Inbound file", id);
            if (current.Value.ResolvedAt is not null)
            {
                return current.Value;
            }

            if (current.Value.Errors.Count == 0 && current.Value.Kinds != "unreadable")
            {
                throw new PreconditionFailedException($"Inbound file '{id}' was not set aside: there is nothing to resolve.");
            }

            var resolved = current.Value with { ResolvedAt = clock.GetUtcNow(), Resolution = resolution.Trim() };
            var changes = new ChangeSet().Put(ClaimKeys.Inbound(id), resolved, current.Version).Unindex(ClaimKeys.SetAside, id);
            if ((await store.CommitAsync(changes, cancellationToken)).IsCommitted)
            {
                return resolved;
            }
        }

        throw new ConcurrencyConflictException("Inbound file", id);
    }

    /// <summary>
    /// Reads one response file that came another way than the clearinghouse's inbox (a corrected 835 for a set-aside
    /// one, a file from the payer's portal) as the inbox's are read, and returns its record. A file read before (by its
    /// content, whichever way it came) changes nothing. Unlike the inbox, which sets a file that is not X12 aside for
    /// someone to look at, a file handed in by a person is refused with its located errors and nothing is kept, as
    /// is one with no answer in it (an 837 handed in by mistake).
    /// </summary>
    public async Task<(IntakeResult Result, InboundFile File)> ReceiveFileAsync(string name, string content, CancellationToken cancellationToken)
    {
        new Validator()
            .RequireText(name, "file_name", 255)
            .Require(name.IndexOfAny(['/', '\\']) < 0 && !name.Any(char.IsControl), "file_name", "is a file's name, without a directory or control characters")
            .Require(!string.IsNullOrWhiteSpace(content), "content", "is required: the X12 interchange as received")
            .ThrowIfInvalid();
        var hash = ClearinghouseFile.IdOf(content);
        if ((await store.GetAsync<InboundFile>(ClaimKeys.Inbound(hash), cancellationToken))?.Value is { } known)
        {
            return (new IntakeResult(1, 1, 0, 0, 0, 0, 0, 0), known);
        }

        var document = X12Reader.Parse(content);
        if (Unreadable(document))
        {
            var errors = document.Errors.Count == 0 ? ["holds no transaction set"] : document.Errors.Take(20).Select(e => e.ToString());
            throw new ValidationException([.. errors.Select(e => new FieldViolation("content", $"is not a readable X12 interchange: {e}"))]);
        }

        if (!document.Transactions.Any(t => t.Type is "999" or "277" or "835"))
        {
            throw new ValidationException("content", $"holds no answer to read (999, 277CA, 277 or 835), only {string.Join(", ", document.Transactions.Select(t => t.Type).Distinct())}");
        }

        var result = await ProcessAsync(new ClearinghouseFile(name.Trim(), content), hash, document, cancellationToken);
        return (result, (await store.GetAsync<InboundFile>(ClaimKeys.Inbound(hash), cancellationToken))?.Value
            ?? throw new InvalidOperationException("The file's record is missing after it was read."));
    }

    /// <summary>Not an interchange to read: no transaction set, or an envelope (ISA/IEA) the reader could not trust.</summary>
    private static bool Unreadable(X12.Model.X12Document document) =>
        !document.Transactions.Any() || document.Errors.Any(e => e.Syntax == X12.Errors.X12ErrorSyntax.Interchange);

    /// <summary>Handles one received file; a file seen before changes nothing.</summary>
    public async Task<IntakeResult> ProcessAsync(ClearinghouseFile file, CancellationToken cancellationToken)
    {
        var hash = ClearinghouseFile.IdOf(file.Content);
        return await store.GetAsync(ClaimKeys.Inbound(hash), cancellationToken) is not null
            ? new IntakeResult(1, 1, 0, 0, 0, 0, 0, 0)
            : await ProcessAsync(file, hash, X12Reader.Parse(file.Content), cancellationToken);
    }

    /// <summary>A file not seen before, read once by the caller (a file handed in is checked before it is kept).</summary>
    private async Task<IntakeResult> ProcessAsync(ClearinghouseFile file, string hash, X12.Model.X12Document document, CancellationToken cancellationToken)
    {
        var transactions = document.Transactions.ToList();
        if (Unreadable(document))
        {
            // Set aside, located: the file's name and error codes, never its content.
            await store.CommitAsync(new ChangeSet().Put(ClaimKeys.Inbound(hash), new InboundFile(file.Name, "unreadable", clock.GetUtcNow(),
                document.Errors.Take(20).Select(e => e.ToString()).ToArray(), hash), ChangeSet.New).Index(ClaimKeys.SetAside, hash, clock.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken);
            return new IntakeResult(1, 0, 1, 0, 0, 0, 0, 0);
        }

        // Remittances go to posting first: it takes one it already posted as done, so a retry of this file is harmless.
        // One that is not posted (posting refused it, a version intake does not read, no claim payments) is set aside
        // with a line saying which and what it paid, then the reasons; it is not applied here, the file's other answers
        // still are, and the next file is not held up behind it.
        var remittances = new List<Remittance835>();
        var refused = new List<string>();
        List<RemittanceReference>? unposted = []; // the payments of the 835s not posted; null once one cannot be matched
        foreach (var (transaction, index) in transactions.Where(t => t.Type == "835").Select((t, i) => (t, i + 1)))
        {
            var where = $"835 {index} (ST {transaction.ControlNumber})";
            var remittance = transaction.Spec is null ? null : Remittance835Reader.Read(transaction);
            IReadOnlyList<string> errors = remittance switch
            {
                null => [$"version {transaction.Version} is not one intake reads"],
                { Claims.Count: 0 } => ["no claim payments, only provider-level adjustments: post it by hand"],
                _ => await poster.PostAsync(remittance, cancellationToken),
            };
            if (errors.Count == 0)
            {
                remittances.Add(remittance!);
                continue;
            }

            if (remittance is { Claims.Count: > 0 } && RemittanceReference.Of(remittance) is { } reference)
            {
                unposted?.Add(reference);
            }
            else
            {
                // Unreadable, only provider-level adjustments, or no payer or trace to know it by: no later 835 can be
                // matched to it, so only a person can say when it is dealt with.
                unposted = null;
            }

            refused.Add(remittance is null
                ? $"{where}: not posted"
                : $"{where}: not posted: trace {remittance.TraceNumber}, payer {remittance.PayerId}, {Money.Format(remittance.TotalPaidCents)} in {remittance.Claims.Count} claim(s)");
            refused.AddRange(errors.Take(MaxReasonsPerRemittance).Select(e => $"{where}: {e}"));
            if (errors.Count > MaxReasonsPerRemittance)
            {
                refused.Add($"{where}: and {errors.Count - MaxReasonsPerRemittance} more");
            }
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var batch = new Batch(store, clock.GetUtcNow());
            var counts = new int[4];
            var rejections = 0;
            foreach (var transaction in transactions.Where(t => t.Spec is not null))
            {
                switch (transaction.Type, transaction.Version)
                {
                    case ("999", _):
                        counts[0]++;
                        rejections += await Apply999Async(batch, Acknowledgment999Builder.Read(transaction), cancellationToken);
                        break;
                    case ("277", ClaimAcknowledgment277Builder.Version):
                        counts[1]++;
                        rejections += await Apply277CaAsync(batch, ClaimAcknowledgment277Builder.Read(transaction), cancellationToken);
                        break;
                    case ("277", ClaimStatusResponse277Builder.Version):
                        counts[2]++;
                        await Apply277Async(batch, ClaimStatusResponse277Builder.Read(transaction), cancellationToken);
                        break;
                }
            }

            foreach (var remittance in remittances)
            {
                counts[3]++;
                await Apply835Async(batch, remittance, cancellationToken);
            }

            var (awaited, answeredBy) = await TrackPaymentsAsync(batch, file.Name, hash, remittances, unposted, cancellationToken);
            var record = new InboundFile(file.Name, string.Join(",", transactions.Select(t => t.Type).Distinct()), batch.Now, refused, hash,
                Unposted: unposted is null ? null : awaited);
            if (refused.Count > 0 && unposted is not null && awaited.Count == 0)
            {
                // Every payment it could not post had already posted (from an earlier file, or another 835 in this one).
                record = record with { ResolvedAt = batch.Now, Resolution = $"its 835s had already posted from {answeredBy}" };
            }
            else if (refused.Count > 0)
            {
                // On the worklist until someone posts it by hand, or until every 835 it could not post posts from a later file.
                batch.Changes.Index(ClaimKeys.SetAside, hash, batch.Now.ToUnixTimeMilliseconds());
            }

            batch.Changes.Put(ClaimKeys.Inbound(hash), record, ChangeSet.New);
            var committed = await store.CommitAsync(batch.Complete(), cancellationToken);
            if (committed.IsCommitted)
            {
                return new IntakeResult(1, 0, 0, counts[0], counts[1], counts[2], counts[3], rejections, transactions.Count(t => t.Type == "835") - remittances.Count);
            }

            if (committed.ConflictingKey == ClaimKeys.Inbound(hash))
            {
                return new IntakeResult(1, 1, 0, 0, 0, 0, 0, 0); // another replica handled it first
            }
        }

        throw new ConcurrencyConflictException("Inbound file", file.Name);
    }

    /// <summary>"NM103", or an id the dictionary does not know named by its length (it may be stray text), then the element.</summary>
    private static string Located(string segmentId, int element)
    {
        var name = segmentId.Length == 0 ? "" : Guides.SegmentName(segmentId);
        return element == 0 ? name : name == segmentId ? $"{segmentId}{element:D2}" : $"{name} element {element:D2}".TrimStart();
    }

    private static async Task<int> Apply999Async(Batch batch, Acknowledgment999 ack, CancellationToken cancellationToken)
    {
        if (await batch.Store.GetAsync<string>(ClaimKeys.Group(ack.GroupControlNumber), cancellationToken) is not { } group
            || await batch.TransmissionAsync(group.Value, cancellationToken) is not { } transmission)
        {
            return 0; // a 999 for a group this service did not send
        }

        var rejections = 0;
        foreach (var transactionAck in ack.Transactions)
        {
            var codes = transactionAck.SyntaxCodes.Select(c => $"IK5 {c}")
                .Concat(transactionAck.Errors.Select(e => e.ElementPosition > 0 ? $"IK4 {e.ElementCode} {Located(e.SegmentId, e.ElementPosition)}" : $"IK3 {e.SegmentCode} {Located(e.SegmentId, 0)}".TrimEnd()))
                .Distinct().Take(20).ToArray();
            foreach (var sent in transmission.Claims.Where(c => c.TransactionControlNumber == transactionAck.ControlNumber))
            {
                if (await batch.ClaimAsync(sent.ClaimId, cancellationToken) is not { } record || record.Latest.VersionNumber != sent.Version)
                {
                    continue;
                }

                if (transactionAck.Accepted)
                {
                    batch.Keep(record.WithLatest(record.Latest.Noting(batch.Now, "999", "transaction set accepted")));
                    continue;
                }

                batch.Keep(record.WithLatest(record.Latest.Becomes(ClaimStatus.Rejected, batch.Now, "999", string.Join("; ", codes))));
                batch.Changes.Publish(new ClaimRejectedIntegrationEvent(record.ClaimId, sent.Version, sent.PayerId, "999", RejectionCauses.ForAcknowledgment, codes, "The transaction set did not meet the implementation guide."));
                rejections++;
            }
        }

        // A transmission of several groups gets a 999 for each, in one file or several: one rejected group rejects it.
        var status = transmission.Status != TransmissionStatus.Rejected && ack.Transactions.All(t => t.Accepted) ? TransmissionStatus.Accepted : TransmissionStatus.Rejected;
        batch.Keep(transmission with { Status = status });
        return rejections;
    }

    private static async Task<int> Apply277CaAsync(Batch batch, ClaimAcknowledgment277 ack, CancellationToken cancellationToken)
    {
        var rejections = 0;
        foreach (var status in ack.Claims)
        {
            if (await batch.ClaimAsync(status.PatientControlNumber, cancellationToken) is not { } record || record.Latest.Status is not (ClaimStatus.Submitted or ClaimStatus.Accepted))
            {
                continue;
            }

            var code = $"{status.CategoryCode}:{status.StatusCode}{(status.EntityCode.Length > 0 ? ":" + status.EntityCode : "")}";
            if (status.Accepted)
            {
                batch.Keep(record.WithLatest(record.Latest.Becomes(ClaimStatus.Accepted, batch.Now, "277CA", code)) with
                {
                    PayerClaimControlNumber = status.PayerClaimControlNumber.Length > 0 ? status.PayerClaimControlNumber : record.PayerClaimControlNumber,
                });
                continue;
            }

            var cause = RejectionCauses.ForClaimStatus(status.CategoryCode, status.StatusCode, status.EntityCode);
            batch.Keep(record.WithLatest(record.Latest.Becomes(ClaimStatus.Rejected, batch.Now, "277CA", code)));
            batch.Changes.Publish(new ClaimRejectedIntegrationEvent(record.ClaimId, record.Latest.VersionNumber, record.Latest.Claim.Payer?.PayerId ?? "", "277CA", cause, [code],
                $"The payer's front end rejected the claim ({RejectionCauses.Version})."));
            rejections++;
        }

        return rejections;
    }

    private static async Task Apply277Async(Batch batch, ClaimStatusResponse277 response, CancellationToken cancellationToken)
    {
        foreach (var entry in response.Claims)
        {
            if (await batch.ClaimAsync(entry.PatientControlNumber, cancellationToken) is { } record)
            {
                batch.Keep(record.WithLatest(record.Latest.Noting(batch.Now, "277", $"{entry.CategoryCode}:{entry.StatusCode}")));
            }
        }
    }

    private async Task Apply835Async(Batch batch, Remittance835 remittance, CancellationToken cancellationToken)
    {
        foreach (var payment in remittance.Claims)
        {
            if (await batch.ClaimAsync(payment.PatientControlNumber, cancellationToken) is not { } record)
            {
                continue; // not a claim of this service (posting still has it)
            }

            if (payment.StatusCode == "22")
            {
                batch.Keep(record.WithLatest(record.Latest.Noting(batch.Now, $"835 {remittance.TraceNumber}", "reversal of a previous payment")));
                continue;
            }

            var detail = $"CLP02 {payment.StatusCode}, paid {payment.PaidCents} cents, patient {payment.PatientResponsibilityCents} cents";
            var adjudicated = record.WithLatest(record.Latest.Becomes(ClaimStatus.Adjudicated, batch.Now, $"835 {remittance.TraceNumber}", detail)) with
            {
                PayerClaimControlNumber = payment.PayerClaimControlNumber.Length > 0 ? payment.PayerClaimControlNumber : record.PayerClaimControlNumber,
            };
            batch.Keep(adjudicated);
            if (SecondaryClaims.Due(adjudicated.Latest.Claim, payment) && await batch.ClaimAsync(SecondaryClaims.IdFor(record.ClaimId), cancellationToken) is null)
            {
                var secondary = SecondaryClaims.Build(adjudicated.Latest.Claim, remittance, payment, SecondaryClaims.IdFor(record.ClaimId));
                batch.Keep(await claims.NewRecordAsync(secondary, record.ClaimId, batch.Changes, cancellationToken));
            }
        }
    }

    /// <summary>
    /// Keeps, per payment (payer and trace number), which file it posted from or which set-aside files wait for it, as
    /// one versioned document that the file posting it and a file refusing it both write: whichever commits second
    /// reads what the first did (a retry after the conflict), so a payment posted first is never waited for. A posted
    /// payment crosses itself off each waiting file; a file with none left leaves the worklist, naming this one.
    /// Returns what this file still waits for, and which file answered the payments it does not.
    /// </summary>
    private static async Task<(IReadOnlyList<RemittanceReference> Awaited, string AnsweredBy)> TrackPaymentsAsync(
        Batch batch, string fileName, string hash, IReadOnlyList<Remittance835> posted, IReadOnlyList<RemittanceReference>? refused, CancellationToken cancellationToken)
    {
        var thisFile = $"{fileName} (file {hash[..12]})";
        var postedHere = posted.Select(RemittanceReference.Of).OfType<RemittanceReference>().Distinct().ToList();
        var waiting = new Loaded<InboundFile>(ClaimKeys.Inbound);
        foreach (var reference in postedHere)
        {
            var track = await batch.Store.GetAsync<PaymentTrack>(ClaimKeys.Payment(reference), cancellationToken);
            foreach (var waiter in (track?.Value.Waiting ?? []).Where(w => w != hash))
            {
                // Gone, or resolved by hand since (their note stands): left as it is.
                if (await waiting.GetAsync(batch.Store, waiter, cancellationToken) is { ResolvedAt: null } file)
                {
                    waiting.Keep(waiter, file with { Unposted = [.. (file.Unposted ?? []).Where(r => r != reference)] });
                }
            }

            var postedFrom = track?.Value.PostedFrom is { Length: > 0 } first ? first : thisFile; // posted again (a re-sent copy): the first file stays
            batch.Changes.Put(ClaimKeys.Payment(reference), new PaymentTrack(postedFrom, []), track?.Version ?? ChangeSet.New);
        }

        foreach (var (id, waiter, version) in waiting.Changed)
        {
            var answered = waiter.Unposted is { Count: 0 };
            batch.Changes.Put(ClaimKeys.Inbound(id), answered ? waiter with { ResolvedAt = batch.Now, Resolution = $"its 835s posted from {thisFile}" } : waiter, version);
            if (answered)
            {
                batch.Changes.Unindex(ClaimKeys.SetAside, id);
            }
        }

        var awaited = new List<RemittanceReference>();
        var answeredBy = new List<string>();
        foreach (var reference in (refused ?? []).Distinct())
        {
            if (postedHere.Contains(reference))
            {
                answeredBy.Add(thisFile);
                continue;
            }

            var track = await batch.Store.GetAsync<PaymentTrack>(ClaimKeys.Payment(reference), cancellationToken);
            if (track?.Value.PostedFrom is { Length: > 0 } from)
            {
                answeredBy.Add(from);
                continue;
            }

            awaited.Add(reference);
            batch.Changes.Put(ClaimKeys.Payment(reference), new PaymentTrack("", [.. track?.Value.Waiting ?? [], hash]), track?.Version ?? ChangeSet.New);
        }

        return (awaited, string.Join(", ", answeredBy.Distinct()));
    }

    /// <summary>The claims and transmissions a file touches, read once and written once with their versions checked.</summary>
    private sealed class Batch(IDocumentStore store, DateTimeOffset now)
    {
        private readonly Loaded<ClaimRecord> _claims = new(ClaimKeys.Claim);
        private readonly Loaded<Transmission> _transmissions = new(ClaimKeys.Transmission);

        public IDocumentStore Store { get; } = store;

        public DateTimeOffset Now { get; } = now;

        public ChangeSet Changes { get; } = new();

        public Task<ClaimRecord?> ClaimAsync(string claimId, CancellationToken cancellationToken) =>
            claimId.Length == 0 ? Task.FromResult<ClaimRecord?>(null) : _claims.GetAsync(Store, claimId, cancellationToken);

        /// <summary>Keeps a changed claim record, or a new one (a secondary claim).</summary>
        public void Keep(ClaimRecord record) => _claims.Keep(record.ClaimId, record);

        public Task<Transmission?> TransmissionAsync(string id, CancellationToken cancellationToken) => _transmissions.GetAsync(Store, id, cancellationToken);

        public void Keep(Transmission transmission) => _transmissions.Keep(transmission.Id, transmission);

        public ChangeSet Complete()
        {
            foreach (var (id, transmission, version) in _transmissions.Changed)
            {
                Changes.Put(ClaimKeys.Transmission(id), transmission, version);
            }

            foreach (var (_, record, version) in _claims.Changed)
            {
                Changes.PutClaim(record, version);
            }

            return Changes;
        }
    }

    /// <summary>Documents of one kind, each read once by id (with its version) and written once if changed.</summary>
    private sealed class Loaded<T>(Func<string, string> keyOf)
        where T : class
    {
        private readonly Dictionary<string, (T Value, long Version)> _items = new(StringComparer.Ordinal);
        private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

        public IEnumerable<(string Id, T Value, long Version)> Changed => _changed.Select(id => (id, _items[id].Value, _items[id].Version));

        public async Task<T?> GetAsync(IDocumentStore store, string id, CancellationToken cancellationToken)
        {
            if (_items.TryGetValue(id, out var known))
            {
                return known.Value;
            }

            if (await store.GetAsync<T>(keyOf(id), cancellationToken) is not { } stored)
            {
                return null;
            }

            _items[id] = (stored.Value, stored.Version);
            return stored.Value;
        }

        /// <summary>A document read before is written at the version read; one never read is new.</summary>
        public void Keep(string id, T value)
        {
            _items[id] = (value, _items.TryGetValue(id, out var known) ? known.Version : ChangeSet.New);
            _changed.Add(id);
        }
    }
}

/// <summary>
/// A file received from the clearinghouse, kept by its hash so it is handled once. <c>Id</c> is that hash (its
/// content's SHA-256, lower-case hex): the file's identity whatever its name. <c>ResolvedAt</c> and <c>Resolution</c>:
/// when someone took it off the set-aside worklist, and what they said (or which later file posted its 835s).
/// <c>Unposted</c>: the payments (payer and trace number) of the 835s it could not post that have not posted from another
/// file yet; none when one of its 835s cannot be matched (unreadable, only provider-level adjustments, no payer or
/// trace), as then only a person can say it is dealt with.
/// </summary>
public sealed record InboundFile(
    string Name, string Kinds, DateTimeOffset ReceivedAt, IReadOnlyList<string> Errors, string Id = "", DateTimeOffset? ResolvedAt = null, string Resolution = "",
    IReadOnlyList<RemittanceReference>? Unposted = null);

/// <summary>An 835 as a payer names it: the payer's id and the payment's trace number (TRN02, the check or EFT number).</summary>
public sealed record RemittanceReference(string PayerId, string TraceNumber)
{
    /// <summary>The payment an 835 is for, trimmed as posting keys it; null when it names no payer or no trace.</summary>
    public static RemittanceReference? Of(Remittance835 remittance) =>
        remittance.PayerId.Trim() is { Length: > 0 } payer && remittance.TraceNumber.Trim() is { Length: > 0 } trace ? new RemittanceReference(payer, trace) : null;
}

/// <summary>
/// What intake knows of one payment (kept under <see cref="ClaimKeys.Payment"/>): the file it posted from ("name (file
/// id's first 12 digits)"), or the set-aside files (by content hash) waiting for it to post.
/// </summary>
public sealed record PaymentTrack(string PostedFrom, IReadOnlyList<string> Waiting);
