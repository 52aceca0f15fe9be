using RevenueCycle.BuildingBlocks;
using RevenueCycle.Testing;

namespace RevenueCycle.Cluster.Tests;

/// <summary>
/// The short fault suite of make test: a dozen numbered claims through the distributed platform (this build's hosts,
/// each its own process, a real redis-server with an append-only file), quietly and then while every service, Redis
/// and the gateway are SIGKILLed once; nothing may be lost or doubled and the KPIs must agree. make faults runs the
/// long one (a thousand claims, both appendfsync settings).
/// </summary>
[RequiresRedis]
public sealed class FaultSuiteRunTests
{
    [Fact]
    public async Task ADozenClaims_EveryProcessKilledOnce_NothingLostOrDoubled_AndTheKpisAgree()
    {
        var configuration = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)); // artifacts/bin/<project>/<configuration>/
        var settings = new FaultSettings(SharedData.Repository, Encounters: 12, Seed: 7)
        {
            Configuration = configuration, PortOffset = 4000, Artifacts = Path.Combine(SharedData.Repository, "artifacts", "faults-test"),
        };
        var report = new StringWriter();

        var (quiet, faulted, clean) = await new FaultSuite(settings, report).ReconcileAsync("everysec", TestContext.Current.CancellationToken);

        Assert.True(clean, report.ToString());
        Assert.Equal(LocalCluster.Targets, faulted.Kills.Select(k => k.Split(' ')[0]));
        Assert.Equal([.. ServiceCatalog.All.Select(s => s.Name), "redis", "gateway"], LocalCluster.Targets);
        Assert.Equal(12, quiet.Claims);
        Assert.True(quiet.Facts.Count(f => f.Key.Topic == "claim-submitted") > 12, report.ToString()); // replacements went out too
        Assert.Contains(quiet.Facts, f => f.Key.Topic == "coding-corrected");
    }
}
