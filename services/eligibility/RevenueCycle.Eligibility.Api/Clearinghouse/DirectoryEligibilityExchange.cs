using System.Text;
using RevenueCycle.Eligibility.Domain.Ports;

namespace RevenueCycle.Eligibility.Api.Clearinghouse;

/// <summary>
/// A directory drop, for clearinghouses reached by SFTP: the 270 is written to the outbox as <c>270-TRACE.x12</c>
/// (under a temporary name, then renamed, so the other side never reads half a file) and the answer awaited in the
/// inbox: the file named for the trace (<c>271-TRACE.x12</c>), else any 271 that carries the trace. The answer moves to
/// <c>inbox/processed</c>. Nothing found within the timeout is no answer.
/// </summary>
public sealed class DirectoryEligibilityExchange(EligibilityConnectionOptions options) : IEligibilityExchange
{
    public async Task<string?> AskAsync(string interchange270, string traceNumber, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Outbox);
        var temporary = Path.Combine(options.Outbox, $".270-{traceNumber}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(temporary, interchange270, new UTF8Encoding(false), cancellationToken);
        File.Move(temporary, Path.Combine(options.Outbox, $"270-{traceNumber}.x12"), overwrite: true);

        using var timer = new PeriodicTimer(options.PollInterval);
        var until = DateTime.UtcNow + timeout;
        do
        {
            if (await TakeAnswerAsync(traceNumber, cancellationToken) is { } answer)
            {
                return answer;
            }
        }
        while (DateTime.UtcNow < until && await timer.WaitForNextTickAsync(cancellationToken));

        return await TakeAnswerAsync(traceNumber, cancellationToken);
    }

    private async Task<string?> TakeAnswerAsync(string traceNumber, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(options.Inbox))
        {
            return null;
        }

        var files = Directory.EnumerateFiles(options.Inbox).Where(p => !Path.GetFileName(p).StartsWith('.')).ToList();
        foreach (var path in files.OrderBy(p => Path.GetFileName(p).Contains(traceNumber, StringComparison.Ordinal) ? 0 : 1))
        {
            string text;
            try
            {
                text = await File.ReadAllTextAsync(path, cancellationToken);
            }
            catch (FileNotFoundException)
            {
                continue; // taken by a concurrent check
            }

            if (!text.Contains(traceNumber, StringComparison.Ordinal))
            {
                continue;
            }

            var processed = Directory.CreateDirectory(Path.Combine(options.Inbox, "processed")).FullName;
            try
            {
                File.Move(path, Path.Combine(processed, Path.GetFileName(path)), overwrite: true);
            }
            catch (FileNotFoundException)
            {
                // Another check of the same trace took it: the text read is the answer all the same.
            }

            return text;
        }

        return null;
    }
}
