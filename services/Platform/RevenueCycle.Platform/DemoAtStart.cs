using RevenueCycle.Demo;
using Spectre.Console;

namespace RevenueCycle.Platform;

/// <summary>
/// `make run`'s demo batch: once the platform is up, synthetic encounters go through the whole cycle by the gateway,
/// as `rcm demo` sends them to any platform, and the report is printed. The platform keeps serving whatever happens.
/// </summary>
public static class DemoAtStart
{
    public static async Task<DemoResult?> RunAsync(PlatformHost platform, IAnsiConsole console, CancellationToken cancellationToken = default)
    {
        var options = platform.Options;
        if (options.DemoEncounters <= 0)
        {
            return null;
        }

        platform.QuietAccessLog(true);
        try
        {
            using var clients = new PlatformClients(platform.GatewayGrpc, options.ApiKey);
            console.MarkupLine($"[bold]A demo batch[/] of {options.DemoEncounters} synthetic encounters through the whole cycle (`./rcm demo --seed N` sends another):");
            var result = await new DemoRun(clients, console).RunAsync(new DemoOptions(options.DemoEncounters, options.DemoSeed), cancellationToken);
            DemoReport.Render(console, result, new Uri(platform.GatewayHttp, "/dashboard"));
            return result;
        }
        catch (DemoFailedException e)
        {
            console.MarkupLine($"[red]The demo batch stopped:[/] {Markup.Escape(e.Message)}");
            return null;
        }
        catch (Grpc.Core.RpcException e)
        {
            console.MarkupLine($"[red]The demo batch stopped:[/] {Markup.Escape($"{e.StatusCode}: {e.Status.Detail}")}");
            return null;
        }
        catch (ArgumentOutOfRangeException)
        {
            console.MarkupLine($"[red]No demo batch:[/] Platform:DemoEncounters must be 1 to {DemoBatch.MaxEncounters}.");
            return null;
        }
        finally
        {
            platform.QuietAccessLog(false);
        }
    }
}
