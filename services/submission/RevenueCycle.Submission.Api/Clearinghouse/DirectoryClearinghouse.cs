using System.Text;
using RevenueCycle.Submission.Domain.Ports;

namespace RevenueCycle.Submission.Api.Clearinghouse;

/// <summary>
/// A directory drop, the pattern of SFTP clearinghouses: interchanges are written to the outbox (under a temporary
/// name, then renamed, so the other side never reads half a file); answers are read from the inbox and moved to
/// <c>inbox/processed</c> once recorded. The payer sandbox service (or an SFTP sync) serves the other side.
/// </summary>
public sealed class DirectoryClearinghouse(SubmissionOptions options) : IClearinghouse
{
    public async Task SendAsync(ClearinghouseFile file, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Outbox);
        var target = Path.Combine(options.Outbox, file.Name);
        if (File.Exists(target))
        {
            return; // already handed over: the same bytes under the same name
        }

        var temporary = Path.Combine(options.Outbox, $".{file.Name}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(temporary, file.Content, new UTF8Encoding(false), cancellationToken);
        File.Move(temporary, target, overwrite: false);
    }

    public async Task<IReadOnlyList<ClearinghouseFile>> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(options.Inbox))
        {
            return [];
        }

        var files = new List<ClearinghouseFile>();
        foreach (var path in Directory.EnumerateFiles(options.Inbox).Where(p => !Path.GetFileName(p).StartsWith('.'))
            .OrderBy(p => SandboxClearinghouse.Order(Path.GetFileName(p))).ThenBy(p => p, StringComparer.Ordinal))
        {
            files.Add(new ClearinghouseFile(Path.GetFileName(path), await File.ReadAllTextAsync(path, cancellationToken)));
        }

        return files;
    }

    public Task AcknowledgeAsync(ClearinghouseFile file, CancellationToken cancellationToken)
    {
        var processed = Directory.CreateDirectory(Path.Combine(options.Inbox, "processed")).FullName;
        var source = Path.Combine(options.Inbox, file.Name);
        if (File.Exists(source))
        {
            // A later file under a name seen before (clearinghouses reuse names) is kept beside the first, never over it:
            // a set-aside 835 may still be needed to post by hand.
            var target = Path.Combine(processed, file.Name);
            if (File.Exists(target))
            {
                var hash = ClearinghouseFile.IdOf(file.Content)[..12];
                target = Path.Combine(processed, $"{Path.GetFileNameWithoutExtension(file.Name)}.{hash}{Path.GetExtension(file.Name)}");
            }

            File.Move(source, target, overwrite: true); // the same name and bytes again: one copy is enough
        }

        return Task.CompletedTask;
    }
}
