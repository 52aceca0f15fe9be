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
        await foreach (var accounts in AccountPagesAsync(cancellationToken))
        {
            foreach (var (account, version) in accounts.Select(a => (a.Value, a.Version)))
            {
                var (statement, reason) = Statement.For(account, runId, today, policy);
                if (statement is null)
                {
                    skipped[reason] = skipped.GetValueOrDefault(reason) + 1;
                    continue;
                }

                // With the account, so the claims' first statement date (patient aging, dunning) is set in the same commit.
                var changes = new ChangeSet()
                    .Put(StatementKey(statement.StatementId), statement, ChangeSet.New)
                    .Put(AccountUseCases.AccountKey(account.AccountId), account.WithStatementOn(statement.Lines.Select(l => l.ClaimId), today), version)
                    .Index(AccountStatementsIndex(account.AccountId), statement.StatementId, today.DayNumber);
                var result = await store.CommitAsync(changes, cancellationToken);
                if (!result.IsCommitted)
                {
                    var why = result.ConflictingKey == StatementKey(statement.StatementId)
                        ? "a statement was already issued today"
                        : "the account changed during the run (the next run takes it)";
                    skipped[why] = skipped.GetValueOrDefault(why) + 1;
                    continue;
                }

                issued.Add(statement.StatementId);
                total += statement.AmountDueCents;
            }
        }

        var run = new StatementRun(runId, now, issued, total, skipped);
        await store.CommitAsync(new ChangeSet().Put(RunKey(runId), run, ChangeSet.New), cancellationToken);
        return run;
    }

    /// <summary>The aging of every account as of today, a page of accounts at a time.</summary>
    public async Task<AgingReport> AgingAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var report = AgingReport.Of([], today);
        await foreach (var accounts in AccountPagesAsync(cancellationToken))
        {
            report = report.Plus(AgingReport.Of(accounts.Select(a => a.Value), today));
        }

        return report;
    }

    /// <summary>Every account, a page at a time, so a run over many accounts holds one page in memory.</summary>
    private async IAsyncEnumerable<IReadOnlyList<Versioned<Account>>> AccountPagesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var token = "";
        do
        {
            var (members, next) = await store.PageAsync(AccountUseCases.AccountsIndex, token, PageSize, descending: false, cancellationToken);
            token = next;
            yield return await store.GetManyAsync<Account>(members.Select(AccountUseCases.AccountKey).ToArray(), cancellationToken);
        }
        while (token.Length > 0);
    }

    public async Task<Statement> GetAsync(string statementId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(statementId, "statement_id", 128).ThrowIfInvalid();
        return (await store.GetAsync<Statement>(StatementKey(statementId), cancellationToken))?.Value ?? throw new NotFoundException("Statement", statementId);
    }
}
