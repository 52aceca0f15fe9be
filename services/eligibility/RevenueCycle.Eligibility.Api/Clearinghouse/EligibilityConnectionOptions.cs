using RevenueCycle.Eligibility.Domain.UseCases;

namespace RevenueCycle.Eligibility.Api.Clearinghouse;

/// <summary>A payer in configuration (<c>Eligibility:Payers:0:PayerId</c>, <c>...:Name</c>).</summary>
public sealed class PayerEntry
{
    public string PayerId { get; set; } = "";

    public string Name { get; set; } = "";
}

/// <summary>
/// Configuration section <c>Eligibility</c>: how 270s reach payers (<c>Sandbox</c> in process, a <c>Directory</c> drop,
/// or <c>Http</c>, a clearinghouse's CAQH CORE real-time endpoint), who asks, which payers exist, how long a payer
/// may take and how long an answer serves. Empty values keep the demo defaults (<see cref="EligibilityOptions.Default"/>).
/// </summary>
public sealed class EligibilityConnectionOptions
{
    public string Exchange { get; set; } = "Sandbox";

    /// <summary>Directory drop: where 270s are written and where 271s arrive.</summary>
    public string Outbox { get; set; } = "";

    public string Inbox { get; set; } = "";

    /// <summary>How often the directory drop looks for an answer.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Http: the clearinghouse's real-time endpoint (CORE HTTP+MIME) and its credentials.</summary>
    public string Endpoint { get; set; } = "";

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string SenderId { get; set; } = "";

    public string ReceiverId { get; set; } = "";

    public string ProviderName { get; set; } = "";

    public string ProviderNpi { get; set; } = "";

    public List<PayerEntry> Payers { get; set; } = [];

    /// <summary>CAQH CORE expects a real-time answer within 20 seconds; longer is no answer.</summary>
    public TimeSpan PayerTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan SnapshotLifetime { get; set; } = EligibilityOptions.Default.SnapshotLifetime;

    public EligibilityOptions ToDomain()
    {
        var d = EligibilityOptions.Default;
        return new EligibilityOptions(
            Or(SenderId, d.SenderId), Or(ReceiverId, d.ReceiverId), Or(ProviderName, d.ProviderName), Or(ProviderNpi, d.ProviderNpi),
            Payers.Count > 0 ? Payers.Select(p => new KnownPayer(p.PayerId.Trim(), p.Name.Trim())).ToList() : d.Payers,
            PayerTimeout, SnapshotLifetime);
    }

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
}
