using System.Diagnostics;
using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Messaging;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Collections.Api.Statements;
using RevenueCycle.Collections.Domain.Kpis;
using RevenueCycle.Collections.Domain.Model;
using RevenueCycle.Collections.Domain.Statements;
using RevenueCycle.Collections.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Testing;
using StackExchange.Redis;

namespace RevenueCycle.Benchmarks;

/// <summary>
/// The collections service over a real Redis (the tests' <see cref="RedisFixture"/>): claim-submitted and
/// claim-adjudicated pairs posted to the patient ledger through the subscription's handler by concurrent workers, and a
/// statement run over many patient-due accounts with every statement rendered to PDF. Each command runs in its own
/// process so its peak working set is its own.
/// </summary>
public static class CollectionsBench
{
    private const int Window = 5_000;
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string[] Procedures = ["99213", "99214", "85025", "80053", "36415", "93000", "71046", "97110"];

    /// <summary>collections-ledger CLAIMS WORKERS: CLAIMS claim pairs on accounts of 1-3 claims, timed, then every account checked.</summary>
    public static object Ledger(int claims, int workers)
    {
        using var redis = new Redis();
        // A small run first so the handler, the JSON contracts and the connection are warm.
        Feed(Accounts(redis.Store("collections-warmup")), Events(Pairs(new Random(7), int.MaxValue, 2_000, "W")), workers);

        var store = new CountingStore(redis.Store("collections"));
        var pairs = Pairs(new Random(42), int.MaxValue, claims, "L").ToList();
        var events = Events(pairs).ToList(); // built before the clock starts
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var (cpu, redisCpu) = (process.TotalProcessorTime, redis.CpuSeconds());
        var seconds = Feed(Accounts(store), events, workers);
        process.Refresh();
        (cpu, redisCpu) = (process.TotalProcessorTime - cpu, redis.CpuSeconds() - redisCpu);
        var check = Check(store, pairs);
        process.Refresh();
        return new
        {
            claims = pairs.Count,
            events = events.Count,
            workers,
            accounts = check.Accounts,
            seconds = Math.Round(seconds, 1),
            client_cpu_seconds = Math.Round(cpu.TotalSeconds, 1),
            redis_cpu_seconds = Math.Round(redisCpu, 1),
            events_per_s = Math.Round(events.Count / seconds),
            ledger_entries = check.LedgerEntries,
            ledger_entries_per_s = Math.Round(check.LedgerEntries / seconds),
            version_conflicts_retried = store.Conflicts,
            problems = check.Problems,
            peak_working_set_mb = Math.Round(process.PeakWorkingSet64 / 1048576.0, 1),
            redis_used_memory = redis.UsedMemory(),
        };
    }

    /// <summary>collections-statements ACCOUNTS WORKERS: ACCOUNTS patient-due accounts seeded by events, one statement run timed, then every statement rendered to PDF.</summary>
    public static object Statements(int accounts, int workers)
    {
        using var redis = new Redis();
        var options = new CollectionsOptions();
        // As the Api's composition root builds it: the configured policy (defaults: $5.00 minimum, 30 days) and the system clock.
        StatementUseCases UseCases(IDocumentStore store) => new(store, options.Policy(), TimeProvider.System);

        // Warm-up: a small seeded store run and rendered, so neither timed part pays for JIT.
        var warm = redis.Store("collections-warmup");
        Feed(Accounts(warm), Events(Pairs(new Random(7), 300, int.MaxValue, "W")), workers);
        var warmStatements = UseCases(warm);
        Render(warmStatements, warmStatements.RunAsync(None).GetAwaiter().GetResult().StatementIds, options.PracticeName);

        // Seeded as it happens in production, through the handler; generated as fed so the events are never all in memory.
        var store = redis.Store("collections");
        var expected = new Expected();
        var seedSeconds = Feed(Accounts(store), Events(Pairs(new Random(42), accounts, int.MaxValue, "S").Select(expected.Add)), workers);
        var statements = UseCases(store);

        GC.Collect();
        var peakReset = ResetPeakWorkingSet(); // the peak below is the run's and the rendering's, not the seeding's
        var process = Process.GetCurrentProcess();
        var (cpu, redisCpu) = (process.TotalProcessorTime, redis.CpuSeconds());
        var start = Stopwatch.GetTimestamp();
        var run = statements.RunAsync(None).GetAwaiter().GetResult();
        var runSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        var (runCpu, runRedisCpu) = (process.TotalProcessorTime - cpu, redis.CpuSeconds() - redisCpu);
        start = Stopwatch.GetTimestamp();
        var bytes = Render(statements, run.StatementIds, options.PracticeName);
        var pdfSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        // Rendering alone, one thread, on statements already read: how much of the PDF time is the PDF's.
        var read = run.StatementIds.Take(5_000).Select(id => statements.GetAsync(id, None).GetAwaiter().GetResult()).ToList();
        start = Stopwatch.GetTimestamp();
        foreach (var statement in read)
        {
            StatementPdf.Render(statement, options.PracticeName);
        }

        var renderOnlySeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();

        // One statement read back from its PDF: the amount due must be printed on it.
        var sample = statements.GetAsync(run.StatementIds[0], None).GetAwaiter().GetResult();
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(StatementPdf.Render(sample, options.PracticeName));
        var text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
        var amount = $"Amount due {Money.Format(sample.AmountDueCents)}";
        return new
        {
            accounts = expected.Accounts.Count,
            claims = expected.Claims,
            seed_seconds = Math.Round(seedSeconds, 1),
            statements_issued = run.StatementIds.Count,
            skipped = run.Skipped,
            total_due_matches = run.TotalDueCents == expected.PatientDueCents ? "yes" : $"no: {run.TotalDueCents} issued, {expected.PatientDueCents} owed",
            run_seconds = Math.Round(runSeconds, 1),
            run_client_cpu_seconds = Math.Round(runCpu.TotalSeconds, 1),
            run_redis_cpu_seconds = Math.Round(runRedisCpu, 1),
            statements_per_s = Math.Round(run.StatementIds.Count / runSeconds),
            pdf_seconds = Math.Round(pdfSeconds, 1),
            pdf_parallelism = Environment.ProcessorCount,
            pdfs_per_s = Math.Round(run.StatementIds.Count / pdfSeconds),
            pdfs_per_s_render_only_one_thread = Math.Round(read.Count / renderOnlySeconds),
            average_pdf_bytes = run.StatementIds.Count == 0 ? 0 : bytes / run.StatementIds.Count,
            peak_working_set_mb = Math.Round(process.PeakWorkingSet64 / 1048576.0, 1),
            peak_measured_from = peakReset ? "the run's start" : "process start (VmHWM could not be reset)",
            pdf_sanity = text.Contains(amount, StringComparison.Ordinal) ? $"{sample.StatementId}: \"{amount}\" found by PdfPig" : $"MISSING \"{amount}\" in {sample.StatementId}",
            redis_used_memory = redis.UsedMemory(),
        };
    }

    private sealed record Pair(string AccountId, ClaimSubmittedIntegrationEvent Submitted, ClaimAdjudicatedIntegrationEvent Adjudicated);

    /// <summary>The handlers as the service wires them: the patient ledger and the KPI facts in one commit per event.</summary>
    private static AccountUseCases Accounts(IDocumentStore store) => new(store, TimeProvider.System, new KpiProjection(store, TimeProvider.System));

    /// <summary>
    /// Accounts of 1-3 claims (up to <paramref name="accounts"/> accounts or <paramref name="claims"/> claims), each claim
    /// 1-4 lines billed 50.00-300.00 and paid as primary: allowed 55-85%, the rest CO-45; a 25.00 copay on the first line,
    /// a deductible on one claim in three, 20% coinsurance on what is left. Every claim leaves the patient 25.00 or more
    /// and nothing with the payer.
    /// </summary>
    private static IEnumerable<Pair> Pairs(Random random, int accounts, int claims, string tag)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (int a = 0, c = 0; a < accounts && c < claims; a++)
        {
            var accountId = $"{tag}A{a:D7}";
            for (var k = 1 + random.Next(3); k > 0 && c < claims; k--, c++)
            {
                var claimId = $"{tag}C{c:D8}";
                var serviceDate = today.AddDays(-14 - random.Next(120));
                var deductibleLeft = random.Next(3) == 0 ? 100_00L : 0;
                var submittedLines = new List<SubmittedLineCodes>();
                var adjudicatedLines = new List<AdjudicatedLine>();
                for (var n = 1 + random.Next(4); submittedLines.Count < n;)
                {
                    var lineId = $"{claimId}-{submittedLines.Count + 1}";
                    var charge = 50_00L + random.Next(250_01);
                    var allowed = charge * (55 + random.Next(31)) / 100;
                    var copay = submittedLines.Count == 0 ? 25_00L : 0;
                    var deductible = Math.Min(deductibleLeft, allowed - copay);
                    deductibleLeft -= deductible;
                    var coinsurance = (allowed - copay - deductible) / 5;
                    submittedLines.Add(new SubmittedLineCodes(lineId, Procedures[random.Next(Procedures.Length)], [], ["E119", "I10"], serviceDate, 1, charge, "11"));
                    adjudicatedLines.Add(new AdjudicatedLine(lineId, allowed - copay - deductible - coinsurance, charge - allowed, deductible, coinsurance, copay, 0));
                }

                var total = submittedLines.Sum(l => l.ChargeCents);
                yield return new Pair(accountId,
                    new ClaimSubmittedIntegrationEvent(claimId, 1, "1", "BENCHPAYER", accountId, total, submittedLines, "11", $"{tag}P{a:D7}"),
                    new ClaimAdjudicatedIntegrationEvent(claimId, $"R{claimId}", "BENCHPAYER", $"ICN{claimId}", "1", total,
                        adjudicatedLines.Sum(l => l.PaidCents), adjudicatedLines.Sum(l => l.AdjustmentCents), adjudicatedLines.Sum(l => l.PatientResponsibilityCents), accountId,
                        adjudicatedLines.Sum(l => l.DeductibleCents), adjudicatedLines.Sum(l => l.CoinsuranceCents), adjudicatedLines.Sum(l => l.CopayCents), adjudicatedLines));
            }
        }
    }

    /// <summary>
    /// The event stream: claims shuffled a window at a time (an account's visits do not arrive together), each window's
    /// claim-submitted followed by the previous window's claim-adjudicated (the payer answers later).
    /// </summary>
    private static IEnumerable<IntegrationEvent> Events(IEnumerable<Pair> pairs)
    {
        var random = new Random(1);
        List<Pair> previous = [];
        foreach (var window in pairs.Chunk(Window).Append([]))
        {
            random.Shuffle(window);
            foreach (var pair in window)
            {
                yield return pair.Submitted;
            }

            foreach (var pair in previous)
            {
                yield return pair.Adjudicated;
            }

            previous = [.. window];
        }
    }

    /// <summary>Feeds the events to the handler from <paramref name="workers"/> concurrent workers, as the subscription would; returns the seconds taken.</summary>
    private static double Feed(AccountUseCases handler, IEnumerable<IntegrationEvent> events, int workers)
    {
        using var source = events.GetEnumerator();
        var start = Stopwatch.GetTimestamp();
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                IntegrationEvent next;
                lock (source)
                {
                    if (!source.MoveNext())
                    {
                        return;
                    }

                    next = source.Current;
                }

                await (next is ClaimSubmittedIntegrationEvent submitted ? handler.HandleAsync(submitted, None) : handler.HandleAsync((ClaimAdjudicatedIntegrationEvent)next, None));
            }
        }))).GetAwaiter().GetResult();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private sealed record Checked(int Accounts, long LedgerEntries, IReadOnlyList<string> Problems);

    /// <summary>
    /// Every account read back: none missing, charges and patient shares all there, each patient balance equal to its
    /// ledger's patient-side entries, nothing left with the payer.
    /// </summary>
    private static Checked Check(IDocumentStore store, IReadOnlyList<Pair> pairs)
    {
        var expected = new Expected();
        foreach (var pair in pairs)
        {
            expected.Add(pair);
        }

        var (count, entries, claims, charges, ledgerCharges, due, unbalanced, pending) = (0, 0L, 0, 0L, 0L, 0L, 0, 0L);
        var token = "";
        do
        {
            var (members, next) = store.PageAsync(AccountUseCases.AccountsIndex, token, 500, false, None).GetAwaiter().GetResult();
            token = next;
            foreach (var account in store.GetManyAsync<Account>(members.Select(AccountUseCases.AccountKey).ToArray(), None).GetAwaiter().GetResult().Select(v => v.Value))
            {
                count++;
                entries += account.Ledger.Count;
                claims += account.Claims.Count;
                charges += account.Claims.Sum(c => c.ChargeCents);
                ledgerCharges += account.Ledger.Where(e => e.Kind == LedgerKinds.Charge).Sum(e => e.AmountCents);
                due += account.PatientBalanceCents;
                pending += account.InsurancePendingCents;
                unbalanced += account.PatientBalanceCents == account.Ledger.Sum(e => e.PatientEffectCents) ? 0 : 1;
            }
        }
        while (token.Length > 0);

        var problems = new List<string>();
        void Expect(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }

        Expect(count == expected.Accounts.Count, $"{count} accounts, {expected.Accounts.Count} expected");
        Expect(claims == expected.Claims, $"{claims} claims, {expected.Claims} expected");
        Expect(charges == expected.ChargeCents && ledgerCharges == expected.ChargeCents, $"charges {charges} on the claims, {ledgerCharges} in the ledgers, {expected.ChargeCents} expected");
        Expect(due == expected.PatientDueCents, $"patient due {due}, {expected.PatientDueCents} expected");
        Expect(unbalanced == 0, $"{unbalanced} accounts whose patient balance is not their ledger's");
        Expect(pending == 0, $"{pending} cents left with the payers");
        return new Checked(count, entries, problems.Count == 0 ? ["none: every account, charge and patient share there, every patient balance equals its ledger"] : problems);
    }

    /// <summary>What the generated events add up to.</summary>
    private sealed class Expected
    {
        public HashSet<string> Accounts { get; } = new(StringComparer.Ordinal);

        public int Claims { get; private set; }

        public long ChargeCents { get; private set; }

        public long PatientDueCents { get; private set; }

        public Pair Add(Pair pair)
        {
            Accounts.Add(pair.AccountId);
            Claims++;
            ChargeCents += pair.Submitted.TotalChargeCents;
            PatientDueCents += pair.Adjudicated.PatientResponsibilityCents;
            return pair;
        }
    }

    /// <summary>Reads each statement back and renders it, one worker a core; returns the bytes written.</summary>
    private static long Render(StatementUseCases statements, IReadOnlyList<string> ids, string practiceName)
    {
        var bytes = 0L;
        Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (id, ct) =>
        {
            Interlocked.Add(ref bytes, StatementPdf.Render(await statements.GetAsync(id, ct), practiceName).Length);
        }).GetAwaiter().GetResult();
        return bytes;
    }

    /// <summary>Linux keeps the peak (VmHWM) from process start; writing 5 to clear_refs starts it again from now.</summary>
    private static bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A Redis the fixture starts (or REDIS_CONNECTION), one connection, a store per key prefix.</summary>
    private sealed class Redis : IDisposable
    {
        private readonly RedisFixture _fixture = new();
        private readonly ConnectionMultiplexer _connection;

        public Redis()
        {
            _fixture.InitializeAsync().AsTask().GetAwaiter().GetResult();
            _connection = ConnectionMultiplexer.Connect(_fixture.NewConnectionString() + ",allowAdmin=true");
        }

        public RedisDocumentStore Store(string service) => new(_connection, service, new OutboxSignal(), TimeSpan.FromDays(1), TimeSpan.FromSeconds(30));

        public string UsedMemory() => Info("memory", "used_memory_human");

        /// <summary>The server's CPU time so far (user and system, its background threads and AOF rewrites included).</summary>
        public double CpuSeconds() =>
            double.Parse(Info("cpu", "used_cpu_user"), CultureInfo.InvariantCulture) + double.Parse(Info("cpu", "used_cpu_sys"), CultureInfo.InvariantCulture);

        private string Info(string section, string key) =>
            _connection.GetServer(_connection.GetEndPoints()[0]).Info(section).SelectMany(g => g).First(p => p.Key == key).Value;

        public void Dispose()
        {
            _connection.Dispose();
            _fixture.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The store, counting the commits that lost a race on a document (the handler reads again and retries them).</summary>
    private sealed class CountingStore(IDocumentStore inner) : IDocumentStore
    {
        private int _conflicts;

        public int Conflicts => _conflicts;

        public async Task<CommitResult> CommitAsync(ChangeSet changes, CancellationToken cancellationToken = default)
        {
            var result = await inner.CommitAsync(changes, cancellationToken);
            if (result.Status == CommitStatus.VersionConflict)
            {
                Interlocked.Increment(ref _conflicts);
            }

            return result;
        }

        public Task<StoredDocument?> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

        public Task<IReadOnlyList<StoredDocument>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default) => inner.GetManyAsync(keys, cancellationToken);

        public Task<IReadOnlyList<IndexEntry>> RangeAsync(string index, IndexEntry? after, int take, bool descending = false, CancellationToken cancellationToken = default) =>
            inner.RangeAsync(index, after, take, descending, cancellationToken);

        public Task<IReadOnlyDictionary<string, long>> GetCountersAsync(string key, CancellationToken cancellationToken = default) => inner.GetCountersAsync(key, cancellationToken);

        public Task<IdempotencyRecord?> GetIdempotencyAsync(string idempotencyKey, CancellationToken cancellationToken = default) => inner.GetIdempotencyAsync(idempotencyKey, cancellationToken);
    }
}
