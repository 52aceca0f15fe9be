using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.Ports;
using RevenueCycle.Eligibility.Domain.Rules;

namespace RevenueCycle.Eligibility.Domain.UseCases;

/// <summary>
/// Real-time eligibility: a question is answered from a snapshot that has not expired, otherwise the payer is asked
/// (270 out, 271 in) and the answer stored as a new snapshot with its raw 271. When the payer cannot be asked (no
/// answer in time, the clearinghouse down, AAA 42, a 271 that cannot be read) nothing is overwritten: the last
/// answer comes back marked stale with the reason, or, when there is none, an "unavailable" result. Nothing blocks
/// longer than the payer timeout and nothing else is affected.
/// </summary>
public sealed class EligibilityUseCases(IDocumentStore store, IEligibilityExchange exchange, CoverageUseCases coverages, EligibilityOptions options, TimeProvider clock)
{
    private static string CurrentKey(string questionKey) => $"eligibility:{questionKey}";

    private static string SnapshotKey(string snapshotId) => $"snapshot:{snapshotId}";

    private const string ControlKey = "control:270";
    private const int ControlBlock = 100;
    private readonly Lock _controlLock = new();
    private int _nextControl;
    private int _controlEnd;

    /// <summary>Answers of one member of one payer, by the time they came: the one in force on a date is found here.</summary>
    public static string MemberHistoryIndex(string payerId, string memberId) => $"snapshots-of:{Hash($"{payerId.Trim().ToUpperInvariant()}|{memberId.Trim().ToUpperInvariant()}")}";

    public async Task<EligibilityCheck> CheckAsync(EligibilityQuestion question, CancellationToken cancellationToken)
    {
        var payer = Validate(question);
        question = question with { ServiceTypes = question.ServiceTypes.Count == 0 ? ["30"] : question.ServiceTypes.Select(s => s.Trim().ToUpperInvariant()).Distinct().ToArray() };
        var key = QuestionKey(question);
        var current = await store.GetAsync<EligibilitySnapshot>(CurrentKey(key), cancellationToken);
        var now = clock.GetUtcNow();
        if (current is { } cached && cached.Value.ExpiresAt > now)
        {
            return new EligibilityCheck(cached.Value, FromCache: true, Stale: false, "");
        }

        var trace = "RCM" + Guid.CreateVersion7().ToString("N")[..27].ToUpperInvariant();
        var inquiry = EligibilityExchangeFiles.Inquiry(question, payer, trace, await NextControlNumberAsync(cancellationToken), options, now);
        string? answer;
        // The adapter owns the timeout; this deadline only guards against one that ignores it.
        using var deadline = new CancellationTokenSource(options.PayerTimeout + TimeSpan.FromSeconds(2), clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            answer = await exchange.AskAsync(inquiry, trace, options.PayerTimeout, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            answer = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Stale(current, $"the clearinghouse could not be reached ({e.GetType().Name})");
        }

        if (answer is null)
        {
            return Stale(current, string.Create(CultureInfo.InvariantCulture, $"the payer did not answer within {options.PayerTimeout.TotalSeconds:0} s"));
        }

        var (result, problem) = EligibilityExchangeFiles.ReadFor(answer, trace);
        if (result is null)
        {
            return Stale(current, problem);
        }

        if (result.Outcome == EligibilityOutcome.PayerUnavailable)
        {
            return Stale(current, "the payer cannot answer now: " + string.Join("; ", result.Rejections.Select(r => r.Reason)));
        }

        var received = clock.GetUtcNow();
        var snapshot = new EligibilitySnapshot("snap_" + Guid.CreateVersion7().ToString("N"), key, payer.PayerId, question.PatientId, question.CoverageId,
            question.DateOfService!.Value, question.ServiceTypes, result, trace, answer, received, received + options.SnapshotLifetime);
        var changes = new ChangeSet()
            .Put(CurrentKey(key), snapshot, current?.Version ?? ChangeSet.New)
            .Put(SnapshotKey(snapshot.SnapshotId), snapshot, ChangeSet.New)
            .Index(MemberHistoryIndex(payer.PayerId, question.MemberId), snapshot.SnapshotId, received.ToUnixTimeMilliseconds());
        if (question.PatientId.Length > 0)
        {
            changes.Index(PatientHistoryIndex(question.PatientId), snapshot.SnapshotId, received.ToUnixTimeMilliseconds());
        }

        if (!(await store.CommitAsync(changes, cancellationToken)).IsCommitted)
        {
            // The same question answered by a concurrent check first: its snapshot answers this one too.
            var winner = await store.GetAsync<EligibilitySnapshot>(CurrentKey(key), cancellationToken);
            return new EligibilityCheck(winner?.Value ?? snapshot, FromCache: winner is not null, Stale: false, "");
        }

        return new EligibilityCheck(snapshot, FromCache: false, Stale: false, "");
    }

    /// <summary>
    /// Asks about a registered coverage: its payer and subscriber, or the dependent given when the coverage's patient is
    /// not the subscriber. A date of service outside the coverage's dates is a field error: the coverage needs
    /// correcting before the payer is asked. Procedure codes the registered plan wants prior authorization for come back.
    /// </summary>
    public async Task<(EligibilityCheck Check, IReadOnlyList<string> PriorAuthorizationRequired)> CheckCoverageAsync(
        string coverageId, DateOnly? dateOfService, IReadOnlyList<string> serviceTypes, DependentPerson? dependent, IReadOnlyList<string> procedureCodes, CancellationToken cancellationToken)
    {
        new Validator().RequireText(coverageId, "coverage_id").Require(dateOfService.HasValue, "date_of_service", "is required").ThrowIfInvalid();
        var coverage = (await coverages.GetAsync(coverageId, cancellationToken)).Value;
        var (status, _) = CoverageRules.StatusOn(coverage, dateOfService!.Value);
        var subscriber = coverage.Subscriber;
        new Validator()
            .Require(status == CoverageStatus.Active, "date_of_service", "is outside the registered coverage's effective and termination dates")
            .Require(dependent is not null || subscriber.RelationshipToPatient is BuildingBlocks.Claims.Relationship.Self or BuildingBlocks.Claims.Relationship.Unspecified,
                "dependent", "is required: the coverage's patient is not the subscriber, and the payer is asked about the patient")
            .ThrowIfInvalid();
        var question = new EligibilityQuestion(coverage.Payer.PayerId, subscriber.MemberId, subscriber.Name.Last, subscriber.Name.First, subscriber.DateOfBirth,
            Gender(subscriber.Sex), dependent, dateOfService, serviceTypes, coverage.PatientId, coverage.CoverageId);
        var check = await CheckAsync(question, cancellationToken);
        return (check, CoverageRules.PriorAuthorizationRequired(coverage.Benefits, procedureCodes));
    }

    /// <summary>
    /// The order the patient's coverages pay in on a date of service (<see cref="CoordinationRules"/>), with a front-end
    /// finding for each other coverage a payer's answer in force on that date reports that is not registered for the
    /// patient (matched by payer id, else by name).
    /// </summary>
    public async Task<CobOrder> CoordinateAsync(string patientId, DateOnly? dateOfService, AccidentKind accident, CancellationToken cancellationToken)
    {
        new Validator().RequireText(patientId, "patient_id", 64).Require(dateOfService.HasValue, "date_of_service", "is required").ThrowIfInvalid();
        var registered = (await coverages.ListForPatientAsync(patientId, cancellationToken)).Select(c => c.Value).ToList();
        var order = CoordinationRules.Order(registered, dateOfService!.Value, accident);
        var findings = order.Findings.ToList();
        if (registered.Count == 0)
        {
            findings.Add("No coverage is registered for the patient: self-pay, or register the coverage the patient presents.");
        }

        foreach (var coverage in order.Order.Select(o => o.Coverage))
        {
            var snapshot = await InForceAsync(coverage.Payer.PayerId, coverage.Subscriber.MemberId, dateOfService.Value, cancellationToken);
            foreach (var other in snapshot?.Result.OtherCoverage ?? [])
            {
                var known = registered.Any(c => (other.PayerId.Length > 0 && string.Equals(c.Payer.PayerId, other.PayerId, StringComparison.OrdinalIgnoreCase))
                    || (other.PayerName.Length > 0 && string.Equals(c.Payer.Name, other.PayerName, StringComparison.OrdinalIgnoreCase)));
                if (!known)
                {
                    var role = other.Priority.Length > 0 ? $" as {other.Priority}" : "";
                    findings.Add($"Payer {coverage.Payer.PayerId} reports other coverage with {other.PayerName} {other.PayerId}{role} (snapshot {snapshot!.SnapshotId}) that is not registered: register it and order the coverages again.".Replace("  ", " ", StringComparison.Ordinal));
                }
            }
        }

        return order with { Findings = findings };
    }

    /// <summary>The most rows one batch request holds, and the most asked at once.</summary>
    public const int MaxBatchRows = 5_000;
    public const int MaxBatchConcurrency = 32;

    /// <summary>
    /// Checks a batch of appointments (a day's schedule), at most <paramref name="concurrency"/> at a time, yielding each
    /// answer as it comes (not in row order: the index says which). A row that cannot be asked (a bad field, an unknown
    /// coverage) carries its errors and the rest go on; each row is an ordinary check, so a batch sent again answers from
    /// the snapshots the first one stored.
    /// </summary>
    public async IAsyncEnumerable<EligibilityBatchResult> CheckBatchAsync(
        IReadOnlyList<EligibilityBatchRow> rows, int concurrency, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        new Validator()
            .Require(rows.Count is > 0 and <= MaxBatchRows, "rows", $"must hold 1 to {MaxBatchRows} rows")
            .Require(concurrency is >= 0 and <= MaxBatchConcurrency, "concurrency", $"must be between 1 and {MaxBatchConcurrency} (0: 8)")
            .ThrowIfInvalid();
        var results = Channel.CreateUnbounded<EligibilityBatchResult>(new UnboundedChannelOptions { SingleReader = true });
        var work = Task.Run(async () =>
        {
            try
            {
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency == 0 ? 8 : concurrency, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count), parallel, async (i, ct) => results.Writer.TryWrite(await CheckRowAsync(i, rows[i], ct)));
                results.Writer.Complete();
            }
            catch (Exception e)
            {
                results.Writer.Complete(e);
            }
        }, CancellationToken.None);

        await foreach (var result in results.Reader.ReadAllAsync(cancellationToken))
        {
            yield return result;
        }

        await work;
    }

    private async Task<EligibilityBatchResult> CheckRowAsync(int index, EligibilityBatchRow row, CancellationToken cancellationToken)
    {
        if (row.Errors.Count > 0)
        {
            return new EligibilityBatchResult(index, row.Reference, null, row.Errors);
        }

        try
        {
            var check = row.Question is { } question
                ? await CheckAsync(question, cancellationToken)
                : (await CheckCoverageAsync(row.CoverageId, row.DateOfService, row.ServiceTypes, row.Dependent, [], cancellationToken)).Check;
            return new EligibilityBatchResult(index, row.Reference, check, []);
        }
        catch (ValidationException e)
        {
            return new EligibilityBatchResult(index, row.Reference, null, e.Violations);
        }
        catch (NotFoundException e)
        {
            return new EligibilityBatchResult(index, row.Reference, null, [new FieldViolation("coverage_id", e.Message)]);
        }
    }

    /// <summary>DMG03 of the 270: F, M or U.</summary>
    public static string Gender(BuildingBlocks.Claims.Sex sex) => sex switch
    {
        BuildingBlocks.Claims.Sex.Female => "F",
        BuildingBlocks.Claims.Sex.Male => "M",
        _ => "",
    };

    /// <summary>Answers about one patient (checks that named the patient or a registered coverage), by the time they came.</summary>
    public static string PatientHistoryIndex(string patientId) => $"snapshots-of-patient:{patientId}";

    public async Task<EligibilitySnapshot> GetSnapshotAsync(string snapshotId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(snapshotId, "snapshot_id").ThrowIfInvalid();
        return (await store.GetAsync<EligibilitySnapshot>(SnapshotKey(snapshotId), cancellationToken))?.Value ?? throw new NotFoundException("Eligibility snapshot", snapshotId);
    }

    /// <summary>
    /// The answer that was in force for a member on a date of service: the newest snapshot received by the end of that
    /// day (else the oldest after it), for a denial's "what did we know when we sent the claim".
    /// </summary>
    public Task<EligibilitySnapshot?> InForceAsync(string payerId, string memberId, DateOnly dateOfService, CancellationToken cancellationToken) =>
        InForceAsync(MemberHistoryIndex(payerId, memberId), dateOfService, _ => true, cancellationToken);

    /// <summary>The patient's answer from <paramref name="payerId"/> in force on a date (when the claim's coverage is not registered).</summary>
    public Task<EligibilitySnapshot?> InForceForPatientAsync(string patientId, string payerId, DateOnly dateOfService, CancellationToken cancellationToken) =>
        InForceAsync(PatientHistoryIndex(patientId), dateOfService, s => string.Equals(s.PayerId, payerId, StringComparison.OrdinalIgnoreCase), cancellationToken);

    private async Task<EligibilitySnapshot?> InForceAsync(string index, DateOnly dateOfService, Func<EligibilitySnapshot, bool> matches, CancellationToken cancellationToken)
    {
        var entries = await store.RangeAsync(index, null, 200, descending: true, cancellationToken: cancellationToken);
        var snapshots = (await store.GetManyAsync<EligibilitySnapshot>(entries.Select(e => SnapshotKey(e.Member)).ToList(), cancellationToken)).Select(s => s.Value).Where(matches).ToList();
        var endOfDay = new DateTimeOffset(dateOfService.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);
        return snapshots.FirstOrDefault(s => s.ReceivedAt <= endOfDay) ?? snapshots.LastOrDefault();
    }

    private static EligibilityCheck Stale(Versioned<EligibilitySnapshot>? last, string problem) => new(last?.Value, FromCache: last is not null, Stale: true, problem);

    private KnownPayer Validate(EligibilityQuestion q)
    {
        var v = new Validator()
            .RequireText(q.PayerId, "payer_id", 80)
            .RequireText(q.MemberId, "subscriber.member_id", 80)
            .Require(q.DateOfService.HasValue, "date_of_service", "is required");
        var payer = q.PayerId.Trim().Length > 0 ? options.Payer(q.PayerId) : null;
        v.Require(q.PayerId.Trim().Length == 0 || payer is not null, "payer_id", "is not a payer this platform knows (Eligibility:Payers)");
        // Payers' member ids are letters and digits (some with hyphens); anything else is a typing error, not a question.
        v.Require(q.MemberId.Trim().Length == 0 || (q.MemberId.Trim().Length >= 2 && q.MemberId.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c == '-')),
            "subscriber.member_id", "must be 2 to 80 letters, digits or hyphens");
        if (q.DateOfService is { } dos)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            // Payers answer for dates up to about two years back and through the end of next month (X279A1 2100C DTP).
            v.Require(dos >= today.AddYears(-2) && dos <= new DateOnly(today.Year, today.Month, 1).AddMonths(2).AddDays(-1), "date_of_service",
                "must be within the two years past and the end of next month");
            v.Require(q.SubscriberBirthDate is null || q.SubscriberBirthDate <= dos, "subscriber.date_of_birth", "is after the date of service");
            v.Require(q.Dependent?.BirthDate is null || q.Dependent.BirthDate <= dos, "dependent.date_of_birth", "is after the date of service");
        }

        for (var i = 0; i < q.ServiceTypes.Count; i++)
        {
            v.Require(X12EligibilityCodes.IsServiceType(q.ServiceTypes[i].Trim().ToUpperInvariant()), $"service_type_codes[{i}]", "is not an X12 service type code (EQ01)");
        }

        v.Require(q.ServiceTypes.Count <= 99, "service_type_codes", "holds at most 99 codes");
        if (q.Dependent is { } dependent)
        {
            v.RequireText(dependent.Last, "dependent.last_name", 60).RequireText(dependent.First, "dependent.first_name", 35);
        }

        v.ThrowIfInvalid();
        return payer!;
    }

    /// <summary>The question's identity, hashed: the same person, payer, date and service types are the same question.</summary>
    private static string QuestionKey(EligibilityQuestion q) => Hash(string.Join('|',
        q.PayerId.Trim().ToUpperInvariant(), q.MemberId.Trim().ToUpperInvariant(), q.SubscriberBirthDate?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "",
        q.Dependent?.Last.Trim().ToUpperInvariant() ?? "", q.Dependent?.First.Trim().ToUpperInvariant() ?? "", q.Dependent?.BirthDate?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "",
        q.DateOfService?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "", string.Join(',', q.ServiceTypes.Order(StringComparer.Ordinal))));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    /// <summary>
    /// The next ISA13 of this sender. A counter document reserves blocks of numbers for this process, so two checks (or
    /// two replicas) never share a control number and a batch does not contend on one document per question.
    /// </summary>
    private async Task<int> NextControlNumberAsync(CancellationToken cancellationToken)
    {
        lock (_controlLock)
        {
            if (_nextControl < _controlEnd)
            {
                return _nextControl++;
            }
        }

        for (var attempt = 0; attempt < 100; attempt++)
        {
            var current = await store.GetAsync<int>(ControlKey, cancellationToken);
            var start = current is null || current.Value + ControlBlock > 999_999_999 ? 1 : current.Value + 1;
            if ((await store.CommitAsync(new ChangeSet().Put(ControlKey, start + ControlBlock - 1, current?.Version ?? ChangeSet.New), cancellationToken)).IsCommitted)
            {
                lock (_controlLock)
                {
                    (_nextControl, _controlEnd) = (start + 1, start + ControlBlock);
                }

                return start;
            }
        }

        throw new ConcurrencyConflictException("270 control number", ControlKey);
    }
}
