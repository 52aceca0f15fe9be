using RevenueCycle.Collections.Domain.Assistance;
using RevenueCycle.Collections.Domain.Model;
using RevenueCycle.Collections.Domain.Statements;
using RevenueCycle.ServiceDefaults.Hosting;

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

    /// <summary>The dunning cadence: each step and the day after the first statement it falls due (STATEMENT_1 on day 0 first).</summary>
    public Dictionary<string, int> DunningCadence { get; set; } = DunningPolicy.Default.Cadence.ToDictionary(r => r.Step, r => r.Day);

    /// <summary>A non-profit hospital keeps IRS 501(r): no agency placement before the notification period and the notice have run.</summary>
    public bool Irs501r { get; set; } = DunningPolicy.Default.Irs501r;

    public int NotificationPeriodDays { get; set; } = DunningPolicy.Default.NotificationPeriodDays;

    public int NoticeDays { get; set; } = DunningPolicy.Default.NoticeDays;

    /// <summary>The HHS poverty guidelines CSV of the year (year,region,household_size,guideline_dollars); empty: the shipped 2025 table.</summary>
    public string PovertyGuidelines { get; set; } = "";

    /// <summary>The financial-assistance policy JSON (region, validDays, sliding-scale tiers); empty: the shipped demo policy.</summary>
    public string AssistancePolicy { get; set; } = "";

    public StatementPolicy Policy()
    {
        if (StatementMinimumCents is < 0 or > 100_000_00 || StatementDueDays is < 1 or > 365)
        {
            throw new InvalidOperationException(
                $"Collections:StatementMinimumCents must be 0 to 10000000 and Collections:StatementDueDays 1 to 365; they are {StatementMinimumCents} and {StatementDueDays}.");
        }

        return new StatementPolicy(StatementMinimumCents, StatementDueDays, Dunning());
    }

    public DunningPolicy Dunning()
    {
        // Configuration binds a dictionary in file order; the cadence is ordered by day.
        var policy = new DunningPolicy(DunningCadence.OrderBy(c => c.Value).Select(c => new DunningRule(c.Key, c.Value)).ToList(), Irs501r, NotificationPeriodDays, NoticeDays);
        var problems = policy.Problems();
        return problems.Count == 0 ? policy : throw new InvalidOperationException($"Collections:DunningCadence: {string.Join("; ", problems)}.");
    }

    /// <summary>The configured files, or the shipped demo policy; a bad file stops the service at start, naming the file and line.</summary>
    public FinancialAssistance Assistance()
    {
        if (PovertyGuidelines.Length == 0 && AssistancePolicy.Length == 0)
        {
            return FinancialAssistance.Demo();
        }

        if (PovertyGuidelines.Length == 0 || AssistancePolicy.Length == 0)
        {
            throw new InvalidOperationException("Collections:PovertyGuidelines and Collections:AssistancePolicy are configured together.");
        }

        var guidelinesPath = ConfiguredPath.Resolve(PovertyGuidelines);
        var policyPath = ConfiguredPath.Resolve(AssistancePolicy);
        using var guidelines = new StreamReader(guidelinesPath);
        return FinancialAssistance.Create(Domain.Assistance.PovertyGuidelines.Parse(guidelines, guidelinesPath),
            Domain.Assistance.AssistancePolicy.Parse(File.ReadAllText(policyPath), policyPath));
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
