using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using RevenueCycle.Contracts.Coding.V1;
using RevenueCycle.Contracts.Collections.V1;
using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Submission.V1;
using Spectre.Console;
using ClaimStatus = RevenueCycle.Contracts.Submission.V1.ClaimStatus;

namespace RevenueCycle.Demo;

/// <summary>What a demo run is asked for.</summary>
public sealed record DemoOptions(int Encounters = DemoOptions.DefaultEncounters, int Seed = DemoOptions.DefaultSeed, DateOnly? Today = null, int Concurrency = 4,
    bool SilentPayer = true)
{
    public const int DefaultEncounters = 40;
    public const int DefaultSeed = 42;
}

/// <summary>The platform could not be reached or refused the batch: what was tried and why, for a non-zero exit.</summary>
public sealed class DemoFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Pushes a demo batch through the whole cycle against a running platform, through the gateway only: coverage, then the
/// schedule's appointments checked as one 270/271 eligibility batch -> code suggestion from the note, validation, finalized encounter -> claim, scrubbed and
/// queued -> 837 to the payer sandbox, its 999/277CA/277/835 back -> posting and denials by root cause -> the coders'
/// corrections and the registrars' fixes -> replacement claims, answered again -> final denials written off by billing
/// -> patient statements and payments. Each step counts what happened (<see cref="DemoResult"/>); the KPIs come from
/// the collections service's projection, as `rcm kpis` shows them. Every call carries an idempotency key derived from
/// the batch, so a run again with the same seed changes nothing.
/// </summary>
public sealed class DemoRun(PlatformClients clients, IAnsiConsole console)
{
    private const string PayerId = "12345";
    private const string PayerName = "SAMPLE HEALTH PLAN";
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(90);

    public async Task<DemoResult> RunAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        var today = options.Today ?? DateOnly.FromDateTime(DateTime.UtcNow);
        await ReachAsync(cancellationToken);
        var batch = DemoBatch.Generate(options.Encounters, options.Seed, today, options.SilentPayer);
        var result = new DemoResult(options.Encounters, options.Seed, batch);
        var coverages = new ConcurrentDictionary<string, (string Primary, string? Fix)>();
        var started = DateTimeOffset.UtcNow;

        await console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var front = progress.AddTask("Front end: coverage, the schedule's 270/271", maxValue: batch.Count);
                var coding = progress.AddTask("Coding: suggest, validate, finalize", maxValue: batch.Count);
                var billing = progress.AddTask("Billing: scrub and submit", maxValue: batch.Count);
                var payer = progress.AddTask("Payer: 837 out, 999/277CA/835 in", maxValue: 2);
                var fixes = progress.AddTask("Denials worked: corrections, fixes", maxValue: 1);
                var again = progress.AddTask("Replacements: 837 out, answers in", maxValue: 2);
                var collections = progress.AddTask("Collections: statements, payments", maxValue: 2);

                var phase = Stopwatch.StartNew();
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(batch, parallel, async (encounter, ct) =>
                {
                    coverages[encounter.ClaimId] = (await RegisterAsync(encounter, encounter.MemberId, "cov", result, ct),
                        encounter.FixMemberId is { } member ? await RegisterAsync(encounter, member, "cov-fix", result, ct) : null);
                });
                await CheckScheduleAsync(batch, coverages, result, front, cancellationToken);
                result.Phase("front desk: coverages, the schedule's eligibility", phase);
                await Parallel.ForEachAsync(batch, parallel, async (encounter, ct) =>
                {
                    var (encounterId, diagnoses) = await CodeAsync(encounter, result, ct);
                    coding.Increment(1);
                    await SubmitAsync(encounter, encounterId, coverages[encounter.ClaimId].Primary, diagnoses, result, ct);
                    billing.Increment(1);
                });

                result.Phase("coding and billing: note to a queued claim", phase);
                await ExchangeAsync(result, payer, "", cancellationToken);
                await WaitForPostingAsync(batch, result, cancellationToken);
                phase.Restart();
                var worked = await WorkDenialsAsync(batch, coverages, result, fixes, cancellationToken);
                await WaitForReplacementsAsync(worked, cancellationToken);
                result.Phase("denials worked, replacements queued", phase);
                await ExchangeAsync(result, again, " (replacements)", cancellationToken);
                phase.Restart();
                await WriteOffFinalDenialsAsync(batch, result, cancellationToken);
                collections.Increment(1);
                result.Phase("final denials written off", phase);
                await CollectAsync(batch, options.Seed, result, cancellationToken);
                collections.Increment(1);
                result.Phase("statements and patient payments", phase);
            });

        result.Elapsed = DateTimeOffset.UtcNow - started;
        result.From = today.AddDays(-30);
        result.To = today;
        result.Kpis = await Eventually(async ct => await clients.Collections.GetKpisAsync(
                new GetKpisRequest { From = $"{result.From:yyyy-MM-dd}", To = $"{result.To:yyyy-MM-dd}" }, PlatformClients.Deadline(ct)),
            k => k.Figures.Count == 1 && k.Figures[0].Claims >= batch.Count, cancellationToken, lenient: true);
        return result;
    }

    /// <summary>One cheap call first, so an unreachable platform says so at once rather than half-way through.</summary>
    private async Task ReachAsync(CancellationToken cancellationToken)
    {
        try
        {
            await clients.Collections.GetKpisAsync(new GetKpisRequest(), PlatformClients.Deadline(cancellationToken, seconds: 10));
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal)
        {
            throw new DemoFailedException($"cannot reach the platform at {clients.Gateway} ({e.Status.Detail}). Is `make run` running?", e);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
        {
            throw new DemoFailedException($"the gateway at {clients.Gateway} refused the API key ({e.Status.Detail}).", e);
        }
        catch (HttpRequestException e)
        {
            throw new DemoFailedException($"cannot reach the platform at {clients.Gateway} ({e.Message}). Is `make run` running?", e);
        }
    }

    /// <summary>
    /// The registrars' eligibility run: the schedule's appointments, in order, as one batch (270s to the payer, 271s
    /// read, at most 16 at a time, each answer streamed back as it comes), the way a front desk checks tomorrow's list.
    /// </summary>
    private async Task CheckScheduleAsync(IReadOnlyList<DemoEncounter> batch, ConcurrentDictionary<string, (string Primary, string? Fix)> coverages, DemoResult result,
        ProgressTask task, CancellationToken ct)
    {
        var schedule = batch.OrderBy(e => e.ServiceDate).ThenBy(e => e.Appointment).ThenBy(e => e.Number).ToList();
        foreach (var day in schedule.Chunk(EligibilityBatchRows))
        {
            var request = new CheckEligibilityBatchRequest { Concurrency = 16 };
            foreach (var e in day)
            {
                var check = new CheckEligibilityRequest { CoverageId = coverages[e.ClaimId].Primary, DateOfService = e.ServiceDate.ToDate() };
                check.ServiceTypeCodes.Add("30");
                request.Rows.Add(new EligibilityBatchRow { Reference = e.ClaimId, Check = check });
            }

            var start = Stopwatch.GetTimestamp();
            using var call = clients.Eligibility.CheckEligibilityBatch(request, PlatformClients.Deadline(ct, seconds: 300));
            await foreach (var row in call.ResponseStream.ReadAllAsync(ct))
            {
                result.Count("eligibility", row.Errors.Count > 0 ? "not asked: " + row.Errors[0].Description : row.Answer.Outcome switch
                {
                    EligibilityOutcome.Active when row.Answer.PriorAuthorizationRequired.Count > 0 => "active, authorization required",
                    EligibilityOutcome.Active => "active",
                    EligibilityOutcome.Inactive => "inactive",
                    EligibilityOutcome.Rejected => "rejected by the payer",
                    EligibilityOutcome.PayerUnavailable => "payer unavailable",
                    _ => "unknown",
                });
                task.Increment(1);
            }

            result.Time("eligibility: the schedule's 270s out, 271s read (a batch)", Stopwatch.GetElapsedTime(start));
        }
    }

    /// <summary>Rows of one eligibility batch (the service takes up to 5,000).</summary>
    private const int EligibilityBatchRows = 1_000;

    private async Task<string> RegisterAsync(DemoEncounter e, string memberId, string suffix, DemoResult result, CancellationToken ct)
    {
        var p = e.Patient;
        var coverage = await Timed(result, "eligibility: coverage registered", async () => await clients.Eligibility.RegisterCoverageAsync(new RegisterCoverageRequest
        {
            IdempotencyKey = $"{e.ClaimId}-{suffix}",
            Coverage = new Coverage
            {
                PatientId = p.PatientId, Payer = new Payer { PayerId = PayerId, Name = PayerName },
                Subscriber = Subscriber(e, memberId), EffectiveDate = new Google.Type.Date { Year = e.ServiceDate.Year, Month = 1, Day = 1 },
            },
        }, PlatformClients.Deadline(ct)));
        return coverage.CoverageId;
    }

    private async Task<(string EncounterId, IReadOnlyList<string> Diagnoses)> CodeAsync(DemoEncounter e, DemoResult result, CancellationToken ct)
    {
        var (seen, born) = (e.ServiceDate, e.Patient.BirthDate);
        var age = (uint)(seen.Year - born.Year - ((seen.Month, seen.Day).CompareTo((born.Month, born.Day)) < 0 ? 1 : 0));
        var encounter = await Timed(result, "coding: encounter created", async () => await clients.Coding.CreateEncounterAsync(new CreateEncounterRequest
        {
            IdempotencyKey = $"{e.ClaimId}-enc", PatientId = e.Patient.PatientId, DateOfService = e.ServiceDate.ToDate(), ProviderNpi = e.ProviderNpi,
            Documentation = e.Note, PatientAgeYears = age, PatientSex = e.Patient.Female ? Sex.Female : Sex.Male, PayerId = PayerId, Actor = "demo",
        }, PlatformClients.Deadline(ct)));
        // A run again returns the encounter as first created: read where it stands now.
        encounter = await clients.Coding.GetEncounterAsync(new GetEncounterRequest { EncounterId = encounter.EncounterId }, PlatformClients.Deadline(ct));

        // The coder starts from the suggestions: as many ICD-10-CM codes as the visit needs, best first.
        var suggested = await Timed(result, "coding: codes suggested from the note", async () => await clients.Coding.SuggestCodesAsync(
            new SuggestCodesRequest { EncounterId = encounter.EncounterId, MaxResults = 10, DateOfService = e.ServiceDate.ToDate() }, PlatformClients.Deadline(ct)));
        var icd = suggested.Suggestions.Where(s => s.System == "ICD-10-CM").Select(s => Dotted(s.Code)).Distinct(StringComparer.Ordinal).ToList();
        var accepted = icd.Take(e.GoldDiagnoses.Count).ToList();
        result.AddSuggestion(e.GoldDiagnoses.Count(g => accepted.Contains(g, StringComparer.Ordinal)), e.GoldDiagnoses.Count(g => icd.Contains(g, StringComparer.Ordinal)),
            e.GoldDiagnoses.Count);
        // The coder checks the suggestion against the note: a code the visit does not support is replaced.
        var diagnoses = accepted.Count == e.GoldDiagnoses.Count && accepted.All(e.GoldDiagnoses.Contains) ? accepted : e.GoldDiagnoses.ToList();
        if (encounter.Status == EncounterStatus.Finalized)
        {
            return (encounter.EncounterId, diagnoses); // a run again: coded before, the same way
        }

        if (!ReferenceEquals(diagnoses, accepted))
        {
            result.Count("coding", "suggestion changed by the coder");
        }

        var validate = new ValidateCodesRequest { DateOfService = e.ServiceDate.ToDate(), PatientAgeYears = age, PatientSex = e.Patient.Female ? Sex.Female : Sex.Male, PayerId = PayerId };
        var set = new SetCodesRequest { EncounterId = encounter.EncounterId, ExpectedVersion = encounter.Version, Actor = "demo" };
        foreach (var code in diagnoses)
        {
            validate.Diagnoses.Add(new Diagnosis { Code = code });
            set.Diagnoses.Add(new Diagnosis { Code = code });
        }

        foreach (var line in e.Lines)
        {
            var procedure = new CodedProcedure { Code = line.Code, Units = 1, Modifiers = { line.Modifiers }, DiagnosisPointers = { line.Pointers.Where(p => p <= diagnoses.Count) } };
            validate.Procedures.Add(procedure);
            set.Procedures.Add(procedure);
        }

        var findings = await Timed(result, "coding: codes validated", async () => await clients.Coding.ValidateCodesAsync(validate, PlatformClients.Deadline(ct)));
        result.Count("coding", findings.Findings.Any(IsEdit) ? "validated with edits" : "validated clean");
        var coded = await Timed(result, "coding: codes set", async () => await clients.Coding.SetCodesAsync(set, PlatformClients.Deadline(ct)));
        await Timed(result, "coding: encounter finalized", async () => await clients.Coding.FinalizeEncounterAsync(
            new FinalizeEncounterRequest { EncounterId = encounter.EncounterId, ExpectedVersion = coded.Version, Actor = "demo" }, PlatformClients.Deadline(ct)));
        return (encounter.EncounterId, diagnoses);
    }

    private async Task SubmitAsync(DemoEncounter e, string encounterId, string coverageId, IReadOnlyList<string> diagnoses, DemoResult result, CancellationToken ct)
    {
        var p = e.Patient;
        var claim = new Claim
        {
            ClaimId = e.ClaimId, Type = ClaimType.Professional, PatientControlNumber = e.ClaimId, Frequency = ClaimFrequency.Original,
            BillingProvider = new Provider
            {
                Npi = DemoBatch.BillingNpi, TaxonomyCode = "261QM1300X", TaxId = "123456789", EntityType = EntityType.Organization,
                OrganizationName = "RevenueCycle Demo Clinic", Address = new Address { Line1 = "100 Main St", City = "Columbus", State = "OH", PostalCode = "432151234" },
            },
            RenderingProvider = new Provider { Npi = e.ProviderNpi, EntityType = EntityType.Person, Name = new PersonName { Last = "Clinician", First = "Demo" } },
            Patient = new Patient
            {
                PatientId = p.PatientId, AccountId = p.AccountId, Name = new PersonName { Last = p.Last, First = p.First }, DateOfBirth = p.BirthDate.ToDate(),
                Sex = p.Female ? Sex.Female : Sex.Male, Address = Address(p),
            },
            Subscriber = Subscriber(e, e.MemberId),
            Payer = new Payer { PayerId = PayerId, Name = PayerName, ClaimFilingIndicator = "CI" },
            CoverageId = coverageId, PlaceOfService = "11", EncounterId = encounterId,
        };
        claim.Diagnoses.AddRange(diagnoses.Select(d => new Diagnosis { Code = d }));
        uint number = 0;
        foreach (var line in e.Lines)
        {
            number++;
            claim.Lines.Add(new ServiceLine
            {
                LineNumber = number, ProcedureCode = line.Code, Modifiers = { line.Modifiers }, Units = 1, ChargeCents = line.ChargeCents,
                DiagnosisPointers = { line.Pointers.Where(x => x <= diagnoses.Count) }, LineItemControlNumber = $"{e.ClaimId}-{number}", ServiceDateFrom = e.ServiceDate.ToDate(),
            });
        }

        ClaimRecord record;
        try
        {
            // A run again: the claim went out before and may have been corrected since; it is not sent twice.
            record = await clients.Submission.GetClaimAsync(new GetClaimRequest { ClaimId = e.ClaimId }, PlatformClients.Deadline(ct));
        }
        catch (RpcException x) when (x.StatusCode == StatusCode.NotFound)
        {
            record = await Timed(result, "submission: claim scrubbed and queued", async () =>
                await clients.Submission.SubmitClaimAsync(new SubmitClaimRequest { IdempotencyKey = e.ClaimId, Claim = claim }, PlatformClients.Deadline(ct)));
        }

        var first = record.Versions[^1];
        result.Count("scrubber", first.Status == ClaimStatus.ScrubRejected ? "held by an edit" : first.Findings.Any(IsEdit) ? "passed with a warning" : "clean");
    }

    /// <summary>The 837 out and the payer's answers in, now (the platform's own schedule may have done it already).</summary>
    private async Task ExchangeAsync(DemoResult result, ProgressTask task, string first, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var sent = await Timed(result, "submission: 837 built and sent", async () => await clients.Submission.TransmitClaimsAsync(new TransmitClaimsRequest(), PlatformClients.Deadline(ct, seconds: 300)));
        result.Interchanges += sent.Built.Count;
        result.Phase($"837 out{first}", clock);
        task.Increment(1);
        var answers = await Timed(result, "submission: 999/277CA/277/835 read", async () =>
            await clients.Submission.ReceiveResponsesAsync(new ReceiveResponsesRequest(), PlatformClients.Deadline(ct, seconds: 300)));
        result.Phase($"answers in{first}", clock);
        result.Acknowledgments999 += answers.Acknowledgments999;
        result.ClaimAcknowledgments277Ca += answers.ClaimAcknowledgments277Ca;
        result.Remittances835 += answers.Remittances835;
        result.RemittancesRefused += answers.RemittancesRefused;
        result.StatusResponses277 += answers.StatusResponses277;
        task.Increment(1);
    }

    /// <summary>
    /// The payer's first answers posted: posting reads the 835s from its events and collections folds the adjudications;
    /// waits until the KPI projection has an answer for every claim the payer adjudicates at once (not the rejected or
    /// pended).
    /// </summary>
    private async Task WaitForPostingAsync(IReadOnlyList<DemoEncounter> batch, DemoResult result, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var expected = batch.Count(e => e.Scenario is not ('R' or 'N'));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Eventually(async c => await clients.Collections.GetKpisAsync(new GetKpisRequest { From = $"{today.AddDays(-1):yyyy-MM-dd}", To = $"{today:yyyy-MM-dd}" }, PlatformClients.Deadline(c)),
            k => k.Figures.Count == 1 && k.Figures[0].CleanClaimFirstPassPaid.Denominator >= expected, ct, lenient: true);
        result.Phase("payments posted (835 to the ledger)", clock);
    }

    /// <summary>
    /// Waits for the denials and rejections to reach their owners (events), then works them as the owners would: the
    /// coder marks the bundled line distinct (59), the registrar names the right coverage or gets the authorization.
    /// Billing denials (filed late) are not corrected: they are written off once the payer's answer is posted.
    /// </summary>
    private async Task<IReadOnlyList<string>> WorkDenialsAsync(IReadOnlyList<DemoEncounter> batch, ConcurrentDictionary<string, (string Primary, string? Fix)> coverages,
        DemoResult result, ProgressTask task, CancellationToken ct)
    {
        var coding = batch.Where(e => e.Scenario == 'X').Select(e => e.ClaimId).ToHashSet(StringComparer.Ordinal);
        var frontEnd = batch.Where(e => e.Scenario is 'I' or 'C' or 'A' or 'R').ToDictionary(e => e.ClaimId, StringComparer.Ordinal);
        task.MaxValue = Math.Max(1, coding.Count + frontEnd.Count);
        var worked = new List<string>();
        // A run again with the same seed: claims corrected before are not waited for.
        foreach (var id in coding.Concat(frontEnd.Keys).ToList())
        {
            if ((await clients.Submission.GetClaimAsync(new GetClaimRequest { ClaimId = id }, PlatformClients.Deadline(ct))).Versions.Count >= 2)
            {
                coding.Remove(id);
                frontEnd.Remove(id);
            }
        }

        var tasks = await Eventually(AllOpenCorrectionsAsync, t => coding.All(id => t.Any(x => x.ClaimId == id)), ct, lenient: true);
        foreach (var t in tasks.Where(t => coding.Contains(t.ClaimId)).GroupBy(t => t.ClaimId).Select(g => g.First()))
        {
            var fix = new CompleteCorrectionRequest { TaskId = t.TaskId, IdempotencyKey = $"{t.ClaimId}-coding-fix", Actor = "demo coder" };
            // XU (unusual non-overlapping service, CMS's more specific 59) first: a payment modifier goes before an anatomic one.
            fix.CorrectedLines.Add(new CorrectedLine { LineItemControlNumber = t.LineItemControlNumber, ProcedureCode = t.ProcedureCode, Modifiers = { t.Modifiers.Prepend("XU") }, Units = 1 });
            await clients.Coding.CompleteCorrectionAsync(fix, PlatformClients.Deadline(ct));
            result.Count("worked", "coding correction (modifier XU)");
            worked.Add(t.ClaimId);
            task.Increment(1);
        }

        var open = await Eventually(AllOpenFrontEndTasksAsync, t => frontEnd.Keys.All(id => t.Any(x => x.ClaimId == id)), ct, lenient: true);
        foreach (var t in open.Where(t => frontEnd.ContainsKey(t.ClaimId)).GroupBy(t => t.ClaimId).Select(g => g.First()))
        {
            var e = frontEnd[t.ClaimId];
            var resolve = new ResolveFrontEndTaskRequest { TaskId = t.TaskId };
            if (e.Scenario == 'A')
            {
                var authorization = new Authorization
                {
                    Kind = AuthorizationKind.PriorAuthorization, Number = $"PA-{e.ClaimId}", PayerId = PayerId, PatientId = e.Patient.PatientId, CoverageId = coverages[e.ClaimId].Primary,
                    UnitsApproved = e.Lines.Count, From = e.ServiceDate.AddDays(-30).ToDate(), To = e.ServiceDate.AddDays(30).ToDate(),
                };
                authorization.ProcedureCodes.AddRange(e.Lines.Select(l => l.Code));
                var created = await clients.Eligibility.CreateAuthorizationAsync(new CreateAuthorizationRequest { IdempotencyKey = $"{e.ClaimId}-auth", Authorization = authorization },
                    PlatformClients.Deadline(ct));
                resolve.AuthorizationId = created.AuthorizationId;
                resolve.Note = "retro-authorization obtained";
                result.Count("worked", "front-end fix: authorization");
            }
            else
            {
                resolve.CoverageId = coverages[e.ClaimId].Fix!;
                resolve.Note = e.Scenario == 'R' ? "member id corrected from the card" : e.Scenario == 'C' ? "the primary coverage billed" : "the patient's current coverage billed";
                result.Count("worked", "front-end fix: coverage");
            }

            await clients.Eligibility.ResolveFrontEndTaskAsync(resolve, PlatformClients.Deadline(ct));
            worked.Add(t.ClaimId);
            task.Increment(1);
        }

        return worked;
    }

    /// <summary>Every item of a paged list call (the services' page_size / next_page_token convention).</summary>
    private static async Task<List<T>> AllPagesAsync<T>(Func<string, Task<(IEnumerable<T> Items, string Next)>> page)
    {
        var all = new List<T>();
        var token = "";
        do
        {
            var (items, next) = await page(token);
            all.AddRange(items);
            token = next;
        }
        while (token.Length > 0);
        return all;
    }

    private Task<List<CorrectionTask>> AllOpenCorrectionsAsync(CancellationToken ct) => AllPagesAsync(async token =>
    {
        var page = await clients.Coding.ListCorrectionTasksAsync(new ListCorrectionTasksRequest { PageSize = 500, PageToken = token }, PlatformClients.Deadline(ct));
        return ((IEnumerable<CorrectionTask>)page.Tasks, page.NextPageToken);
    });

    private Task<List<FrontEndTask>> AllOpenFrontEndTasksAsync(CancellationToken ct) => AllPagesAsync(async token =>
    {
        var page = await clients.Eligibility.ListFrontEndTasksAsync(new ListFrontEndTasksRequest { PageSize = 500, PageToken = token }, PlatformClients.Deadline(ct));
        return ((IEnumerable<FrontEndTask>)page.Tasks, page.NextPageToken);
    });

    /// <summary>The fixes travel as events to submission, which queues a replacement (or a corrected original): wait for each.</summary>
    private async Task WaitForReplacementsAsync(IReadOnlyList<string> claimIds, CancellationToken ct)
    {
        foreach (var claimId in claimIds)
        {
            await Eventually(async c => await clients.Submission.GetClaimAsync(new GetClaimRequest { ClaimId = claimId }, PlatformClients.Deadline(c)),
                r => r.Versions.Count >= 2, ct, lenient: true);
        }
    }

    /// <summary>
    /// A denial no correction fixes (the filing limit passed): billing writes the claim's open insurance balance off as
    /// a final denial, the figure HFMA's "final denial write-offs as a percentage of net patient service revenue" counts.
    /// </summary>
    private async Task WriteOffFinalDenialsAsync(IReadOnlyList<DemoEncounter> batch, DemoResult result, CancellationToken ct)
    {
        foreach (var e in batch.Where(e => e.Scenario == 'L'))
        {
            var balance = await Eventually(async c => (await AccountAsync(e.Patient.AccountId, c))?.Claims.FirstOrDefault(x => x.ClaimId == e.ClaimId),
                b => b is { AdjudicatedAt: not null }, ct, lenient: true);
            if (balance is not { InsuranceBalanceCents: > 0 })
            {
                continue; // written off by an earlier run
            }

            var request = new WriteOffRequest { AccountId = e.Patient.AccountId, IdempotencyKey = $"{e.ClaimId}-final-denial", Code = "FINAL_DENIAL", AmountCents = balance.InsuranceBalanceCents };
            request.ClaimIds.Add(e.ClaimId);
            await clients.Collections.WriteOffAsync(request, PlatformClients.Deadline(ct));
            result.Count("worked", "final denial written off (billing)");
        }

        // The denials themselves close as written off: they leave the billing worklist.
        var late = batch.Where(e => e.Scenario == 'L').Select(e => e.ClaimId).ToHashSet(StringComparer.Ordinal);
        var open = await AllPagesAsync(async token =>
        {
            var page = await clients.Posting.ListDenialWorklistAsync(new Contracts.Posting.V1.ListDenialWorklistRequest { RootCause = "billing", PageSize = 500, PageToken = token },
                PlatformClients.Deadline(ct));
            return (page.Denials.Where(d => late.Contains(d.ClaimId)), page.NextPageToken);
        });
        foreach (var denial in open)
        {
            await clients.Posting.ResolveDenialAsync(new Contracts.Posting.V1.ResolveDenialRequest
            {
                DenialId = denial.DenialId, Resolution = "WRITTEN_OFF", Note = "past the payer's filing limit; written off as a final denial",
            }, PlatformClients.Deadline(ct));
        }
    }

    /// <summary>Statements for what the payers left to the patients, then the patients pay: most in full, some in part, some not yet.</summary>
    private async Task CollectAsync(IReadOnlyList<DemoEncounter> batch, int seed, DemoResult result, CancellationToken ct)
    {
        var run = await clients.Collections.RunStatementsAsync(new RunStatementsRequest(), PlatformClients.Deadline(ct, seconds: 120));
        result.Statements += run.StatementIds.Count;
        result.StatementCents += run.TotalDueCents;
        var random = new Random(seed);
        foreach (var e in batch)
        {
            var choice = random.Next(10);
            var balance = (await AccountAsync(e.Patient.AccountId, ct))?.Claims.FirstOrDefault(c => c.ClaimId == e.ClaimId);
            if (balance is not { PatientBalanceCents: > 0 } || balance.PatientPaidCents > 0 || choice >= 8)
            {
                continue; // nothing due, paid by an earlier run, or not paying yet
            }

            // From what the payer left the patient, not from what is left: a run again asks the same amount (or nothing).
            var amount = choice < 6 ? balance.PatientBalanceCents : Math.Min(balance.PatientBalanceCents, balance.PatientResponsibilityCents / 2);
            var payment = new RecordPatientPaymentRequest { AccountId = e.Patient.AccountId, IdempotencyKey = $"{e.ClaimId}-patient-payment", AmountCents = amount, Method = choice < 6 ? "card" : "check" };
            payment.ClaimIds.Add(e.ClaimId);
            await clients.Collections.RecordPatientPaymentAsync(payment, PlatformClients.Deadline(ct));
            result.PatientPayments++;
            result.PatientPaidCents += amount;
        }
    }

    private async Task<Account?> AccountAsync(string accountId, CancellationToken ct)
    {
        try
        {
            return await clients.Collections.GetAccountAsync(new GetAccountRequest { AccountId = accountId }, PlatformClients.Deadline(ct));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Polls until <paramref name="done"/> holds: the services talk through events, so what one does reaches another a
    /// moment later. Lenient: gives the last answer after the timeout (the report shows what did not arrive).
    /// </summary>
    private static async Task<T> Eventually<T>(Func<CancellationToken, Task<T>> read, Func<T, bool> done, CancellationToken ct, bool lenient = false)
    {
        var until = DateTimeOffset.UtcNow + SettleTimeout;
        while (true)
        {
            var value = await read(ct);
            if (done(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > until)
            {
                return lenient ? value : throw new DemoFailedException($"the platform did not settle within {SettleTimeout.TotalSeconds:0} s; is every service running?");
            }

            await Task.Delay(250, ct);
        }
    }

    /// <summary>Runs one call through the gateway and adds its time to its stage.</summary>
    private static async Task<T> Timed<T>(DemoResult result, string stage, Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        finally
        {
            result.Time(stage, Stopwatch.GetElapsedTime(start));
        }
    }

    /// <summary>A warning or a rejection; an informational note (CPT checked for shape only, no CPT file loaded) is not an edit.</summary>
    private static bool IsEdit(Finding f) => f.Severity is Severity.Warning or Severity.Reject;

    private static Subscriber Subscriber(DemoEncounter e, string memberId) => new()
    {
        MemberId = memberId, Name = new PersonName { Last = e.Patient.Last, First = e.Patient.First }, DateOfBirth = e.Patient.BirthDate.ToDate(),
        Sex = e.Patient.Female ? Sex.Female : Sex.Male, Address = Address(e.Patient), RelationshipToPatient = Relationship.Self,
    };

    private static Address Address(DemoPatient p) => new() { Line1 = p.Line1, City = p.City, State = p.State, PostalCode = p.Zip };

    /// <summary>ICD-10-CM as written on a claim form: a dot after the category.</summary>
    private static string Dotted(string code) => code.Length > 3 && !code.Contains('.', StringComparison.Ordinal) ? $"{code[..3]}.{code[3..]}" : code;
}

internal static class DateExtensions
{
    public static Google.Type.Date ToDate(this DateOnly d) => new() { Year = d.Year, Month = d.Month, Day = d.Day };
}
