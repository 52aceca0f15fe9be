using RevenueCycle.BuildingBlocks;
using RevenueCycle.Cli.Commands;
using RevenueCycle.Testing;

namespace RevenueCycle.Cli.Tests.Commands;

public sealed class ServicesCommandTests
{
    [Fact]
    public void TheArchitectureDocument_HasTheCatalogsTable()
    {
        var architecture = File.ReadAllText(Path.Combine(SharedData.Repository, "docs", "ARCHITECTURE.md")).ReplaceLineEndings("\n");

        Assert.Contains(ServicesCommand.Markdown(), architecture, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tsv_ListsEveryServiceAfterThoseItCalls()
    {
        var output = new StringWriter();

        Assert.Equal(0, await Cli.RunAsync(["services", "--tsv"], output, TextWriter.Null));

        var rows = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        Assert.Equal(ServiceCatalog.All.Select(s => s.Name).Order(StringComparer.Ordinal), rows.Select(r => r[0]).Order(StringComparer.Ordinal));
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            var service = ServiceCatalog.Get(row[0]);
            Assert.Equal([$"{service.LocalGrpcPort}", $"{service.LocalHttpPort}", service.IsSubscriber ? "1" : "0", service.HostProject], row[1..]);
            Assert.All(service.Calls, called => Assert.True(rows.FindIndex(r => r[0] == called) < index, $"{service.Name} starts before {called}, which it calls"));
        }
    }

    [Fact]
    public void AnUnknownService_IsNamedWithTheKnownOnes() =>
        Assert.Equal(
            $"'billing' is not a RevenueCycle service ({string.Join(", ", ServiceCatalog.All.Select(s => s.Name))}). (Parameter 'name')",
            Assert.Throws<ArgumentException>(() => ServiceCatalog.Get("billing")).Message);
}
