using System.Text.Json;
using RevenueCycle.Coding.Domain.UseCases;
using RevenueCycle.ServiceDefaults.Hosting;

namespace RevenueCycle.Coding.Api.ReferenceData;

/// <summary>
/// Fills the suggestion history at start — from the organisation's export (<c>Coding:HistoryFile</c>, JSON lines with
/// <c>text</c> and <c>codes</c>) and from the most recently finalized encounters in the store — then builds the
/// suggestion index so the first request does not wait for it. Note text is read, never logged.
/// </summary>
public sealed partial class SuggestionHistoryLoader(SuggestionUseCases suggestions, EncounterUseCases encounters, IConfiguration configuration, ILogger<SuggestionHistoryLoader> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // do not hold up the host's start
        try
        {
            var file = configuration["Coding:HistoryFile"];
            var fromFile = string.IsNullOrWhiteSpace(file) ? 0 : LoadFile(ConfiguredPath.Resolve(file));
            var recent = await encounters.RecentlyFinalizedAsync(configuration.GetValue("Coding:HistoryMaxEncounters", 5_000), stoppingToken);
            foreach (var encounter in recent)
            {
                suggestions.Learn(encounter.Documentation, encounter.Diagnoses.Select(d => d.Code).ToArray());
            }

            suggestions.Warm();
            LogReady(logger, fromFile, recent.Count, suggestions.HistoryCount);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e.GetType().Name); // suggestions still work, without (part of) the history
        }
    }

    private int LoadFile(string path)
    {
        var count = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var codes = root.TryGetProperty("codes", out var c) ? c : root.GetProperty("icd10cm_affirmed");
            suggestions.Learn(root.GetProperty("text").GetString() ?? "", codes.EnumerateArray().Select(e => e.GetString() ?? "").ToArray());
            count++;
        }

        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Suggestion history ready: {FromFile} encounters from the history file, {FromStore} finalized here, {Total} in all")]
    private static partial void LogReady(ILogger logger, int fromFile, int fromStore, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Suggestion history could not be loaded ({Error}); suggestions run without it")]
    private static partial void LogFailed(ILogger logger, string error);
}
