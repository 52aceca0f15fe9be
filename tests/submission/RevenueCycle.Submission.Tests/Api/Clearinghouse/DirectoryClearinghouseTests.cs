using Microsoft.Extensions.Time.Testing;
using RevenueCycle.Sandbox.Api;
using RevenueCycle.Submission.Api.Clearinghouse;
using RevenueCycle.Submission.Domain.Ports;
using RevenueCycle.Testing;
using RevenueCycle.X12.Claims;

namespace RevenueCycle.Submission.Tests.Api.Clearinghouse;

/// <summary>The directory drop against the sandbox service's responder: outbox, answers in the inbox, moved once recorded.</summary>
public sealed class DirectoryClearinghouseTests
{
    [Fact]
    public async Task SendThroughTheOutbox_AnswersArriveInTheInbox_AndLeaveWhenAcknowledged()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Directory.CreateTempSubdirectory().FullName;
        var options = new SubmissionOptions { Clearinghouse = "Directory", Outbox = Path.Combine(root, "outbox"), Inbox = Path.Combine(root, "inbox") };
        var clearinghouse = new DirectoryClearinghouse(options);
        var claim = Samples.Claim("C1") with { PatientControlNumber = "C1" };
        var text = Claim837Batch.Write([claim], new Submitter837("P", "SUB", "B", "6145550100", "SANDBOX", "SANDBOX"), new InterchangeHeader("ZZ", "SUB", "ZZ", "SANDBOX", 9, false), DateTimeOffset.UnixEpoch);

        await clearinghouse.SendAsync(new ClearinghouseFile("837-SUB-000000009.x12", text), ct);
        await clearinghouse.SendAsync(new ClearinghouseFile("837-SUB-000000009.x12", text), ct); // a retry: the same file, once
        await DirectoryResponder.RunOnceAsync(new SandboxOptions { Inbound = options.Outbox, Outbound = options.Inbox }, new FakeTimeProvider(new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero)), ct);
        var received = await clearinghouse.ReceiveAsync(ct);
        foreach (var file in received)
        {
            await clearinghouse.AcknowledgeAsync(file, ct);
        }

        Assert.Equal(["999", "277CA", "835"], received.Select(f => f.Name.Split('-')[0]));
        Assert.Empty(await clearinghouse.ReceiveAsync(ct));
        Assert.Equal(3, Directory.GetFiles(Path.Combine(options.Inbox, "processed")).Length);
        Assert.Single(Directory.GetFiles(Path.Combine(options.Outbox, "answered")));
    }

    [Fact]
    public async Task AFileUnderANameSeenBefore_IsKeptBesideTheFirst_NeverOverIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Directory.CreateTempSubdirectory().FullName;
        var options = new SubmissionOptions { Clearinghouse = "Directory", Outbox = Path.Combine(root, "outbox"), Inbox = Path.Combine(root, "inbox") };
        var clearinghouse = new DirectoryClearinghouse(options);
        Directory.CreateDirectory(options.Inbox);

        foreach (var content in new[] { "first remittance", "second remittance", "second remittance" })
        {
            await File.WriteAllTextAsync(Path.Combine(options.Inbox, "835-PAYER.x12"), content, ct);
            await clearinghouse.AcknowledgeAsync(new ClearinghouseFile("835-PAYER.x12", content), ct);
        }

        var kept = Directory.GetFiles(Path.Combine(options.Inbox, "processed")).Select(f => File.ReadAllText(f)).Order(StringComparer.Ordinal);
        Assert.Equal(["first remittance", "second remittance"], kept);
    }
}
