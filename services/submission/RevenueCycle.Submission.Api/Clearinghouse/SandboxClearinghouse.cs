using System.Collections.Concurrent;
using RevenueCycle.Sandbox.Domain;
using RevenueCycle.Submission.Domain.Ports;

namespace RevenueCycle.Submission.Api.Clearinghouse;

/// <summary>
/// The payer sandbox in process (<c>make run</c>, tests): every interchange sent is answered at once with the
/// sandbox's 999, 277CA, 277 and 835, kept in an inbox until acknowledged. An interchange control number seen before
/// is not answered twice, as a real clearinghouse ignores a duplicate interchange.
/// </summary>
public sealed class SandboxClearinghouse(TimeProvider clock) : IClearinghouse
{
    private readonly ConcurrentDictionary<string, ClearinghouseFile> _inbox = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);

    public Task SendAsync(ClearinghouseFile file, CancellationToken cancellationToken)
    {
        if (_seen.TryAdd(file.Name, true))
        {
            foreach (var answer in PayerSandbox.Respond(file.Content, clock.GetUtcNow()))
            {
                _inbox[answer.Name] = new ClearinghouseFile(answer.Name, answer.Content);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ClearinghouseFile>> ReceiveAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ClearinghouseFile>>(_inbox.Values.OrderBy(f => Order(f.Name)).ThenBy(f => f.Name, StringComparer.Ordinal).ToList());

    public Task AcknowledgeAsync(ClearinghouseFile file, CancellationToken cancellationToken)
    {
        _inbox.TryRemove(file.Name, out _);
        return Task.CompletedTask;
    }

    /// <summary>Acknowledgments before claim status before remittances, as they would arrive.</summary>
    internal static int Order(string name) => name.Split('-')[0] switch { "999" => 0, "277CA" => 1, "277" => 2, "835" => 3, _ => 4 };
}
