using System.Text;
using RevenueCycle.Sandbox.Domain;

namespace RevenueCycle.Sandbox.Api;

/// <summary>
/// Answers every interchange that appears in the inbound directory: the sandbox's 999, 277CA, 277 and 835 are
/// written to the outbound directory (under a temporary name, then renamed), then the interchange moves to
/// <c>answered/</c>, so each is answered once even across restarts.
/// </summary>
public sealed partial class DirectoryResponder(SandboxOptions options, TimeProvider clock, ILogger<DirectoryResponder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Inbound) || string.IsNullOrWhiteSpace(options.Outbound))
        {
            return;
        }

        using var timer = new PeriodicTimer(options.PollInterval, clock);
        do
        {
            try
            {
                var answered = await RunOnceAsync(options, clock, stoppingToken);
                if (answered > 0)
                {
                    LogAnswered(logger, answered);
                }
            }
            catch (IOException e)
            {
                LogFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Answers what is waiting; returns how many interchanges.</summary>
    public static async Task<int> RunOnceAsync(SandboxOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(options.Inbound))
        {
            return 0;
        }

        Directory.CreateDirectory(options.Outbound);
        var answeredDirectory = Directory.CreateDirectory(Path.Combine(options.Inbound, "answered")).FullName;
        var count = 0;
        foreach (var path in Directory.EnumerateFiles(options.Inbound).Where(p => !Path.GetFileName(p).StartsWith('.')).Order(StringComparer.Ordinal).ToList())
        {
            var content = await File.ReadAllTextAsync(path, cancellationToken);
            foreach (var answer in PayerSandbox.Respond(content, clock.GetUtcNow()))
            {
                var temporary = Path.Combine(options.Outbound, $".{answer.Name}.{Guid.NewGuid():N}.tmp");
                await File.WriteAllTextAsync(temporary, answer.Content, new UTF8Encoding(false), cancellationToken);
                File.Move(temporary, Path.Combine(options.Outbound, answer.Name + ".x12"), overwrite: true);
            }

            File.Move(path, Path.Combine(answeredDirectory, Path.GetFileName(path)), overwrite: true);
            count++;
        }

        return count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered {Count} interchange(s)")]
    private static partial void LogAnswered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answering failed ({Kind}); retried on the next tick")]
    private static partial void LogFailed(ILogger logger, string kind);
}
