namespace RevenueCycle.Coding.Domain.CodeSets;

/// <summary>Which code system a code belongs to.</summary>
public enum CodeSystem
{
    Icd10Cm,
    Hcpcs,
    Cpt,
    Modifier,
}

/// <summary>One code of an edition. <see cref="Billable"/> is false for category/header codes.</summary>
public sealed record CodeEntry(CodeSystem System, string Code, bool Billable, string Description);

/// <summary>
/// One edition of the code sets a claim is coded against. Codes are held without dots, upper case.
/// CPT numbers come only from an operator-supplied file (AMA licence); when none is loaded, CPT codes are
/// checked for shape only and <see cref="HasCpt"/> is false.
/// </summary>
public sealed class CodeSet
{
    private readonly Dictionary<CodeSystem, Dictionary<string, CodeEntry>> _bySystem;
    private readonly string[] _sortedIcd;

    public CodeSet(string version, DateOnly effectiveFrom, IEnumerable<CodeEntry> entries)
    {
        Version = version;
        EffectiveFrom = effectiveFrom;
        _bySystem = entries
            .GroupBy(e => e.System)
            .ToDictionary(g => g.Key, g => g.ToDictionary(e => Normalize(e.Code), e => e with { Code = Normalize(e.Code) }, StringComparer.Ordinal));
        _sortedIcd = _bySystem.TryGetValue(CodeSystem.Icd10Cm, out var icd) ? icd.Keys.Order(StringComparer.Ordinal).ToArray() : [];
    }

    /// <summary>Edition name shown in findings, e.g. "demo 2026.1".</summary>
    public string Version { get; }

    public DateOnly EffectiveFrom { get; }

    public bool HasCpt => _bySystem.ContainsKey(CodeSystem.Cpt);

    public CodeEntry? Find(CodeSystem system, string code) =>
        _bySystem.TryGetValue(system, out var codes) ? codes.GetValueOrDefault(Normalize(code)) : null;

    /// <summary>Billable ICD-10-CM codes below a header code, for "needs more specificity" findings.</summary>
    public IReadOnlyList<string> BillableChildren(string header, int max)
    {
        var prefix = Normalize(header);
        var start = Array.BinarySearch(_sortedIcd, prefix, StringComparer.Ordinal);
        start = start < 0 ? ~start : start + 1;
        var icd = _bySystem[CodeSystem.Icd10Cm];
        var children = new List<string>();
        for (var i = start; i < _sortedIcd.Length && _sortedIcd[i].StartsWith(prefix, StringComparison.Ordinal) && children.Count < max; i++)
        {
            if (icd[_sortedIcd[i]].Billable)
            {
                children.Add(WithDot(_sortedIcd[i]));
            }
        }

        return children;
    }

    public static string Normalize(string code) => code.Trim().Replace(".", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>ICD-10-CM display form: a dot after the third character.</summary>
    public static string WithDot(string code)
    {
        var normalized = Normalize(code);
        return normalized.Length > 3 ? $"{normalized[..3]}.{normalized[3..]}" : normalized;
    }
}

/// <summary>Gives the code-set edition in force on a date of service.</summary>
public interface ICodeSetProvider
{
    CodeSet For(DateOnly dateOfService);
}
