using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Scrubbing.Domain.PayerRules;

/// <summary>
/// The payers' own edits, from a versioned declarative file (<see cref="PayerRuleReader"/>): timely-filing limits and
/// rules such as "payer 12345 requires modifier 95 on telehealth lines with place of service 10". Rules of payer
/// <c>*</c> apply to every payer. Immutable; a reload swaps in a new set.
/// </summary>
public sealed class PayerRuleSet(string version, string source, int defaultTimelyFilingDays, IReadOnlyList<PayerPolicy> payers)
{
    public const string AnyPayer = "*";

    private readonly Dictionary<string, PayerPolicy> _payers = payers.ToDictionary(p => p.PayerId, StringComparer.OrdinalIgnoreCase);
    private readonly IReadOnlyList<PayerRule> _everyPayer = payers.Where(p => p.PayerId == AnyPayer).SelectMany(p => p.Rules).ToArray();

    /// <summary>No payer rules; timely filing at Medicare's one calendar year.</summary>
    public static readonly PayerRuleSet Empty = new("none", "none", 365, []);

    /// <summary>The file's own version, e.g. "2026.1".</summary>
    public string Version { get; } = version;

    /// <summary>Where the set came from: a file path or "demo rules".</summary>
    public string Source { get; } = source;

    /// <summary>Days from the date of service to file, for payers without their own limit.</summary>
    public int DefaultTimelyFilingDays { get; } = defaultTimelyFilingDays;

    public IReadOnlyList<PayerPolicy> Payers { get; } = payers;

    public int RuleCount => Payers.Sum(p => p.Rules.Count);

    public PayerPolicy? Find(string payerId) => _payers.GetValueOrDefault(payerId.Trim());

    /// <summary>Rules for the payer and for every payer.</summary>
    public IEnumerable<PayerRule> RulesFor(string payerId) =>
        Find(payerId) is { } policy && policy.PayerId != AnyPayer ? _everyPayer.Concat(policy.Rules) : _everyPayer;

    /// <summary>The payer's timely-filing limit in days (its own, else the default).</summary>
    public int TimelyFilingDays(string payerId) => Find(payerId)?.TimelyFilingDays ?? DefaultTimelyFilingDays;
}

/// <summary>One payer's limits and rules.</summary>
public sealed record PayerPolicy(string PayerId, string Name, int? TimelyFilingDays, IReadOnlyList<PayerRule> Rules);

/// <summary>
/// A rule: on lines matching <see cref="When"/> (and in force on the line's date of service), <see cref="Require"/>
/// must hold; otherwise the finding is raised with the rule's own severity, owner, message and fix.
/// </summary>
public sealed record PayerRule(
    string Id,
    string Description,
    DateOnly? EffectiveFrom,
    DateOnly? EffectiveTo,
    RuleCondition When,
    RuleRequirement Require,
    Severity Severity,
    Owner Owner,
    string Message,
    string Fix)
{
    public bool InForceOn(DateOnly date) => (EffectiveFrom is null || EffectiveFrom <= date) && (EffectiveTo is null || date <= EffectiveTo);
}

/// <summary>What a line must look like for the rule to apply; every part given must match, parts left out match anything.</summary>
public sealed record RuleCondition(
    IReadOnlyList<ClaimType> ClaimTypes,
    IReadOnlyList<string> PlacesOfService,
    CodeList Procedures,
    IReadOnlyList<string> Modifiers,
    IReadOnlyList<string> DiagnosisPrefixes,
    IReadOnlyList<string> TypeOfBillPrefixes,
    uint? MinAge,
    uint? MaxAge);

/// <summary>
/// What must hold on a matching line. Line requirements (modifiers, units, diagnoses, deny) give a finding per
/// line; claim requirements (prior authorization, referral) one finding for the claim naming its lines.
/// </summary>
public sealed record RuleRequirement(
    IReadOnlyList<string> AnyModifier,
    IReadOnlyList<string> NoModifier,
    uint? MaxUnits,
    IReadOnlyList<string> AnyDiagnosisPrefix,
    bool PriorAuthorization,
    bool Referral,
    bool Deny);
