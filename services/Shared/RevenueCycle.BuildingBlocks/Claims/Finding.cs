namespace RevenueCycle.BuildingBlocks.Claims;

public enum Severity
{
    Unspecified,
    Info,
    Warning,
    Reject,
}

/// <summary>Whose fix a finding or denial is.</summary>
public enum Owner
{
    Unspecified,
    Coding,
    Billing,
    FrontEnd,
}

/// <summary>One result of a validation or scrub: rule, severity, owner, a message without PHI, where, source and fix.</summary>
public sealed record Finding(
    string RuleId,
    Severity Severity,
    Owner Owner,
    string Message,
    string Field,
    IReadOnlyList<uint> LineNumbers,
    string Source,
    string Fix);
