using RevenueCycle.Submission.Domain.UseCases;

namespace RevenueCycle.Submission.Api.Clearinghouse;

/// <summary>
/// On a schedule: batch the queued claims, hand pending interchanges to the clearinghouse, read what came back, and ask
/// about claims the payer has been silent about (276).
/// Every replica may run it: commits are checked, so a claim goes into one interchange and a file is handled once.
/// </summary>
public sealed partial class ClearinghouseWorker(
    TransmissionUseCases transmissions, IntakeUseCases intake, StatusInquiryUseCases inquiries, SubmissionOptions options, TimeProvider clock, ILogger<ClearinghouseWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.PollInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.PollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var (_, _, received) = await RunOnceAsync(transmissions, intake, stoppingToken);
                if (received.RefusedRemittances > 0)
                {
                    LogRefused(logger, received.RefusedRemittances); // a count: the reasons stay on the file's record
                }
                if (options.StatusInquiryAfterDays > 0)
                {
                    await inquiries.InquireAsync(options.StatusInquiryAfterDays, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name); // the kind only: messages may quote claim data
            }
        }
    }

    /// <summary>One round: build until the queue is empty, send what is pending, read the answers.</summary>
    public static async Task<(IReadOnlyList<Domain.Model.Transmission> Built, int Sent, IntakeResult Received)> RunOnceAsync(TransmissionUseCases transmissions, IntakeUseCases intake, CancellationToken cancellationToken)
    {
        var built = new List<Domain.Model.Transmission>();
        while (await transmissions.BuildAsync(cancellationToken) is { } transmission)
        {
            built.Add(transmission);
        }

        var sent = await transmissions.SendPendingAsync(cancellationToken);
        var received = await intake.ReceiveAsync(cancellationToken);
        return (built, sent, received);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting refused {Count} 835(s) from the clearinghouse; set aside with posting's reasons, not applied")]
    private static partial void LogRefused(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clearinghouse round failed ({Kind}); it runs again on the next tick")]
    private static partial void LogFailed(ILogger logger, string kind);
}
