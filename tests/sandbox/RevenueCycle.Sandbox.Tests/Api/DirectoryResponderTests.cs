using Microsoft.Extensions.Time.Testing;
using RevenueCycle.Sandbox.Api;
using RevenueCycle.Testing;
using RevenueCycle.X12.Claims;

namespace RevenueCycle.Sandbox.Tests.Api;

public sealed class DirectoryResponderTests
{
    [Fact]
    public async Task Interchange_DroppedInbound_IsAnsweredOnceOutbound()
    {
        var root = Directory.CreateTempSubdirectory().FullName;
        var options = new SandboxOptions { Inbound = Path.Combine(root, "outbox"), Outbound = Path.Combine(root, "inbox") };
        Directory.CreateDirectory(options.Inbound);
        var claim = Samples.Claim("C1") with { PatientControlNumber = "C1" };
        var text = Claim837Batch.Write([claim], new Submitter837("P", "SUB", "B", "6145550100", "SANDBOX", "SANDBOX"), new InterchangeHeader("ZZ", "SUB", "ZZ", "SANDBOX", 5, false), DateTimeOffset.UnixEpoch);
        await File.WriteAllTextAsync(Path.Combine(options.Inbound, "837-SUB-000000005.x12"), text, TestContext.Current.CancellationToken);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero));

        var first = await DirectoryResponder.RunOnceAsync(options, clock, TestContext.Current.CancellationToken);
        var second = await DirectoryResponder.RunOnceAsync(options, clock, TestContext.Current.CancellationToken);

        Assert.Equal((1, 0), (first, second));
        Assert.Equal(["277CA", "835", "999"], Directory.GetFiles(options.Outbound).Select(f => Path.GetFileName(f).Split('-')[0]).Order());
        Assert.True(File.Exists(Path.Combine(options.Inbound, "answered", "837-SUB-000000005.x12")));
        Assert.DoesNotContain(Directory.GetFiles(options.Outbound), f => Path.GetFileName(f).StartsWith('.'));
    }
}
