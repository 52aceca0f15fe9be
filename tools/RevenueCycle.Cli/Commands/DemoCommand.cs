using System.Globalization;
using RevenueCycle.Demo;

namespace RevenueCycle.Cli.Commands;

/// <summary><c>rcm demo [--encounters N] [--seed S]</c>: a synthetic batch through the whole cycle of a running platform, then the report.</summary>
public static class DemoCommand
{
    public static async Task<int> RunAsync(GatewayClient client, Arguments arguments, TextWriter output, TextWriter error)
    {
        var encounters = Number(arguments, "--encounters", DemoOptions.DefaultEncounters, 1, DemoBatch.MaxEncounters);
        var seed = Number(arguments, "--seed", DemoOptions.DefaultSeed, 0, int.MaxValue);
        var console = EligibilityView.Console(output);
        try
        {
            var result = await new DemoRun(client.Platform, console).RunAsync(new DemoOptions(encounters, seed), CancellationToken.None);
            DemoReport.Render(console, result, new Uri(client.Gateway, "/dashboard"));
            return 0;
        }
        catch (DemoFailedException e)
        {
            await error.WriteLineAsync($"rcm demo: {e.Message}");
            return 2;
        }
    }

    private static int Number(Arguments arguments, string name, int fallback, int min, int max) =>
        arguments.Option(name) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
        : throw new UsageException($"{name} must be a whole number from {min} to {max}");
}
