namespace RevenueCycle.ReferenceData.Hcpcs;

/// <summary>A HCPCS Level II code with the dates CMS added and terminated it.</summary>
public sealed record HcpcsCode(string Code, string Description, string ShortDescription, DateOnly? Added, DateOnly? Terminated)
{
    public bool ActiveOn(DateOnly date) => (Added is null || Added <= date) && (Terminated is null || date <= Terminated);
}

/// <summary>A procedure modifier (CPT Level I or HCPCS Level II) and, where known, its dates.</summary>
public sealed record Modifier(string Code, string Kind, string Description, DateOnly? Added, DateOnly? Terminated)
{
    public bool ActiveOn(DateOnly date) => (Added is null || Added <= date) && (Terminated is null || date <= Terminated);
}

/// <summary>One quarterly HCPCS Level II release (codes and Level II modifiers), in force from its quarter's first day.</summary>
public sealed class HcpcsEdition(string version, DateOnly effectiveFrom, IReadOnlyList<HcpcsCode> codes, IReadOnlyList<Modifier> modifiers)
{
    private readonly Dictionary<string, HcpcsCode> _codes = codes.GroupBy(c => c.Code).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    private readonly Dictionary<string, Modifier> _modifiers = modifiers.GroupBy(m => m.Code).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    /// <summary>E.g. "HCPCS 2026 January".</summary>
    public string Version { get; } = version;

    public DateOnly EffectiveFrom { get; } = effectiveFrom;

    public int Count => _codes.Count;

    public IEnumerable<HcpcsCode> Codes => _codes.Values;

    public IEnumerable<Modifier> Modifiers => _modifiers.Values;

    public HcpcsCode? Find(string code) => _codes.GetValueOrDefault(code.Trim().ToUpperInvariant());

    public Modifier? FindModifier(string code) => _modifiers.GetValueOrDefault(code.Trim().ToUpperInvariant());
}
