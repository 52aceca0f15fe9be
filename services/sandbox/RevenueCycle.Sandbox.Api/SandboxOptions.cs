namespace RevenueCycle.Sandbox.Api;

/// <summary>Configuration section <c>Sandbox</c>.</summary>
public sealed class SandboxOptions
{
    /// <summary>Where interchanges arrive (the submitter's outbox); answered ones move to <c>answered/</c> under it.</summary>
    public string Inbound { get; set; } = "";

    /// <summary>Where the answers go (the submitter's inbox).</summary>
    public string Outbound { get; set; } = "";

    /// <summary>How long the real-time eligibility endpoint holds a question the payer never answers (member id ending in T).</summary>
    public TimeSpan NoAnswerDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>HTTP/1.1 port for the answer endpoint and health probes.</summary>
    public int HttpPort { get; set; } = 8081;
}
