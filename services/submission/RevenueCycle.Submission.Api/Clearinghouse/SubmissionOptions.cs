namespace RevenueCycle.Submission.Api.Clearinghouse;

/// <summary>Configuration section <c>Submission</c>: who we send as, where to, how often.</summary>
public sealed class SubmissionOptions
{
    /// <summary>Submitter (1000A) name and id (ETIN, also ISA06/GS02), contact.</summary>
    public string SubmitterName { get; set; } = "REVENUECYCLE DEMO PRACTICE";

    public string SubmitterId { get; set; } = "RCMDEMO";

    public string ContactName { get; set; } = "BILLING OFFICE";

    public string ContactPhone { get; set; } = "8005550100";

    /// <summary>Receiver (1000B, ISA08/GS03): the clearinghouse.</summary>
    public string ReceiverName { get; set; } = "REVENUECYCLE SANDBOX";

    public string ReceiverId { get; set; } = "RCMSANDBOX";

    /// <summary>ISA15: P for production files, else T (test).</summary>
    public bool Production { get; set; }

    /// <summary>Most claims in one interchange.</summary>
    public int BatchSize { get; set; } = 1_000;

    /// <summary><c>Sandbox</c> (the in-process payer sandbox) or <c>Directory</c> (an outbox and an inbox folder).</summary>
    public string Clearinghouse { get; set; } = "Sandbox";

    /// <summary>Directory drop: where interchanges go and where answers arrive.</summary>
    public string Outbox { get; set; } = "";

    public string Inbox { get; set; } = "";

    /// <summary>Claims with no news from the payer for this many days get a claim status inquiry (276); 0 turns it off.</summary>
    public int StatusInquiryAfterDays { get; set; } = 30;

    /// <summary>How often queued claims are sent and answers read; zero turns the schedule off (the RPCs still work).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
