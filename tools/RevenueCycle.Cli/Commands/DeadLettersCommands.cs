using System.Globalization;
using RevenueCycle.Contracts.Events.V1;
using Spectre.Console;

namespace RevenueCycle.Cli.Commands;

/// <summary><c>rcm dead-letters list</c> and <c>replay</c>: the events a service set aside, and handing one to it again.</summary>
public static class DeadLettersCommands
{
    public static async Task<int> ListAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var services = arguments.Options("--service") is { Count: > 0 } named ? named : HealthCommand.Services;
        var letters = new List<(string Service, DeadLetter Letter)>();
        foreach (var service in services)
        {
            letters.AddRange((await client.DeadLetters.ListDeadLettersAsync(new ListDeadLettersRequest { Service = service }, GatewayClient.ForService(service))).DeadLetters.Select(d => (service, d)));
        }

        if (arguments.Option("--json") is not null)
        {
            foreach (var (_, letter) in letters)
            {
                await output.WriteLineAsync(GatewayClient.Json.Format(letter));
            }

            return 0;
        }

        if (letters.Count == 0)
        {
            await output.WriteLineAsync($"No dead letters ({string.Join(", ", services)}).");
            return 0;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("Service", "Recorded (UTC)", "Topic", "Event", "Why");
        foreach (var (service, d) in letters)
        {
            table.AddRow(service, d.RecordedAt.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), d.Topic, d.EventId, Markup.Escape(d.Reason));
        }

        EligibilityView.Console(output).Write(table);
        return 0;
    }

    public static async Task<int> ReplayAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var service = arguments.Required("--service");
        var request = new ReplayDeadLetterRequest { Service = service, Topic = arguments.Required("--topic"), EventId = arguments.Required("--event") };
        var replayed = await client.DeadLetters.ReplayDeadLetterAsync(request, GatewayClient.ForService(service));
        await output.WriteLineAsync($"{replayed.Topic} event {replayed.EventId} handled by {service}; it left the dead letters.");
        return 0;
    }

}
