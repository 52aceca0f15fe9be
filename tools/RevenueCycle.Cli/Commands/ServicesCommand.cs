using System.Text.Json;
using RevenueCycle.BuildingBlocks;

namespace RevenueCycle.Cli.Commands;

/// <summary>
/// <c>rcm services</c>: the platform's declared services (BuildingBlocks/ServiceCatalog.cs), offline. <c>--tsv</c> is
/// one service a line for scripts (a deployment's own process manager), so none keeps a list of its own.
/// </summary>
public static class ServicesCommand
{
    public static async Task<int> RunAsync(Arguments arguments, TextWriter output)
    {
        if (arguments.Option("--tsv") is not null)
        {
            // name, gRPC port, HTTP port, 1 if it takes event deliveries, host project: one service a line.
            foreach (var s in ServiceCatalog.StartOrder())
            {
                await output.WriteLineAsync($"{s.Name}\t{s.LocalGrpcPort}\t{s.LocalHttpPort}\t{(s.IsSubscriber ? 1 : 0)}\t{s.HostProject}");
            }

            return 0;
        }

        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(ServiceCatalog.All, JsonOptions));
            return 0;
        }

        await output.WriteLineAsync(Markdown());
        return 0;
    }

    /// <summary>The services table of docs/ARCHITECTURE.md, as it must read (a test compares them).</summary>
    public static string Markdown()
    {
        static string List(IEnumerable<string> items) => items.Any() ? string.Join(", ", items.Select(i => $"`{i}`")) : "—";
        var lines = new List<string>
        {
            "| service | gRPC service | local ports (gRPC, HTTP) | publishes | handles | calls |",
            "| --- | --- | --- | --- | --- | --- |",
        };
        lines.AddRange(ServiceCatalog.All.Select(s =>
            $"| {s.Name} | `{s.ProtoService}` | {s.LocalGrpcPort}, {s.LocalHttpPort} | {List(s.Publishes)} | {List(s.Subscribes)} | {(s.Calls.Count > 0 ? string.Join(", ", s.Calls) : "—")} |"));
        return string.Join('\n', lines);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
