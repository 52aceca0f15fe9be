using System.Text.Json;
using Google.Protobuf;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Testing;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// The patient ledger from a real adjudication, over real Redis: a claim whose member has a deductible to meet (sandbox
/// scenario D) goes out, the payer's 835 comes back, and `rcm accounts show` explains what the patient owes line by
/// line, by kind; `rcm accounts list --patient` finds the account.
/// </summary>
[RequiresRedis]
public sealed class AccountsThroughRcmTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Key = "accounts-test-key";

    /// <summary>int64 fields are strings in protobuf JSON.</summary>
    private static long Cents(JsonElement element, string property) => long.Parse(element.GetProperty(property).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task DeductibleAndCoinsurance_ReachTheLedgerLineByLine_AndThePatientOwesTheirSum()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, Storage = "Redis", Redis = redis.NewConnectionString(), ClearinghouseInterval = TimeSpan.Zero };
        await using var platform = await PlatformHost.StartAsync(options, cancellationToken: ct, clock: ShiftedClock.AfterTheSampleVisit());
        async Task<(int Exit, string Output)> Rcm(params string[] args)
        {
            var (output, error) = (new StringWriter(), new StringWriter());
            var exit = await Cli.Cli.RunAsync(["--gateway", platform.GatewayGrpc.ToString(), "--api-key", Key, .. args], output, error);
            return (exit, output + error.ToString());
        }

        var claim = Samples.Claim("DED-1").ToProto();
        claim.Subscriber.MemberId = "MEMBER00D"; // the sandbox: deductible and coinsurance left to the patient
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "claim.json");
        await File.WriteAllTextAsync(file, JsonFormatter.Default.Format(claim), ct);
        Assert.Equal(0, (await Rcm("claims", "submit", file)).Exit);
        await Rcm("claims", "transmit");
        await Rcm("claims", "receive");

        var account = await Eventually.MatchAsync(async () =>
        {
            var (exit, text) = await Rcm("accounts", "show", "acct-001", "--json");
            return exit == 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
        }, a => a.ValueKind == JsonValueKind.Object && Cents(a, "patientBalanceCents") != 0);
        var (_, table) = await Rcm("accounts", "show", "acct-001");
        var (_, list) = await Rcm("accounts", "list", "--patient", "pat-001", "--json");

        // The sample claim's allowed amount is 11,600: the $50 deductible, then 20% of the other 6,600.
        Assert.Equal(6_320, Cents(account, "patientBalanceCents"));
        Assert.Equal(0, Cents(account, "insurancePendingCents"));
        var ledger = account.GetProperty("ledger").EnumerateArray().ToList();
        long Sum(string reason) => ledger.Where(e => e.GetProperty("reason").GetString() == reason).Sum(e => Cents(e, "amountCents"));
        Assert.Equal((5_000L, 1_320L), (Sum("DEDUCTIBLE"), Sum("COINSURANCE")));
        // Every service line is traced from its charge to what the patient owes for it: nothing is left with the payer.
        foreach (var line in ledger.GroupBy(e => e.GetProperty("lineItemControlNumber").GetString()).Where(g => g.Key!.Length > 0))
        {
            var charge = line.Where(e => e.GetProperty("kind").GetString() == "CHARGE").Sum(e => Cents(e, "amountCents"));
            var toPatient = line.Where(e => e.GetProperty("kind").GetString() == "PATIENT_RESPONSIBILITY").Sum(e => Cents(e, "amountCents"));
            var paidAndAdjusted = line.Where(e => e.GetProperty("kind").GetString() is "INSURANCE_PAYMENT" or "ADJUSTMENT").Sum(e => Cents(e, "amountCents"));
            Assert.True(charge > 0, line.Key);
            Assert.Equal(0, charge + paidAndAdjusted - toPatient);
        }

        Assert.Contains("to patient: deductible", table);
        Assert.Contains("$63.20", table);
        Assert.Equal("acct-001", JsonDocument.Parse(list).RootElement.GetProperty("accounts")[0].GetProperty("accountId").GetString());

        // One statement, for what the patient owes, as JSON and as a PDF read back.
        var (_, runJson) = await Rcm("statements", "run", "--json");
        var statementId = JsonDocument.Parse(runJson).RootElement.GetProperty("statementIds").EnumerateArray().Single().GetString()!;
        var (_, statementJson) = await Rcm("statements", "show", statementId, "--json");
        var pdfFile = Path.Combine(Directory.CreateTempSubdirectory().FullName, "statement.pdf");
        Assert.Equal(0, (await Rcm("statements", "pdf", statementId, "--out", pdfFile)).Exit);
        Assert.Equal(6_320, Cents(JsonDocument.Parse(statementJson).RootElement, "amountDueCents"));
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(pdfFile);
        Assert.Contains("Amount due $63.20", string.Join(" ", pdf.GetPages().Select(p => p.Text)));

        // The patient asks for three installments: the last one takes the rounding.
        var (planned, planJson) = await Rcm("plans", "create", "acct-001", "--count", "3", "--day", "15", "--json");
        Assert.True(planned == 0, planJson);
        var installments = JsonDocument.Parse(planJson).RootElement.GetProperty("installments").EnumerateArray().Select(i => Cents(i, "amountCents"));
        Assert.Equal([2_106L, 2_106L, 2_108L], installments);
        Assert.Equal("ACTIVE", JsonDocument.Parse((await Rcm("plans", "show", "acct-001", "--json")).Output).RootElement.GetProperty("status").GetString());

        // The mail house gets the run with the guarantor's address.
        Assert.Equal(0, (await Rcm("accounts", "guarantor", "acct-001", "--name", "JANE DOE", "--line1", "1 ELM ST", "--city", "AUSTIN", "--state", "tx", "--zip", "78701")).Exit);
        var mailFile = Path.Combine(Directory.CreateTempSubdirectory().FullName, "mail.csv");
        var runId = JsonDocument.Parse(runJson).RootElement.GetProperty("runId").GetString()!;
        var (exported, exportText) = await Rcm("statements", "export", runId, "--out", mailFile);
        Assert.True(exported == 0, exportText);
        var row = Assert.Single((await File.ReadAllLinesAsync(mailFile, ct))[1..]);
        Assert.StartsWith($"{statementId},acct-001,STATEMENT_1,", row);
        Assert.EndsWith($",6320,63.20,JANE DOE,1 ELM ST,,AUSTIN,TX,78701,{statementId}.pdf", row);

        // No agency for a patient keeping to a plan (CollectionsApiTests refuse an early placement under 501(r)).
        var (placed, refusal) = await Rcm("agency", "place", "acct-001", "--agency", "ACME");
        Assert.NotEqual(0, placed);
        Assert.Contains("cannot be placed with an agency: a payment plan is in good standing", refusal);

        // The sliding scale, and a small-balance write-off.
        Assert.Contains("248% of the 2025 HHS poverty guideline ($32,150.00, contiguous); discount 75%", (await Rcm("assistance", "screen", "--household", "4", "--income", "8000000")).Output);
        var (wrote, writeOff) = await Rcm("accounts", "writeoff", "acct-001", "320", "--code", "small-balance");
        Assert.True(wrote == 0, writeOff);
        Assert.Contains("Patient due $60.00", writeOff);

        // The KPIs, folded from the same events: one claim, accepted, paid on the first pass. (Events carry the
        // machine's time, the platform here a shifted clock: the period is named to cover both.)
        string[] period = ["--from", "2025-01-01", "--to", "2030-12-31"];
        var (kpiExit, kpiJson) = await Rcm(["kpis", .. period, "--json"]);
        Assert.True(kpiExit == 0, kpiJson);
        var all = JsonDocument.Parse(kpiJson).RootElement.GetProperty("figures")[0];
        Assert.Equal(1, all.GetProperty("claims").GetInt32());
        foreach (var rate in new[] { "cleanClaimAcceptance", "cleanClaimFirstPassPaid" })
        {
            Assert.True((all.GetProperty(rate).GetProperty("numerator").GetString(), all.GetProperty(rate).GetProperty("denominator").GetString()) == ("1", "1"), rate + ": " + all);
        }

        // Touchless only if the scrubber had nothing to say about it (the sample claim draws a warning, or not).
        Assert.Equal(all.GetProperty("cleanClaimScrubber").GetProperty("numerator").GetString(), all.GetProperty("touchlessClaims").GetProperty("numerator").GetString());
        var (_, table2) = await Rcm(["kpis", .. period, "--by", "payer"]);
        Assert.Contains("100.0% (1/1)", table2);
        var nobody = JsonDocument.Parse((await Rcm(["kpis", .. period, "--payer", "NOBODY", "--json"])).Output).RootElement.GetProperty("figures")[0];
        Assert.Equal(0, nobody.GetProperty("claims").GetInt32());
        var (badExit, badText) = await Rcm("kpis", "--from", "2026-13-01");
        Assert.NotEqual(0, badExit);
        Assert.Contains("from: must be a date as YYYY-MM-DD", badText);
    }
}
