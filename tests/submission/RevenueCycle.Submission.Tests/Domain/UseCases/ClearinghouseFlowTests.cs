using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.Submission.Api.Clearinghouse;
using RevenueCycle.Submission.Domain.Model;
using RevenueCycle.Submission.Domain.Ports;
using RevenueCycle.Submission.Domain.UseCases;
using RevenueCycle.Testing;
using RevenueCycle.X12;
using RevenueCycle.X12.Acknowledgments;
using RevenueCycle.X12.Remittances;
using StackExchange.Redis;

namespace RevenueCycle.Submission.Tests.Domain.UseCases;

/// <summary>
/// Claims through the clearinghouse over a real Redis, with the payer sandbox on the other side: one 837 per claim
/// version however often it is retried, then the 999, 277CA, 277 and 835 move each claim on by its scenario.
/// </summary>
[RequiresRedis]
public sealed class ClearinghouseFlowTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    private readonly IConnectionMultiplexer _connection = redis.Connect(redis.NewConnectionString());
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingPoster _poster = new();

    private sealed class CleanScrubber : IClaimScrubber
    {
        public Task<ScrubOutcome> ScrubAsync(Claim claim, CancellationToken cancellationToken) => Task.FromResult(new ScrubOutcome([], claim.FirstDateOfService?.AddDays(365)));
    }

    private sealed class RecordingPoster : IRemittancePoster
    {
        public List<Remittance835> Posted { get; } = [];

        /// <summary>What posting answers instead of posting (its located refusal), when set.</summary>
        public IReadOnlyList<string> Refusal { get; set; } = [];

        public Task<IReadOnlyList<string>> PostAsync(Remittance835 remittance, CancellationToken cancellationToken)
        {
            if (Refusal.Count == 0)
            {
                Posted.Add(remittance);
            }

            return Task.FromResult(Refusal);
        }
    }

    /// <summary>Fails the first <see cref="Failures"/> sends, like a clearinghouse connection that drops.</summary>
    private sealed class FlakyClearinghouse(IClearinghouse inner) : IClearinghouse
    {
        public int Failures { get; set; }

        public List<ClearinghouseFile> Sent { get; } = [];

        public Task SendAsync(ClearinghouseFile file, CancellationToken cancellationToken)
        {
            if (Failures-- > 0)
            {
                throw new IOException("connection reset");
            }

            Sent.Add(file);
            return inner.SendAsync(file, cancellationToken);
        }

        public Task<IReadOnlyList<ClearinghouseFile>> ReceiveAsync(CancellationToken cancellationToken) => inner.ReceiveAsync(cancellationToken);

        public Task AcknowledgeAsync(ClearinghouseFile file, CancellationToken cancellationToken) => inner.AcknowledgeAsync(file, cancellationToken);
    }

    private (RedisDocumentStore Store, ClaimUseCases Claims, TransmissionUseCases Transmissions, IntakeUseCases Intake, FlakyClearinghouse Clearinghouse) Services()
    {
        var store = new RedisDocumentStore(_connection, "submission", new OutboxSignal(), TimeSpan.FromDays(1), TimeSpan.FromSeconds(30));
        var claims = new ClaimUseCases(store, new CleanScrubber(), _clock);
        var clearinghouse = new FlakyClearinghouse(new SandboxClearinghouse(_clock));
        return (store, claims, new TransmissionUseCases(store, clearinghouse, SubmissionSettings.Demo, _clock), new IntakeUseCases(store, clearinghouse, _poster, claims, _clock), clearinghouse);
    }

    private static Claim ClaimFor(string memberId) => Samples.Claim() with { Subscriber = Samples.Claim().Subscriber! with { MemberId = memberId } };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CleanClaim_GoesOutOnceAndComesBackAdjudicated()
    {
        var (_, claims, transmissions, intake, clearinghouse) = Services();
        var submitted = await claims.SubmitAsync("k1", ClaimFor("MEMBER001"), Ct);
        await claims.SubmitAsync("k1", ClaimFor("MEMBER001"), Ct); // a retry of the submission

        var transmission = await transmissions.BuildAsync(Ct);
        var again = await transmissions.BuildAsync(Ct);
        clearinghouse.Failures = 1;
        var firstTry = await transmissions.SendPendingAsync(Ct);
        var secondTry = await transmissions.SendPendingAsync(Ct);
        var thirdTry = await transmissions.SendPendingAsync(Ct);
        var received = await intake.ReceiveAsync(Ct);
        var record = await claims.GetAsync(submitted.ClaimId, Ct);

        Assert.NotNull(transmission);
        Assert.Null(again); // nothing queued: the version is in one interchange only
        Assert.Equal((0, 1, 0), (firstTry, secondTry, thirdTry));
        var sent = Assert.Single(clearinghouse.Sent);
        Assert.Equal(transmission.Content, sent.Content); // the retry sent the recorded bytes
        Assert.Equal("000000001", transmission.Id);
        Assert.True(X12Reader.Parse(sent.Content).IsValid);
        Assert.Equal((3, 1, 1, 1, 0), (received.Files, received.Acknowledgments, received.ClaimAcknowledgments, received.Remittances, received.Rejections));
        Assert.Equal(ClaimStatus.Adjudicated, record.Latest.Status);
        Assert.Equal([ClaimStatus.Submitted, ClaimStatus.Submitted, ClaimStatus.Accepted, ClaimStatus.Adjudicated], record.Latest.Changes.Select(c => c.Status));
        Assert.Equal(11_600L, Assert.Single(_poster.Posted).Claims.Single().PaidCents);
        Assert.StartsWith("SBX", record.PayerClaimControlNumber);
    }

    [Fact]
    public async Task RemittancePostingRefuses_IsKeptWithItsReasons_AndHoldsUpNothingElse()
    {
        var (_, claims, transmissions, intake, _) = Services();
        var submitted = await claims.SubmitAsync("k1", ClaimFor("MEMBER001"), Ct);
        var transmission = await transmissions.BuildAsync(Ct);
        var answers = Sandbox.Domain.PayerSandbox.Respond(transmission!.Content, _clock.GetUtcNow());
        var remittanceFile = answers.Single(a => X12Reader.Parse(a.Content).Transactions.Any(t => t.Type == "835"));
        _poster.Refusal = [.. Enumerable.Range(0, 30).Select(i => $"claims[{i}].paid_cents: the claim does not balance")];

        var results = new List<IntakeResult>();
        foreach (var answer in answers)
        {
            results.Add(await intake.ProcessAsync(new ClearinghouseFile(answer.Name, answer.Content), Ct));
        }

        var record = await claims.GetAsync(submitted.ClaimId, Ct);
        var kept = await intake.FindAsync(remittanceFile.Content, Ct);
        var again = await intake.ProcessAsync(new ClearinghouseFile("again.x12", remittanceFile.Content), Ct);
        var setAside = await intake.SetAsideAsync(10, "", Ct);

        Assert.Equal(1, results.Sum(r => r.RefusedRemittances));
        Assert.Equal(0, results.Sum(r => r.Remittances)); // not applied to the claim
        Assert.Equal(ClaimStatus.Accepted, record.Latest.Status); // the 999 and 277CA before it still moved the claim on
        Assert.Empty(_poster.Posted);
        Assert.Equal(22, kept!.Errors.Count); // which 835 and what it paid, the first 20 reasons, how many more
        Assert.Matches(@"^835 1 \(ST \S+\): not posted: trace \S+, payer \S+, \$[0-9,]+\.\d\d in 1 claim\(s\)$", kept.Errors[0]);
        Assert.Equal("claims[0].paid_cents: the claim does not balance", kept.Errors[1][(kept.Errors[1].IndexOf("): ", StringComparison.Ordinal) + 3)..]);
        Assert.EndsWith("): and 10 more", kept.Errors[^1], StringComparison.Ordinal);
        Assert.Equal(1, again.Duplicates); // recorded once: a retry of the file changes nothing
        Assert.Equal([remittanceFile.Name], setAside.Items.Select(f => f.Name)); // on billing's worklist, the 999 and 277CA files not
    }

    [Fact]
    public async Task RemittanceWithOnlyProviderAdjustments_IsSetAsideToPostByHand_NotDropped()
    {
        var (_, _, _, intake, _) = Services();
        var interest = new Remittance835("PAYER1", "PAYER ONE", "CLINIC", "1234567893", "PLBONLY1", new DateOnly(2026, 3, 3), 1_250, "ACH", [],
            [new ProviderAdjustment835("1234567893", new DateOnly(2026, 12, 31), "L6", "INTEREST", -1_250)]);
        var content = Interchange835("PAYER1", "CLINIC", 7, interest);

        var result = await intake.ProcessAsync(new ClearinghouseFile("interest.x12", content), Ct);
        var kept = await intake.FindAsync(content, Ct);

        Assert.Equal((0, 1), (result.Remittances, result.RefusedRemittances));
        Assert.Empty(_poster.Posted);
        Assert.Equal(["835 1 (ST 0001): not posted: trace PLBONLY1, payer PAYER1, $12.50 in 0 claim(s)",
            "835 1 (ST 0001): no claim payments, only provider-level adjustments: post it by hand"], kept!.Errors);
        Assert.Equal(["interest.x12"], (await intake.SetAsideAsync(10, "", Ct)).Items.Select(f => f.Name));
    }

    [Fact]
    public async Task SetAsideFile_ResolvedWithANote_LeavesTheWorklist_Once()
    {
        var (_, claims, transmissions, intake, _) = Services();
        await claims.SubmitAsync("k1", ClaimFor("MEMBER001"), Ct);
        var transmission = await transmissions.BuildAsync(Ct);
        var fine = Sandbox.Domain.PayerSandbox.Respond(transmission!.Content, _clock.GetUtcNow())[0];
        await intake.ProcessAsync(new ClearinghouseFile("garbage.x12", "this is not x12"), Ct);
        await intake.ProcessAsync(new ClearinghouseFile(fine.Name, fine.Content), Ct);
        var listed = Assert.Single((await intake.SetAsideAsync(10, "", Ct)).Items);
        var fineId = (await intake.FindAsync(fine.Content, Ct))!.Id;

        _clock.Advance(TimeSpan.FromHours(2));
        var resolved = await intake.ResolveAsync(listed.Id, "  asked the clearinghouse to resend it  ", Ct);
        _clock.Advance(TimeSpan.FromHours(1));
        var again = await intake.ResolveAsync(listed.Id, "something else", Ct);

        Assert.Matches("^[0-9a-f]{64}$", listed.Id);
        Assert.Equal(("asked the clearinghouse to resend it", (DateTimeOffset?)_clock.GetUtcNow().AddHours(-1)), (resolved.Resolution, resolved.ResolvedAt));
        Assert.Equal((resolved.Resolution, resolved.ResolvedAt), (again.Resolution, again.ResolvedAt)); // a retry changes nothing
        Assert.Empty((await intake.SetAsideAsync(10, "", Ct)).Items);
        Assert.Equal(resolved.ResolvedAt, (await intake.FindAsync("this is not x12", Ct))!.ResolvedAt);
        await Assert.ThrowsAsync<PreconditionFailedException>(() => intake.ResolveAsync(fineId, "nothing to do", Ct)); // never set aside
        await Assert.ThrowsAsync<NotFoundException>(() => intake.ResolveAsync(new string('a', 64), "x", Ct));
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => intake.ResolveAsync("garbage.x12", "", Ct));
        Assert.Equal(["file_id", "resolution"], invalid.Violations.Select(v => v.Field));
    }

    /// <summary>What the test poster answers for an 835 posting refuses.</summary>
    private static readonly string[] Unbalanced = ["claims[0].paid_cents: the claim does not balance"];

    /// <summary>An interchange from <paramref name="sender"/>, numbered <paramref name="control"/>, with one group of transaction sets (ST 0001, 0002, ...).</summary>
    private string Interchange(string sender, string receiver, int control, string functionalId, string version, string type, IEnumerable<List<X12.Syntax.Segment>> bodies) =>
        X12.Writing.X12Writer.Write(new X12.Writing.InterchangeBuilder(
                X12.Writing.X12Writer.Isa("ZZ", sender, "ZZ", receiver, _clock.GetUtcNow(), control, false, X12.Syntax.Delimiters.Default), X12.Syntax.Delimiters.Default)
            .Group(functionalId, sender, receiver, _clock.GetUtcNow(), control, version, type, [.. bodies.Select((body, i) => ($"{i + 1:D4}", body))])
            .Build());

    /// <summary>An interchange from <paramref name="sender"/> with one 835 transaction a remittance, numbered <paramref name="control"/>.</summary>
    private string Interchange835(string sender, string receiver, int control, params Remittance835[] remittances) =>
        Interchange(sender, receiver, control, "HP", Remittance835Writer.Version, "835", remittances.Select(Remittance835Writer.Body));

    private static Remittance835 RemittanceIn(string content) => Remittance835Reader.Read(X12Reader.Parse(content).Transactions.Single(t => t.Type == "835"));

    /// <summary>The payer's 835 for <paramref name="content"/>'s, sent again: the same payment (payer, trace) in an interchange of its own.</summary>
    private string Reissued(string content, int control) => Interchange835("SANDBOX", "SUBMITTER01", control, RemittanceIn(content));

    /// <summary>One claim submitted and sent; the payer sandbox's 835 for it (not yet read).</summary>
    private async Task<(ClaimUseCases Claims, IntakeUseCases Intake, string ClaimId, ClearinghouseFile Remittance)> OneClaimsRemittanceAsync()
    {
        var (_, claims, transmissions, intake, _) = Services();
        var submitted = await claims.SubmitAsync("k1", ClaimFor("MEMBER001"), Ct);
        var transmission = await transmissions.BuildAsync(Ct);
        var answer = Sandbox.Domain.PayerSandbox.Respond(transmission!.Content, _clock.GetUtcNow()).Single(a => X12Reader.Parse(a.Content).Transactions.Any(t => t.Type == "835"));
        return (claims, intake, submitted.ClaimId, new ClearinghouseFile(answer.Name, answer.Content));
    }

    /// <summary>As <see cref="OneClaimsRemittanceAsync"/>, the 835 then refused by posting and set aside (its record); posting accepts again after.</summary>
    private async Task<(ClaimUseCases Claims, IntakeUseCases Intake, string ClaimId, ClearinghouseFile Refused, InboundFile Waiting)> SetAsideRemittanceAsync()
    {
        var (claims, intake, claimId, refused) = await OneClaimsRemittanceAsync();
        _poster.Refusal = Unbalanced;
        await intake.ProcessAsync(refused, Ct);
        _poster.Refusal = [];
        return (claims, intake, claimId, refused, (await intake.FindAsync(refused.Content, Ct))!);
    }

    [Fact]
    public async Task TwoAcknowledgmentsOfOneTransmissionInOneFile_AreBothRead_AndOneRejectionRejectsIt()
    {
        var (_, claims, transmissions, intake, _) = Services();
        var submitted = await claims.SubmitAsync("k1", ClaimFor("MEMBER001"), Ct);
        var transmission = await transmissions.BuildAsync(Ct);
        var ack = Acknowledgment999Builder.Read(X12Reader.Parse(Sandbox.Domain.PayerSandbox.Respond(transmission!.Content, _clock.GetUtcNow())[0].Content).Transactions.Single());
        var rejected = ack with { Transactions = [ack.Transactions[0] with { Status = "R", SyntaxCodes = ["5"] }], GroupStatus = "R", AcceptedCount = 0 };
        // The clearinghouse's acknowledgments of a transmission's groups, in one file: here the same group twice, accepted then rejected.
        var both = Interchange("SANDBOX", "SUBMITTER01", 30, "FA", Acknowledgment999Builder.Version, "999", [Acknowledgment999Builder.Body(ack), Acknowledgment999Builder.Body(rejected)]);

        var result = await intake.ProcessAsync(new ClearinghouseFile("999s.x12", both), Ct);

        Assert.Equal((2, 1), (result.Acknowledgments, result.Rejections));
        Assert.Equal(TransmissionStatus.Rejected, (await transmissions.GetAsync(transmission.Id, Ct)).Status);
        Assert.Equal(ClaimStatus.Rejected, (await claims.GetAsync(submitted.ClaimId, Ct)).Latest.Status);
    }

    [Fact]
    public async Task SetAside835_LeavesTheWorklistOnItsOwn_WhenThePayersCorrected835Posts()
    {
        var (claims, intake, claimId, refused, waiting) = await SetAsideRemittanceAsync();

        _clock.Advance(TimeSpan.FromDays(2));
        var (_, corrected) = await intake.ReceiveFileAsync("corrected_835.edi", Reissued(refused.Content, 9), Ct);
        var answered = (await intake.FindAsync(refused.Content, Ct))!;
        var record = await claims.GetAsync(claimId, Ct);

        Assert.Equal(RemittanceIn(refused.Content).TraceNumber, Assert.Single(waiting.Unposted!).TraceNumber);
        Assert.Empty(corrected.Errors);
        Assert.Equal(ClaimStatus.Adjudicated, record.Latest.Status);
        Assert.Equal(_clock.GetUtcNow(), answered.ResolvedAt);
        Assert.Equal($"its 835s posted from corrected_835.edi (file {corrected.Id[..12]})", answered.Resolution);
        Assert.Empty(answered.Unposted!);
        Assert.Equal(waiting.Errors, answered.Errors); // why it was set aside stays on record
        Assert.Empty((await intake.SetAsideAsync(10, "", Ct)).Items);
    }

    [Fact]
    public async Task Refused835_ForAPaymentThatHadAlreadyPosted_IsRecordedAnswered_NotPutOnTheWorklist()
    {
        var (_, intake, _, good) = await OneClaimsRemittanceAsync();
        var posted = await intake.ProcessAsync(new ClearinghouseFile("aaa_good.x12", good.Content), Ct); // the drop reads by name: the good copy first
        var goodId = (await intake.FindAsync(good.Content, Ct))!.Id;
        _poster.Refusal = Unbalanced;

        var refused = await intake.ProcessAsync(new ClearinghouseFile("zzz_bad_copy.x12", Reissued(good.Content, 12)), Ct);
        var kept = (await intake.FindAsync(Reissued(good.Content, 12), Ct))!;

        Assert.Equal((1, 1), (posted.Remittances, refused.RefusedRemittances));
        Assert.Equal($"its 835s had already posted from aaa_good.x12 (file {goodId[..12]})", kept.Resolution);
        Assert.Equal(_clock.GetUtcNow(), kept.ResolvedAt);
        Assert.NotEmpty(kept.Errors); // why it was refused stays on record
        Assert.Empty((await intake.SetAsideAsync(10, "", Ct)).Items);
    }

    [Fact]
    public async Task TwoFilesWaitingForTheSamePayment_BothLeaveTheWorklist_WhenItPosts()
    {
        var (_, intake, _, answer) = await OneClaimsRemittanceAsync();
        _poster.Refusal = Unbalanced;
        await intake.ProcessAsync(new ClearinghouseFile("first.x12", answer.Content), Ct);
        await intake.ProcessAsync(new ClearinghouseFile("resent.x12", Reissued(answer.Content, 13)), Ct);
        var listed = (await intake.SetAsideAsync(10, "", Ct)).Items.Count;
        _poster.Refusal = [];

        await intake.ProcessAsync(new ClearinghouseFile("corrected.x12", Reissued(answer.Content, 14)), Ct);

        Assert.Equal(2, listed);
        foreach (var content in new[] { answer.Content, Reissued(answer.Content, 13) })
        {
            Assert.StartsWith("its 835s posted from corrected.x12 (file ", (await intake.FindAsync(content, Ct))!.Resolution, StringComparison.Ordinal);
        }

        Assert.Empty((await intake.SetAsideAsync(10, "", Ct)).Items);
    }

    [Fact]
    public async Task SetAside835_ResolvedByAPerson_KeepsTheirNote_WhenACorrected835PostsLater()
    {
        var (_, intake, _, refused, waiting) = await SetAsideRemittanceAsync();
        var byHand = await intake.ResolveAsync(waiting.Id, "posted by hand, deposit 2026-03-03", Ct);

        _clock.Advance(TimeSpan.FromDays(1));
        var result = await intake.ProcessAsync(new ClearinghouseFile("again_835.x12", Reissued(refused.Content, 10)), Ct);

        Assert.Equal(1, result.Remittances);
        var after = (await intake.FindAsync(refused.Content, Ct))!;
        Assert.Equal((byHand.ResolvedAt, "posted by hand, deposit 2026-03-03"), (after.ResolvedAt, after.Resolution));
        Assert.Empty((await intake.SetAsideAsync(10, "", Ct)).Items);
    }

    [Fact]
    public async Task SetAsideFile_WithTwo835sNotPosted_WaitsForBoth()
    {
        var (_, intake, _, answer) = await OneClaimsRemittanceAsync();
        var paid = RemittanceIn(answer.Content);
        Remittance835[] remittances = [paid with { TraceNumber = "T1" }, paid with { TraceNumber = "T2" }]; // two payments, each refused
        var both = Interchange835("SANDBOX", "SUBMITTER01", 11, remittances);
        _poster.Refusal = Unbalanced;
        await intake.ProcessAsync(new ClearinghouseFile("two.x12", both), Ct);
        _poster.Refusal = [];

        string One(int i) => Interchange835("SANDBOX", "SUBMITTER01", 20 + i, remittances[i]);
        await intake.ProcessAsync(new ClearinghouseFile("first.x12", One(0)), Ct);
        var halfway = (await intake.FindAsync(both, Ct))!;
        await intake.ProcessAsync(new ClearinghouseFile("second.x12", One(1)), Ct);
        var done = (await intake.FindAsync(both, Ct))!;

        Assert.Null(halfway.ResolvedAt);
        Assert.Equal("T2", Assert.Single(halfway.Unposted!).TraceNumber);
        Assert.StartsWith("its 835s posted from second.x12", done.Resolution, StringComparison.Ordinal);
        Assert.Empty((await intake.SetAsideAsync(10, "", Ct)).Items);
    }

    [Fact]
    public async Task AnswerFileHandedIn_IsReadAsTheInboxWould_Once_WhicheverWayItComesAgain()
    {
        var (_, claims, transmissions, intake, _) = Services();
        var submitted = await claims.SubmitAsync("k1", ClaimFor("MEMBER001"), Ct);
        var transmission = await transmissions.BuildAsync(Ct);
        var answers = Sandbox.Domain.PayerSandbox.Respond(transmission!.Content, _clock.GetUtcNow());
        var remittance = answers.Single(a => X12Reader.Parse(a.Content).Transactions.Any(t => t.Type == "835"));
        foreach (var answer in answers.Where(a => a != remittance))
        {
            await intake.ProcessAsync(new ClearinghouseFile(answer.Name, answer.Content), Ct); // the 999 and 277CA came through the inbox
        }

        _clock.Advance(TimeSpan.FromDays(3));
        var (result, file) = await intake.ReceiveFileAsync("835_from_portal.edi", remittance.Content, Ct);
        var (again, same) = await intake.ReceiveFileAsync("renamed.edi", remittance.Content, Ct);
        var fromInbox = await intake.ProcessAsync(new ClearinghouseFile(remittance.Name, remittance.Content), Ct);
        var record = await claims.GetAsync(submitted.ClaimId, Ct);

        Assert.Equal((1, 0, 1, 0), (result.Files, result.Duplicates, result.Remittances, result.RefusedRemittances));
        Assert.Equal(("835_from_portal.edi", "835", _clock.GetUtcNow()), (file.Name, file.Kinds, file.ReceivedAt));
        Assert.Empty(file.Errors);
        Assert.Equal(ClaimStatus.Adjudicated, record.Latest.Status);
        Assert.Equal(11_600L, Assert.Single(_poster.Posted).Claims.Single().PaidCents);
        Assert.Equal((1, file.Id, "835_from_portal.edi"), (again.Duplicates, same.Id, same.Name)); // by content, whatever its name
        Assert.Equal(1, fromInbox.Duplicates); // the same file through the inbox later changes nothing either
        Assert.Single(record.Latest.Changes, c => c.Status == ClaimStatus.Adjudicated);
    }

    [Fact]
    public async Task AnswerFileHandedIn_NotX12OrBadlyNamed_IsRefusedLocated_AndNothingKept()
    {
        var (_, claims, transmissions, intake, _) = Services();
        await claims.SubmitAsync("k1", ClaimFor("MEMBER001"), Ct);
        var claimFile = (await transmissions.BuildAsync(Ct))!.Content;

        var answers = Sandbox.Domain.PayerSandbox.Respond(claimFile, _clock.GetUtcNow());
        var remittance = answers.Single(a => X12Reader.Parse(a.Content).Transactions.Any(t => t.Type == "835")).Content;
        var truncated = remittance[..remittance.IndexOf("IEA*", StringComparison.Ordinal)]; // an 835 inside, its envelope cut off

        var garbage = await Assert.ThrowsAsync<ValidationException>(() => intake.ReceiveFileAsync("answer.edi", "ISA*00*this is not x12~", Ct));
        var cut = await Assert.ThrowsAsync<ValidationException>(() => intake.ReceiveFileAsync("era.835", truncated, Ct));
        var notAnAnswer = await Assert.ThrowsAsync<ValidationException>(() => intake.ReceiveFileAsync("claims.837", claimFile, Ct));
        var nothing = await Assert.ThrowsAsync<ValidationException>(() => intake.ReceiveFileAsync("../inbox/answer.edi", " ", Ct));

        Assert.NotEmpty(garbage.Violations);
        Assert.All(garbage.Violations, v => Assert.Equal("content", v.Field));
        Assert.All(garbage.Violations, v => Assert.StartsWith("is not a readable X12 interchange: ", v.Description, StringComparison.Ordinal));
        Assert.Equal(["file_name", "content"], nothing.Violations.Select(v => v.Field));
        Assert.Equal(("content", "holds no answer to read (999, 277CA, 277 or 835), only 837"), (notAnAnswer.Violations.Single().Field, notAnAnswer.Violations.Single().Description));
        Assert.Null(await intake.FindAsync(claimFile, Ct));
        Assert.Contains(cut.Violations, v => v.Field == "content" && v.Description.Contains("023", StringComparison.Ordinal)); // IEA missing: located
        Assert.Null(await intake.FindAsync(truncated, Ct));
        Assert.Null(await intake.FindAsync("ISA*00*this is not x12~", Ct)); // unlike the inbox, nothing is set aside: the person is told
        Assert.Empty((await intake.SetAsideAsync(10, "", Ct)).Items);
        Assert.Empty(_poster.Posted);
    }

    [Fact]
    public async Task SilentClaim_GetsA276AfterTheConfiguredDays_AndThe277AnswerIsNoted()
    {
        var (store, claims, transmissions, intake, clearinghouse) = Services();
        var inquiries = new StatusInquiryUseCases(store, clearinghouse, SubmissionSettings.Demo, _clock);
        var pended = await claims.SubmitAsync("n", ClaimFor("MEMBER00N"), Ct);
        var paid = await claims.SubmitAsync("p", ClaimFor("MEMBER001") with { Lines = [Samples.Claim().Lines[0] with { ChargeCents = 9_900 }] }, Ct);
        await transmissions.BuildAsync(Ct);
        await transmissions.SendPendingAsync(Ct);
        await intake.ReceiveAsync(Ct);

        _clock.Advance(TimeSpan.FromDays(29));
        var tooSoon = await inquiries.InquireAsync(30, Ct);
        _clock.Advance(TimeSpan.FromDays(2));
        var inquiry = await inquiries.InquireAsync(30, Ct);
        var askedAgain = await inquiries.InquireAsync(30, Ct); // the inquiry restarted the claim's clock
        var answers = await intake.ReceiveAsync(Ct);
        var record = await claims.GetAsync(pended.ClaimId, Ct);

        Assert.Null(tooSoon);
        Assert.NotNull(inquiry);
        Assert.Equal([pended.ClaimId], inquiry.ClaimIds); // the adjudicated claim is not asked about
        var sent = clearinghouse.Sent.Last();
        Assert.Equal(inquiry.FileName, sent.Name);
        var document = X12Reader.Parse(sent.Content);
        Assert.True(document.IsValid, string.Join("; ", document.Errors));
        var transaction = Assert.Single(document.Transactions);
        Assert.Equal("276", transaction.Type);
        Assert.Null(askedAgain);
        Assert.Equal(1, answers.Files);
        Assert.Equal(ClaimStatus.Accepted, record.Latest.Status);
        Assert.Equal(["277CA", "277", "276", "277"], record.Latest.Changes.Skip(2).Select(c => c.Source));
        Assert.Equal("P1:20", record.Latest.Changes[^1].Detail);
        Assert.Equal(ClaimStatus.Adjudicated, (await claims.GetAsync(paid.ClaimId, Ct)).Latest.Status);
    }

    [Fact]
    public async Task ControlNumbers_AreUniquePerSender_AcrossTransmissions()
    {
        var (_, claims, transmissions, _, _) = Services();
        await claims.SubmitAsync("a", ClaimFor("MEMBER001"), Ct);
        var first = await transmissions.BuildAsync(Ct);
        await claims.SubmitAsync("b", ClaimFor("MEMBER002") with { Lines = [Samples.Claim().Lines[0] with { ChargeCents = 9_900 }] }, Ct);
        var second = await transmissions.BuildAsync(Ct);

        Assert.Equal(["000000001", "000000002"], new[] { first!.Id, second!.Id });
        Assert.NotEqual(first.GroupControlNumbers, second.GroupControlNumbers);
    }

    [Fact]
    public async Task FrontEndRejection_PublishesClaimRejectedWithItsRootCause()
    {
        var (store, claims, transmissions, intake, _) = Services();
        var submitted = await claims.SubmitAsync("k", ClaimFor("MEMBER00R"), Ct);
        await transmissions.BuildAsync(Ct);
        await transmissions.SendPendingAsync(Ct);

        var received = await intake.ReceiveAsync(Ct);

        Assert.Equal(1, received.Rejections);
        var record = await claims.GetAsync(submitted.ClaimId, Ct);
        Assert.Equal((ClaimStatus.Rejected, "277CA", "A7:164:IL"), (record.Latest.Status, record.Latest.Changes[^1].Source, record.Latest.Changes[^1].Detail));
        var events = (await store.ReadPendingAsync(20, Ct)).Where(m => m.Topic == Topics.ClaimRejected).ToList();
        var rejected = JsonSerializer.Deserialize<ClaimRejectedIntegrationEvent>(Assert.Single(events).Json, DocumentJson.Options)!;
        Assert.Equal((submitted.ClaimId, "front-end", "277CA"), (rejected.ClaimId, rejected.RootCause, rejected.Source));
        Assert.DoesNotContain("MEMBER00R", events[0].Json);
        Assert.Empty(_poster.Posted);
    }

    [Fact]
    public async Task RejectedClaim_Corrected_GoesOutAgainAsAnOriginal()
    {
        var (_, claims, transmissions, intake, _) = Services();
        var submitted = await claims.SubmitAsync("k", ClaimFor("MEMBER00R"), Ct);
        await transmissions.BuildAsync(Ct);
        await transmissions.SendPendingAsync(Ct);
        await intake.ReceiveAsync(Ct);
        var fixedClaim = submitted.Latest.Claim with { Subscriber = submitted.Latest.Claim.Subscriber! with { MemberId = "MEMBER001" } };

        var corrected = await claims.CorrectAsync(submitted.ClaimId, "fix-member", fixedClaim, Ct);
        var resent = await transmissions.BuildAsync(Ct);

        Assert.Equal((ClaimFrequency.Original, "", ClaimStatus.Scrubbed), (corrected.Latest.Claim.Frequency, corrected.Latest.Claim.PayerClaimControlNumber, corrected.Versions[^1].Status));
        Assert.Equal(ClaimStatus.Corrected, corrected.Versions[0].Status);
        Assert.Matches(@"CLM\*" + submitted.ClaimId + @"\*[0-9.]+\*\*\*11:B:1\*", resent!.Content);
        Assert.DoesNotContain("REF*F8*", resent.Content);
        await Assert.ThrowsAsync<PreconditionFailedException>(() => claims.VoidAsync(submitted.ClaimId, "void-unknown", Ct)); // nothing on file to void
    }

    [Fact]
    public async Task Worklists_RejectedUntilCorrected_UnfiledUntilThePayerHasIt()
    {
        var (_, claims, transmissions, intake, _) = Services();
        var accepted = await claims.SubmitAsync("k1", ClaimFor("MEMBER001"), Ct);
        var rejected = await claims.SubmitAsync("k2", ClaimFor("MEMBER00R") with { Lines = [ClaimFor("MEMBER00R").Lines[0]] }, Ct);
        var deadline = DateOnly.FromDateTime(accepted.FilingDeadline!.Value.UtcDateTime);

        var dueBefore = await claims.UnfiledAsync(deadline, 10, "", Ct);
        var notYetDue = await claims.UnfiledAsync(deadline.AddDays(-1), 10, "", Ct);
        await transmissions.BuildAsync(Ct);
        await transmissions.SendPendingAsync(Ct);
        await intake.ReceiveAsync(Ct);
        var rejectedList = await claims.RejectedAsync(10, "", Ct);
        var dueAfter = await claims.UnfiledAsync(deadline, 10, "", Ct);
        await claims.CorrectAsync(rejected.ClaimId, "fix", rejected.Latest.Claim with { Subscriber = rejected.Latest.Claim.Subscriber! with { MemberId = "MEMBER001" } }, Ct);

        Assert.Equal(2, dueBefore.Items.Count);
        Assert.Empty(notYetDue.Items);
        Assert.Equal([rejected.ClaimId], rejectedList.Items.Select(c => c.ClaimId));
        Assert.Equal([rejected.ClaimId], dueAfter.Items.Select(c => c.ClaimId)); // the accepted claim is on file: off the list
        Assert.Empty((await claims.RejectedAsync(10, "", Ct)).Items);
        Assert.Single((await claims.UnfiledAsync(deadline, 10, "", Ct)).Items); // corrected, not yet on file
    }

    [Fact]
    public async Task SameAnswerFileTwice_ChangesNothingTheSecondTime()
    {
        var (_, claims, transmissions, intake, _) = Services();
        var submitted = await claims.SubmitAsync("k", ClaimFor("MEMBER001"), Ct);
        var transmission = await transmissions.BuildAsync(Ct);
        var answers = Sandbox.Domain.PayerSandbox.Respond(transmission!.Content, _clock.GetUtcNow());

        foreach (var answer in answers)
        {
            await intake.ProcessAsync(new ClearinghouseFile(answer.Name, answer.Content), Ct);
        }

        var duplicate = await intake.ProcessAsync(new ClearinghouseFile("again.x12", answers[^1].Content), Ct);
        var record = await claims.GetAsync(submitted.ClaimId, Ct);

        Assert.Equal(1, duplicate.Duplicates);
        Assert.Single(record.Latest.Changes, c => c.Status == ClaimStatus.Adjudicated);
    }

    [Fact]
    public async Task GarbageFromTheClearinghouse_IsSetAsideNotHalfImported()
    {
        var (_, _, _, intake, _) = Services();

        var result = await intake.ProcessAsync(new ClearinghouseFile("garbage.x12", "this is not x12"), Ct);
        var setAside = await intake.SetAsideAsync(10, "", Ct);

        Assert.Equal(1, result.Unreadable);
        Assert.Empty(_poster.Posted);
        var kept = Assert.Single(setAside.Items);
        Assert.Equal(("garbage.x12", "unreadable"), (kept.Name, kept.Kinds));
        Assert.NotEmpty(kept.Errors);
    }

    [Fact]
    public async Task StrayTextInAnAnswerFile_IsNamedByItsLength_InTheSetAsideRecord_NeverQuoted()
    {
        var (_, _, _, intake, _) = Services();
        var interest = new Remittance835("PAYER1", "PAYER ONE", "CLINIC", "1234567893", "STRAY1", new DateOnly(2026, 3, 3), 1_250, "ACH", [],
            [new ProviderAdjustment835("1234567893", new DateOnly(2026, 12, 31), "L6", "INTEREST", -1_250)]);
        var content = Interchange835("PAYER1", "CLINIC", 8, interest);
        var pasted = content.Insert(content.IndexOf("GE*", StringComparison.Ordinal), "DOE*JANE*19700501*12 MAIN ST~"); // someone's note

        await intake.ProcessAsync(new ClearinghouseFile("pasted.x12", pasted), Ct);
        var kept = await intake.FindAsync(pasted, Ct);

        Assert.Equal("unreadable", kept!.Kinds);
        Assert.Contains(kept.Errors, e => e.Contains("(text of 3 characters, not a known segment id) is outside any transaction set", StringComparison.Ordinal));
        Assert.All(kept.Errors, e => Assert.DoesNotContain("DOE", e, StringComparison.Ordinal));
        Assert.Empty(_poster.Posted);
    }

    [Fact]
    public async Task PrimaryAdjudication_WithASecondaryCoverage_QueuesTheSecondaryClaim()
    {
        var (_, claims, transmissions, intake, clearinghouse) = Services();
        var secondaryPayer = new Payer("SECOND", "SECOND HEALTH PLAN", "CI", Address.Empty);
        var claim = ClaimFor("MEMBER00D") with { SecondaryPayer = secondaryPayer, SecondarySubscriber = Samples.Claim().Subscriber! with { MemberId = "SEC001" } };
        var primary = await claims.SubmitAsync("k", claim, Ct);
        await transmissions.BuildAsync(Ct);
        await transmissions.SendPendingAsync(Ct);
        await intake.ReceiveAsync(Ct);

        var queued = await claims.GetAsync(SecondaryClaims.IdFor(primary.ClaimId), Ct);
        var followUp = await transmissions.BuildAsync(Ct);
        var secondary = await claims.GetAsync(SecondaryClaims.IdFor(primary.ClaimId), Ct);

        Assert.Equal((primary.ClaimId, ClaimStatus.Scrubbed), (queued.SecondaryOf, queued.Latest.Status));
        Assert.Equal(ClaimStatus.Submitted, secondary.Latest.Status);
        Assert.Equal([secondary.ClaimId], followUp!.Claims.Select(c => c.ClaimId));
        var other = Assert.Single(secondary.Latest.Claim.PriorPayers);
        Assert.Equal(("12345", 5_280L), (other.Payer.PayerId, other.PaidCents)); // the sandbox's deductible-and-coinsurance answer
        Assert.Equal("SECOND", secondary.Latest.Claim.Payer!.PayerId);
        var text = followUp!.Content;
        Assert.Contains("SBR*S*18*", text);
        Assert.Contains("AMT*D*52.8~", text);
        Assert.True(X12Reader.Parse(text).IsValid, string.Join("\n", X12Reader.Parse(text).Errors));
        Assert.Single(clearinghouse.Sent); // the primary's interchange; the secondary's waits for the next send
    }

    [Fact]
    public async Task VoidAndCorrect_CiteThePayersClaimNumber()
    {
        var (_, claims, transmissions, intake, _) = Services();
        var submitted = await claims.SubmitAsync("k", ClaimFor("MEMBER001"), Ct);
        await Assert.ThrowsAsync<PreconditionFailedException>(() => claims.VoidAsync(submitted.ClaimId, "v0", Ct)); // nothing at the payer yet
        await transmissions.BuildAsync(Ct);
        await transmissions.SendPendingAsync(Ct);
        await intake.ReceiveAsync(Ct);

        var corrected = await claims.CorrectAsync(submitted.ClaimId, "c1", submitted.Latest.Claim with { Lines = [submitted.Latest.Claim.Lines[0]] }, Ct);
        var replacement = await transmissions.BuildAsync(Ct);

        Assert.Equal((ClaimFrequency.Replacement, ClaimStatus.Submitted), (corrected.Latest.Claim.Frequency, (await claims.GetAsync(submitted.ClaimId, Ct)).Latest.Status));
        Assert.Equal(ClaimStatus.Corrected, corrected.Versions[0].Status);
        Assert.Contains($"REF*F8*{corrected.PayerClaimControlNumber}~", replacement!.Content);
        Assert.Contains("CLM*" + submitted.ClaimId + "*125***11:B:7*", replacement.Content);
    }

    [Fact]
    public async Task Void_RetriedWithTheSameKey_ReturnsTheFirstVoid_AndASecondVoidIsRefused()
    {
        var (_, claims, transmissions, intake, _) = Services();
        var submitted = await claims.SubmitAsync("k", ClaimFor("MEMBER001"), Ct);
        await transmissions.BuildAsync(Ct);
        await transmissions.SendPendingAsync(Ct);
        await intake.ReceiveAsync(Ct);

        var voided = await claims.VoidAsync(submitted.ClaimId, "v1", Ct);
        var retried = await claims.VoidAsync(submitted.ClaimId, "v1", Ct);

        Assert.Equal((2, ClaimFrequency.Void, ClaimStatus.Voided), (voided.Versions.Count, voided.Latest.Claim.Frequency, voided.Versions[0].Status));
        Assert.Equal(2, retried.Versions.Count);
        Assert.Equal(2, (await claims.GetAsync(submitted.ClaimId, Ct)).Versions.Count);
        await Assert.ThrowsAsync<PreconditionFailedException>(() => claims.VoidAsync(submitted.ClaimId, "v2", Ct));
    }

    public void Dispose() => _connection.Dispose();
}
