using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Collections.Domain.Exports;
using RevenueCycle.Collections.Domain.UseCases;

namespace RevenueCycle.Collections.Domain.Statements;

/// <summary>
/// Statement runs: every account is looked at, and one statement issued for what the patient owes on claims no payer
/// still has, at or over the policy's minimum. A statement is one document, written once: a run repeated the same day
/// issues nothing twice. Each statement is listed under its account (the history dunning and aging read) and the run.
/// </summary>
public sealed class StatementUseCases(IDocumentStore store, StatementPolicy policy, TimeProvider clock)
{
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
        await foreach (var accounts in AccountUseCases.PagesAsync(store, cancellationToken))
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
                    .Put(AccountUseCases.AccountKey(account.AccountId),
                        account.WithStatementOn(statement.Lines.Select(l => l.ClaimId), today).WithStep(statement.Notice, today, statement.StatementId, mailed: account.Guarantor is not null), version)
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
        await foreach (var accounts in AccountUseCases.PagesAsync(store, cancellationToken))
        {
            report = report.Plus(AgingReport.Of(accounts.Select(a => a.Value), today));
        }

        return report;
    }

    /// <summary>The run's mail-house file: its statements with the guarantors' mailing addresses (those without one listed apart).</summary>
    public async Task<(string Csv, IReadOnlyList<string> Unmailable)> MailHouseFileAsync(string runId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(runId, "run_id", 64).ThrowIfInvalid();
        var run = (await store.GetAsync<StatementRun>(RunKey(runId), cancellationToken))?.Value ?? throw new NotFoundException("Statement run", runId);
        var rows = new List<(Statement, Model.Guarantor?)>();
        foreach (var chunk in run.StatementIds.Chunk(PageToken.MaxPageSize))
        {
            var statements = await store.GetManyAsync<Statement>(chunk.Select(StatementKey).ToArray(), cancellationToken);
            var owners = (await store.GetManyAsync<Model.Account>(statements.Select(s => AccountUseCases.AccountKey(s.Value.AccountId)).Distinct().ToArray(), cancellationToken))
                .ToDictionary(a => a.Value.AccountId, a => a.Value.Guarantor, StringComparer.Ordinal);
            rows.AddRange(statements.Select(s => (s.Value, owners.GetValueOrDefault(s.Value.AccountId))));
        }

        return MailHouseFile.Render(rows);
    }

    public async Task<Statement> GetAsync(string statementId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(statementId, "statement_id", 128).ThrowIfInvalid();
        return (await store.GetAsync<Statement>(StatementKey(statementId), cancellationToken))?.Value ?? throw new NotFoundException("Statement", statementId);
    }
}
