using System.Diagnostics;
using System.Globalization;
using System.Text;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.Rules;
using RevenueCycle.Posting.Domain.UseCases;
using RevenueCycle.ReferenceData.Fees;
using RevenueCycle.Testing;
using RevenueCycle.X12.Remittances;
using RevenueCycle.X12.Syntax;
using RevenueCycle.X12.Writing;
using StackExchange.Redis;

namespace RevenueCycle.Benchmarks;

/// <summary>
/// The posting target: a generated 835 of a million claim payments imported (checked, then posted in chunks with
/// their events, every line matched and priced against the Medicare fee schedule) into a real Redis, timed, with
/// the process's peak working set; run it on a small file too to see memory stay flat.
/// </summary>
public static class PostingBench
{
    private static readonly DateTimeOffset At = new(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Writes an 835 interchange: <paramref name="transactions"/> payers, <paramref name="claims"/> claim payments in all, every one balancing.</summary>
    public static object Generate(string path, int claims, int transactions)
    {
        var start = Stopwatch.GetTimestamp();
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var delimiters = Delimiters.Default;
        void Write(Segment segment) => writer.Write(X12Text.Format(segment, delimiters) + "~\n");
        Write(X12Writer.Isa("ZZ", "BENCHPAYER", "ZZ", "BENCHPROV", At, 1, false, delimiters));
        var perTransaction = claims / transactions;
        for (var t = 1; t <= transactions; t++)
        {
            var count = t == transactions ? claims - perTransaction * (transactions - 1) : perTransaction;
            Write(new Segment("GS", "HP", "BENCHPAYER", "BENCHPROV", "20260401", "0800", t.ToString(CultureInfo.InvariantCulture), "X", Remittance835Writer.Version));
            var control = t.ToString("D4", CultureInfo.InvariantCulture);
            Write(new Segment("ST", "835", control, Remittance835Writer.Version));
            var total = Enumerable.Range(0, count).Sum(i => (long)Claim(t, i).PaidCents);
            var payer = (10000 + t).ToString(CultureInfo.InvariantCulture);
            var header = Remittance835Writer.Body(new Remittance835(payer, "BENCH PAYER " + payer, "SAMPLE FAMILY PRACTICE", "1234567893", $"BENCH-{t}", new DateOnly(2026, 4, 1), total, "ACH", [], []));
            var segments = 1;
            foreach (var segment in header)
            {
                Write(segment);
                segments++;
            }

            Write(new Segment("LX", "1"));
            segments++;
            for (var first = 0; first < count; first += 1_000)
            {
                var chunk = Enumerable.Range(first, Math.Min(1_000, count - first)).Select(i => Claim(t, i)).ToList();
                var body = Remittance835Writer.Body(new Remittance835(payer, "", "", "", "", new DateOnly(2026, 4, 1), 0, "ACH", chunk, []));
                foreach (var segment in body.SkipWhile(s => s.Id != "CLP"))
                {
                    Write(segment);
                    segments++;
                }
            }

            Write(new Segment("SE", (segments + 1).ToString(CultureInfo.InvariantCulture), control));
            Write(new Segment("GE", "1", t.ToString(CultureInfo.InvariantCulture)));
        }

        Write(new Segment("IEA", transactions.ToString(CultureInfo.InvariantCulture), "000000001"));
        return new { path, claims, transactions, megabytes = Math.Round(new FileInfo(path).Length / 1048576.0, 1), seconds = Math.Round(Stopwatch.GetElapsedTime(start).TotalSeconds, 1) };
    }

    /// <summary>
    /// Two lines a claim: 99213 charged 120.00 and allowed 90.00 (the 2025 national fee is 88.95), except every 100th
    /// claim, allowed 80.00, an underpayment; 85025 charged 40.00, allowed 32.00. CO-45 takes the rest; every 10th
    /// claim has a $20 deductible (PR-1) and every 50th a bundling denial (CO-97, a coding denial) of the second line.
    /// </summary>
    private static ClaimPayment835 Claim(int transaction, int i)
    {
        var pcn = $"B{transaction}-{i}";
        var deductible = i % 10 == 0 ? 2_000L : 0;
        var denied = i % 50 == 0;
        var allowed = i % 100 == 0 ? 8_000L : 9_000L;
        var first = new LinePayment835($"{pcn}-1", "99213", [], 12_000, allowed - deductible, 1, new DateOnly(2026, 3, 2),
            deductible > 0 ? [new PayerAdjustment("CO", "45", 12_000 - allowed), new PayerAdjustment("PR", "1", deductible)] : [new PayerAdjustment("CO", "45", 12_000 - allowed)], [], allowed);
        var second = denied
            ? new LinePayment835($"{pcn}-2", "85025", [], 4_000, 0, 1, new DateOnly(2026, 3, 2), [new PayerAdjustment("CO", "97", 4_000)], ["M15"], null)
            : new LinePayment835($"{pcn}-2", "85025", [], 4_000, 3_200, 1, new DateOnly(2026, 3, 2), [new PayerAdjustment("CO", "45", 800)], [], 3_200);
        var paid = first.PaidCents + second.PaidCents;
        return new ClaimPayment835(pcn, "1", 16_000, paid, deductible, "12", $"ICN{transaction}-{i}", new PersonName("DOE", "JANE", "", ""), "M" + i.ToString(CultureInfo.InvariantCulture),
            [], [], [first, second]);
    }

    /// <summary>
    /// Imports the file into Redis (the one given, or one the tests' <see cref="RedisFixture"/> starts: Testcontainers,
    /// else a redis-server with AOF on) and reports time, rate and peak working set.
    /// </summary>
    public static object Import(string path, string? redis, string data)
    {
        var fixture = redis is null ? new RedisFixture() : null;
        fixture?.InitializeAsync().AsTask().GetAwaiter().GetResult();
        try
        {
            return Run(path, redis ?? fixture!.NewConnectionString(), data);
        }
        finally
        {
            fixture?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static object Run(string path, string redis, string data)
    {
        using var connection = ConnectionMultiplexer.Connect(redis + ",allowAdmin=true");
        var store = new RedisDocumentStore(connection, "posting", new OutboxSignal(), TimeSpan.FromDays(1), TimeSpan.FromSeconds(30));
        // Every paid line is priced against the Medicare fee schedule, as a configured posting service does.
        var medicare = PhysicianFeeSchedule.Load(Path.Combine(data, "mpfs", "pprrvu_2025_jan.csv"), Path.Combine(data, "mpfs", "gpci_2025.csv"));
        var expected = new ExpectedPayments(medicare, ContractFeeSchedule.Empty, UnderpaymentSettings.Default);
        var files = new RemittanceFileUseCases(new RemittanceUseCases(store, TimeProvider.System, new PostingTables(PostingSettings.Default, expected)));
        var seeded = SeedSubmittedClaims(store, path);
        var process = Process.GetCurrentProcess();
        var start = Stopwatch.GetTimestamp();
        var result = files.ImportAsync(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), CancellationToken.None).GetAwaiter().GetResult();
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        var info = connection.GetServer(connection.GetEndPoints()[0]).Info("memory").SelectMany(g => g).FirstOrDefault(p => p.Key == "used_memory_human").Value;
        return new
        {
            file_mb = Math.Round(new FileInfo(path).Length / 1048576.0, 1),
            claim_payments = result.ClaimPayments,
            submitted_claims_known = seeded,
            transactions = result.Remittances.Count,
            denials = result.Remittances.Sum(r => r.Result.DenialsDetected),
            underpayments = UnderpaymentCount(connection),
            seconds = Math.Round(seconds, 1),
            claims_per_s = Math.Round(result.ClaimPayments / seconds),
            peak_working_set_mb = Math.Round(process.PeakWorkingSet64 / 1048576.0, 1),
            redis_used_memory = info,
            target = "1,000,000 claim payments in < 600 s, flat memory",
        };
    }

    /// <summary>
    /// Posting knows every claim it is paid for (claim-submitted), as in production, so each payment is matched line by
    /// line: the claims of the file (from its CLP01s) are stored first, untimed.
    /// </summary>
    private static int SeedSubmittedClaims(RedisDocumentStore store, string path)
    {
        var count = 0;
        var changes = new ChangeSet();
        foreach (var line in File.ReadLines(path))
        {
            if (!line.StartsWith("CLP*", StringComparison.Ordinal))
            {
                continue;
            }

            var id = line.Split('*')[1];
            var dos = new DateOnly(2026, 3, 2);
            changes.Put(SubmittedClaimUseCases.Key(id), new SubmittedClaim(id, 1, "", [
                new SubmittedLine($"{id}-1", "99213", [], dos, 1, 12_000, "11"), new SubmittedLine($"{id}-2", "85025", [], dos, 1, 4_000, "11")]), ChangeSet.New);
            if (++count % 1_000 == 0)
            {
                store.CommitAsync(changes).GetAwaiter().GetResult();
                changes = new ChangeSet();
            }
        }

        store.CommitAsync(changes).GetAwaiter().GetResult();
        return count;
    }

    private static long UnderpaymentCount(ConnectionMultiplexer connection) => connection.GetDatabase().SortedSetLength("{posting}:ix:" + UnderpaymentUseCases.Index);
}
