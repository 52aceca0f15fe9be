using System.Text.Json;
using Google.Protobuf;
using RevenueCycle.Contracts.Collections.V1;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Testing;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// The `rcm claims` commands a billing user runs, against the whole platform over real Redis: submit (twice, as a
/// retry), transmit, receive the sandbox's answers, read the status, void.
/// </summary>
[RequiresRedis]
public sealed class RcmThroughTheGatewayTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Key = "rcm-test-key";

    [Fact]
    public async Task ClaimsCommands_SubmitTransmitReceiveStatusVoid()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, Storage = "Redis", Redis = redis.NewConnectionString(), ClearinghouseInterval = TimeSpan.Zero };
        await using var platform = await PlatformHost.StartAsync(options, cancellationToken: ct, clock: ShiftedClock.AfterTheSampleVisit());
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "claim.json");
        await File.WriteAllTextAsync(file, JsonFormatter.Default.Format(Samples.Claim().ToProto()), ct);

        async Task<(int Exit, JsonElement Json)> Rcm(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await Cli.Cli.RunAsync(["--gateway", platform.GatewayGrpc.ToString(), "--api-key", Key, .. args], output, error);
            Assert.True(exit is 0 or 1, error.ToString());
            return (exit, JsonDocument.Parse(output.ToString()).RootElement.Clone());
        }

        var (submitted, first) = await Rcm("claims", "submit", file);
        var (_, retry) = await Rcm("claims", "submit", file);
        var claimId = first.GetProperty("claimId").GetString()!;
        Assert.True(submitted == 0, first.ToString());
        Assert.Equal((0, claimId), (submitted, retry.GetProperty("claimId").GetString()));

        var (_, transmitted) = await Rcm("claims", "transmit");
        var (_, received) = await Rcm("claims", "receive");
        var (_, again) = await Rcm("claims", "transmit");
        Assert.Equal(1, transmitted.GetProperty("built").GetArrayLength());
        Assert.Equal(0, again.GetProperty("built").GetArrayLength()); // the retry of the submit made no second 837
        Assert.Equal(1, received.GetProperty("remittances835").GetInt32());

        var (_, status) = await Rcm("claims", "status", claimId);
        Assert.Equal("CLAIM_STATUS_ADJUDICATED", status.GetProperty("versions")[0].GetProperty("status").GetString());

        var (voided, afterVoid) = await Rcm("claims", "void", claimId);
        var (_, voidRetry) = await Rcm("claims", "void", claimId);
        Assert.Equal(0, voided);
        Assert.Equal(2, afterVoid.GetProperty("versions").GetArrayLength());
        Assert.Equal(2, voidRetry.GetProperty("versions").GetArrayLength());
        // Newest version first.
        Assert.Equal("CLAIM_FREQUENCY_VOID", afterVoid.GetProperty("versions")[0].GetProperty("claim").GetProperty("frequency").GetString());

        var (_, transmissions) = await Rcm("transmissions", "list");
        Assert.Equal(1, transmissions.GetProperty("transmissions").GetArrayLength());

        // The void goes out and the payer answers it with a reversal: the account owes nothing and was paid once, then taken back.
        await Rcm("claims", "transmit");
        var (_, voidAnswers) = await Rcm("claims", "receive");
        Assert.Equal(1, voidAnswers.GetProperty("remittances835").GetInt32());
        var collections = new CollectionsService.CollectionsServiceClient(Grpc.Net.Client.GrpcChannel.ForAddress(platform.GatewayGrpc));
        var account = await Eventually.MatchAsync(
            async () => await collections.GetAccountAsync(new GetAccountRequest { AccountId = "acct-001" }, new Grpc.Core.Metadata { { "x-api-key", Key } }, cancellationToken: ct),
            a => a.Claims.Any(c => c.ClaimId == claimId && c.ChargeCents == 0 && c.InsurancePaidCents == 0));
        var balance = account.Claims.Single(c => c.ClaimId == claimId);
        Assert.Equal((0L, 0L, 0L), (balance.InsuranceBalanceCents, balance.PatientBalanceCents, balance.AdjustmentCents));
    }

    [Fact]
    public async Task EligibilityCommands_CheckAndBatchThroughTheGateway()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, Storage = "Redis", Redis = redis.NewConnectionString(), ClearinghouseInterval = TimeSpan.Zero };
        await using var platform = await PlatformHost.StartAsync(options, cancellationToken: ct); // the real clock: the checks are for today
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        async Task<(int Exit, string Output, string Error)> Rcm(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await Cli.Cli.RunAsync(["--gateway", platform.GatewayGrpc.ToString(), "--api-key", Key, .. args], output, error);
            return (exit, output.ToString(), error.ToString());
        }

        var (active, table, _) = await Rcm("eligibility", "check", "--payer", "12345", "--member", "RCM1D", "--last", "DOE", "--first", "JANE", "--service-type", "98", "--dos", today);
        var (rejected, json, _) = await Rcm("eligibility", "check", "--payer", "12345", "--member", "RCM1R", "--json");
        Assert.Equal((0, 1), (active, rejected));
        Assert.Contains("ACTIVE", table);
        Assert.Matches(@"Deductible\s+│ 30\s+│ in\s+│ IND\s+│ remaining\s+│\s+\$50\.00", table);
        Assert.Equal("72", JsonDocument.Parse(json).RootElement.GetProperty("rejections")[0].GetProperty("reasonCode").GetString());

        var schedule = Path.Combine(Directory.CreateTempSubdirectory().FullName, "schedule.csv");
        await File.WriteAllLinesAsync(schedule, ["reference,payer_id,member_id,date_of_service", .. Enumerable.Range(0, 30).Select(i => $"appt-{i},{(i == 4 ? "99999" : "12345")},B{i:D3}{"DDDIC"[i % 5]},{today}")], ct);
        var (batch, lines, progress) = await Rcm("eligibility", "batch", schedule, "--json", "--concurrency", "4");
        var (_, summary, _) = await Rcm("eligibility", "batch", schedule);

        var results = lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(1, batch);
        Assert.Equal(30, results.Count);
        Assert.Equal("payer_id", results.Single(r => r.GetProperty("reference").GetString() == "appt-4").GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Contains("rcm: checked 30 of 30", progress);
        Assert.Contains("30 appointments checked", summary);
        Assert.Contains("12 need a registrar", summary); // 6 inactive (I), 5 with other coverage (C), and the row of an unknown payer

        // Two coverages for one patient, the spouse's registered first: the patient's own plan pays first.
        var eligibility = new Contracts.Eligibility.V1.EligibilityService.EligibilityServiceClient(Grpc.Net.Client.GrpcChannel.ForAddress(platform.GatewayGrpc));
        var headers = new Grpc.Core.Metadata { { "x-api-key", Key } };
        var coverageIds = new Dictionary<string, string>();
        foreach (var (key, member, relationship) in new[] { ("spouse", "SPOUSE01", Contracts.Common.V1.Relationship.Spouse), ("own", "RCM1D", Contracts.Common.V1.Relationship.Self) })
        {
            coverageIds[key] = (await eligibility.RegisterCoverageAsync(new Contracts.Eligibility.V1.RegisterCoverageRequest
            {
                IdempotencyKey = key,
                Coverage = new Contracts.Common.V1.Coverage
                {
                    PatientId = "pat-cob", Payer = new Contracts.Common.V1.Payer { PayerId = "12345", Name = key.ToUpperInvariant() + " PLAN" },
                    Subscriber = new Contracts.Common.V1.Subscriber { MemberId = member, RelationshipToPatient = relationship },
                    EffectiveDate = new Google.Type.Date { Year = 2020, Month = 1, Day = 1 },
                    Cob = new Contracts.Common.V1.CobProfile { Kind = Contracts.Common.V1.CoverageKind.GroupHealthPlan, Employment = Contracts.Common.V1.EmploymentBasis.Active },
                },
            }, headers, cancellationToken: ct)).CoverageId;
        }

        var (cob, cobTable, _) = await Rcm("eligibility", "cob", "pat-cob", "--dos", today);
        var (_, cobJson, _) = await Rcm("eligibility", "cob", "pat-cob", "--dos", today, "--json");
        var order = JsonDocument.Parse(cobJson).RootElement.GetProperty("order");
        Assert.Equal(0, cob);
        Assert.Equal(["OWN PLAN", "SPOUSE PLAN"], order.EnumerateArray().Select(o => o.GetProperty("coverage").GetProperty("payer").GetProperty("name").GetString()));
        Assert.Contains("NAIC 6B(2)", order[0].GetProperty("reason").GetString());
        Assert.Matches(@"│ 1 │ P\s+│ 12345 OWN PLAN", cobTable);

        // The estimate for the member checked above ($50 of the deductible left, 20%): $50.00 + 20% of $66.00.
        var (estimated, estimate, _) = await Rcm("eligibility", "check", "--coverage", coverageIds["own"], "--dos", today);
        var (_, estimateJson, _) = await Rcm("estimate", "--coverage", coverageIds["own"], "--dos", today, "--px", "99213=10000", "--px", "82947=1600", "--json");
        var (_, estimateTable, _) = await Rcm("estimate", "--coverage", coverageIds["own"], "--dos", today, "--px", "99213=10000", "--px", "82947=1600");
        Assert.Equal(0, estimated);
        Assert.Contains("ACTIVE", estimate);
        Assert.Equal("6320", JsonDocument.Parse(estimateJson).RootElement.GetProperty("patientTotalCents").GetString());
        Assert.Contains("Patient estimate: $63.20", estimateTable);

        // A Good Faith Estimate for a self-pay patient, from the example file.
        var (gfe, gfeTable, _) = await Rcm("estimate", "--self-pay", Path.Combine(SharedData.Repository, "docs", "examples", "gfe.json"));
        Assert.Equal(0, gfe);
        Assert.Contains("Good Faith Estimate gfe_", gfeTable);
        Assert.Matches(@"Total\s.*\$170\.00", gfeTable);
        Assert.Matches(@"at\s+least\s+\$400\s+more", gfeTable); // the disclaimer, wrapped to the console's width
    }

    [RequiresSharedData]
    [Fact]
    public async Task RemitImport_SharedFile_PostsOnce_AndABrokenFileIsRefusedWithItsFindings()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, Storage = "Redis", Redis = redis.NewConnectionString(), ClearinghouseInterval = TimeSpan.Zero };
        await using var platform = await PlatformHost.StartAsync(options, cancellationToken: ct, clock: ShiftedClock.AfterTheSampleVisit());
        var file = SharedData.File("x12-samples", "835", "x221-multiple-claims-single-check.edi");
        var broken = Path.Combine(Directory.CreateTempSubdirectory().FullName, "broken.835");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(file, ct)).Replace("BPR*I*810.8*", "BPR*I*810.9*", StringComparison.Ordinal), ct);

        async Task<(int Exit, string Output)> Rcm(params string[] args)
        {
            var output = new StringWriter();
            var exit = await Cli.Cli.RunAsync(["--gateway", platform.GatewayGrpc.ToString(), "--api-key", Key, .. args], output, new StringWriter());
            return (exit, output.ToString());
        }

        var (refused, findings) = await Rcm("remit", "import", broken);
        var (imported, first) = await Rcm("remit", "import", file);
        var (_, again) = await Rcm("remit", "import", file);

        Assert.Equal((1, 0), (refused, imported));
        Assert.Contains("transaction 1 (ST 35681).total_paid_cents: is 81090 but the claim payments add up to 81080 (cents)", findings);
        var remittance = JsonDocument.Parse(first).RootElement.GetProperty("remittances")[0].GetProperty("result");
        Assert.Equal((9, "81080"), (remittance.GetProperty("claimsPosted").GetInt32(), remittance.GetProperty("totalPaidCents").GetString()));
        Assert.True(JsonDocument.Parse(again).RootElement.GetProperty("remittances")[0].GetProperty("result").GetProperty("duplicate").GetBoolean());

        // The sample's claims were never submitted here: all nine wait in the unmatched queue; the EFT reconciles.
        var (_, unmatched) = await Rcm("remit", "unmatched");
        Assert.Equal(9, JsonDocument.Parse(unmatched).RootElement.GetProperty("items").GetArrayLength());
        var (matched, deposit) = await Rcm("remit", "deposit", "12345", "81080", "--date", "2014-04-02", "--ref", "BANK-1");
        Assert.Equal((0, "RECONCILIATION_STATUS_MATCHED"), (matched, JsonDocument.Parse(deposit).RootElement.GetProperty("status").GetString()));
        var (_, awaiting) = await Rcm("remit", "reconciliation");
        Assert.False(JsonDocument.Parse(awaiting).RootElement.TryGetProperty("remittances", out _));

        // The other sample's denied claim: three line denials on the billing worklist, nearest appeal deadline first.
        await Rcm("remit", "import", SharedData.File("x12-samples", "835", "835-mult-loops.txt"));
        var (_, worklist) = await Rcm("denials", "worklist", "--owner", "billing");
        var denials = JsonDocument.Parse(worklist).RootElement.GetProperty("denials");
        Assert.Equal(3, denials.GetArrayLength());
        Assert.All(denials.EnumerateArray(), d => Assert.Equal(2005, d.GetProperty("appealDeadline").GetProperty("year").GetInt32()));
    }
}
