using RevenueCycle.Collections.Domain.Statements;

namespace RevenueCycle.Collections.Api.Statements;

/// <summary>Configuration section <c>Collections</c>.</summary>
public sealed class CollectionsOptions
{
    /// <summary>The name printed at the top of statements.</summary>
    public string PracticeName { get; set; } = "REVENUECYCLE DEMO PRACTICE";

    /// <summary>No statement for less than this (cents).</summary>
    public long StatementMinimumCents { get; set; } = StatementPolicy.Default.MinimumCents;

    /// <summary>Days the patient has to pay a statement.</summary>
    public int StatementDueDays { get; set; } = StatementPolicy.Default.DueDays;

    /// <summary>How often statements are run on their own; zero turns the schedule off (RunStatements still works).</summary>
    public TimeSpan StatementInterval { get; set; } = TimeSpan.FromDays(1);

    public StatementPolicy Policy()
    {
        if (StatementMinimumCents is < 0 or > 100_000_00 || StatementDueDays is < 1 or > 365)
        {
            throw new InvalidOperationException(
                $"Collections:StatementMinimumCents must be 0 to 10000000 and Collections:StatementDueDays 1 to 365; they are {StatementMinimumCents} and {StatementDueDays}.");
        }

        return new StatementPolicy(StatementMinimumCents, StatementDueDays);
    }
}

/// <summary>Runs statements on <see cref="CollectionsOptions.StatementInterval"/>; every replica may run it: a statement is written once a day per account.</summary>
public sealed partial class StatementWorker(StatementUseCases statements, CollectionsOptions options, TimeProvider clock, ILogger<StatementWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.StatementInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.StatementInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var run = await statements.RunAsync(stoppingToken);
                Log.Ran(logger, run.RunId, run.StatementIds.Count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.Failed(logger, e);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Statement run {RunId} issued {Count} statements")]
        public static partial void Ran(ILogger logger, string runId, int count);

        [LoggerMessage(Level = LogLevel.Error, Message = "Statement run failed; the next tick tries again")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
