using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RevenueCycle.Demo;
using RevenueCycle.Testing;

namespace RevenueCycle.Platform.Tests;

/// <summary>
/// A whole demo batch through the single-process platform — eligibility, coding, scrubbing, the 837 to the payer
/// sandbox, its 999/277CA/835 answers, posting, denials, corrections, statements — with every log line (scopes
/// included, at Debug), every span (name, attributes, events, status) and every event payload on the bus captured.
/// None of them may carry a patient's name, member id, date of birth or street address.
/// </summary>
public sealed class NoPhiAcrossTheCycleTests
{
    private const string Key = "phi-test-key";
    private const int Encounters = 14;
    private const int Seed = 11;

    [Fact]
    public async Task ADemoBatch_LeavesNoPhiInLogsTracesOrEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        var logs = new CapturingLoggerProvider();
        var spans = new ConcurrentQueue<string>();
        var events = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => spans.Enqueue(Span(activity)),
        };
        ActivitySource.AddActivityListener(listener);
        await using var platform = await PlatformHost.StartAsync(
            new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, ClearinghouseInterval = TimeSpan.Zero, ServiceLogLevel = "Debug" },
            configureLogging: logging => logging.AddProvider(logs), cancellationToken: ct);
        using var tap = platform.Bus.Observe(message => events.Enqueue($"{message.Topic} {message.Json}"));

        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await Cli.Cli.RunAsync(["--gateway", platform.GatewayGrpc.ToString(), "--api-key", Key, "demo", "--encounters", $"{Encounters}", "--seed", $"{Seed}"], output, error);
        Assert.True(exit == 0, error.ToString());

        // The capture saw the cycle: claims submitted, denied and paid went over the bus; calls were traced and logged.
        Assert.Contains(events, e => e.StartsWith("claim-submitted ", StringComparison.Ordinal));
        Assert.Contains(events, e => e.StartsWith("claim-denied ", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Contains("SubmitClaim", StringComparison.Ordinal));
        Assert.NotEmpty(logs.Lines);

        var phi = Phi(DemoBatch.Generate(Encounters, Seed, DateOnly.FromDateTime(DateTime.UtcNow)));
        var found = logs.Lines.Select(l => ("log", l)).Concat(spans.Select(s => ("span", s))).Concat(events.Select(e => ("event", e)))
            .SelectMany(item => phi.Where(p => item.Item2.Contains(p, StringComparison.Ordinal)).Select(p => $"{item.Item1} carries '{p}': {item.Item2}"))
            .Take(10)
            .ToList();
        Assert.True(found.Count == 0, "PHI left the services:" + Environment.NewLine + string.Join(Environment.NewLine, found));
    }

    /// <summary>The identifying values of the batch's patients, in the forms they travel in (X12 dates are yyyyMMdd).</summary>
    private static HashSet<string> Phi(IReadOnlyList<DemoEncounter> batch)
    {
        var phi = new HashSet<string>(StringComparer.Ordinal);
        foreach (var encounter in batch)
        {
            var patient = encounter.Patient;
            phi.UnionWith([patient.Last, $"{patient.First} {patient.Last}", $"{patient.Last.ToUpperInvariant()}*{patient.First.ToUpperInvariant()}", patient.Line1,
                patient.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                patient.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
                encounter.MemberId]);
            if (encounter.FixMemberId is { } fix)
            {
                phi.Add(fix);
            }
        }

        return phi;
    }

    private static string Span(Activity activity) =>
        $"{activity.Source.Name} {activity.DisplayName} [{string.Join(" ", activity.TagObjects.Select(t => $"{t.Key}={t.Value}"))}]"
        + $" events [{string.Join(" ", activity.Events.Select(e => $"{e.Name} {string.Join(" ", e.Tags.Select(t => $"{t.Key}={t.Value}"))}"))}]"
        + $" status {activity.Status} {activity.StatusDescription} baggage [{string.Join(" ", activity.Baggage.Select(b => $"{b.Key}={b.Value}"))}]";
}
