using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Collections.Domain.Model;
using RevenueCycle.Collections.Domain.UseCases;

namespace RevenueCycle.Collections.Domain.Statements;

/// <summary>
/// Statement runs: every account is looked at, and one statement issued for what the patient owes on claims no payer
/// still has, at or over the policy's minimum. A statement is one document, written once: a run repeated the same day
/// issues nothing twice. Each statement is listed under its account (the history dunning and aging read) and the run.
/// </summary>
public sealed class StatementUseCases(IDocumentStore store, StatementPolicy policy, TimeProvider clock)
{
    private const int PageSize = 500;

    public static string StatementKey(string statementId) => $"statement:{statementId}";

    public static string AccountStatementsIndex(string accountId) => $"account:{accountId}:statements";

    private static string RunKey(string runId) => $"statement-run:{runId}";

    public async Task<StatementRun> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var runId = $"run-{now:yyyyMMddHHmmss}-{Guid.CreateVersion7():N}"[..32];
        var issued = new List<string>();
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0L;
        var token = "";
        do
        {
            var (members, next) = await store.PageAsync(AccountUseCases.AccountsIndex, token, PageSize, descending: false, cancellationToken);
            token = next;
            var accounts = await store.GetManyAsync<Account>(members.Select(AccountUseCases.AccountKey).ToArray(), cancellationToken);
            foreach (var account in accounts.Select(a => a.Value))
            {
                var (statement, reason) = Statement.For(account, runId, today, policy);
                if (statement is null)
                {
                    skipped[reason] = skipped.GetValueOrDefault(reason) + 1;
                    continue;
                }

                var changes = new ChangeSet()
                    .Put(StatementKey(statement.StatementId), statement, ChangeSet.New)
                    .Index(AccountStatementsIndex(account.AccountId), statement.StatementId, today.DayNumber);
                if (!(await store.CommitAsync(changes, cancellationToken)).IsCommitted)
                {
                    const string already = "a statement was already issued today";
                    skipped[already] = skipped.GetValueOrDefault(already) + 1;
                    continue;
                }

                issued.Add(statement.StatementId);
                total += statement.AmountDueCents;
            }
        }
        while (token.Length > 0);

        var run = new StatementRun(runId, now, issued, total, skipped);
        await store.CommitAsync(new ChangeSet().Put(RunKey(runId), run, ChangeSet.New), cancellationToken);
        return run;
    }

    public async Task<Statement> GetAsync(string statementId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(statementId, "statement_id", 128).ThrowIfInvalid();
        return (await store.GetAsync<Statement>(StatementKey(statementId), cancellationToken))?.Value ?? throw new NotFoundException("Statement", statementId);
    }
}
