namespace RevenueCycle.Coding.Domain.Model;

public enum QueryStatus
{
    Unspecified,
    Open,
    Answered,
    Withdrawn,
}

/// <summary>
/// A coder's question to the provider when the documentation does not support a specific code ("is the diabetes
/// type 1 or type 2?"). Question and answer are PHI: stored with the encounter's data, never logged or published.
/// </summary>
public sealed record ProviderQuery(
    string QueryId,
    string EncounterId,
    string ProviderNpi,
    string Question,
    QueryStatus Status,
    string Answer,
    string AskedBy,
    DateTimeOffset AskedAt,
    string AnsweredBy,
    DateTimeOffset? AnsweredAt);
