using RevenueCycle.ReferenceData.Cpt;
using RevenueCycle.ReferenceData.Hcpcs;
using RevenueCycle.ReferenceData.Icd10Cm;
using RevenueCycle.ReferenceData.Mce;
using RevenueCycle.ReferenceData.Ncci;

namespace RevenueCycle.ReferenceData.Catalog;

/// <summary>
/// Everything loaded from one reference directory: every edition of every code set, each effective-dated.
/// Immutable; a reload builds a new set and swaps it in whole (<see cref="ReferenceDataCatalog"/>).
/// </summary>
public sealed class ReferenceDataSet(
    string source,
    IReadOnlyList<Icd10CmEdition> icd10Cm,
    IReadOnlyList<HcpcsEdition> hcpcs,
    IReadOnlyList<MceEdits> mce,
    IReadOnlyList<Modifier> modifiers,
    CptCodeSet? cpt,
    DateTimeOffset loadedAt,
    IReadOnlyList<NcciRelease>? ncci = null)
{
    private readonly Dictionary<string, Modifier> _modifiers = modifiers.GroupBy(m => m.Code).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>Where the set came from: a directory or "demo pack".</summary>
    public string Source { get; } = source;

    public IReadOnlyList<Icd10CmEdition> Icd10Cm { get; } = icd10Cm.OrderBy(e => e.EffectiveFrom).ToArray();

    public IReadOnlyList<HcpcsEdition> Hcpcs { get; } = hcpcs.OrderBy(e => e.EffectiveFrom).ToArray();

    public IReadOnlyList<MceEdits> Mce { get; } = mce.OrderBy(e => e.EffectiveFrom).ToArray();

    /// <summary>Modifier lists beside the HCPCS file (CPT modifiers among them).</summary>
    public IReadOnlyList<Modifier> Modifiers { get; } = modifiers;

    public CptCodeSet? Cpt { get; } = cpt;

    /// <summary>Quarterly NCCI releases (empty unless the NCCI part was loaded).</summary>
    public IReadOnlyList<NcciRelease> Ncci { get; } = (ncci ?? []).OrderBy(r => r.EffectiveFrom).ToArray();

    public DateTimeOffset LoadedAt { get; } = loadedAt;

    /// <summary>The editions in force on a date of service (or the latest before it; see <see cref="CodeSetView.Icd10CmCurrent"/>).</summary>
    public CodeSetView For(DateOnly dateOfService) => new(
        Latest(Icd10Cm, e => e.EffectiveFrom, dateOfService),
        Latest(Hcpcs, e => e.EffectiveFrom, dateOfService),
        Latest(Mce, e => e.EffectiveFrom, dateOfService) ?? MceEdits.None,
        _modifiers,
        Cpt,
        Latest(Ncci, r => r.EffectiveFrom, dateOfService),
        dateOfService);

    /// <summary>Every edition, for listing.</summary>
    public IEnumerable<(string Kind, string Version, DateOnly EffectiveFrom, DateOnly? EffectiveTo, int Count)> Editions =>
        Icd10Cm.Select(e => ("ICD-10-CM", e.Version, e.EffectiveFrom, e.EffectiveTo, e.Count))
            .Concat(Icd10Cm.Where(e => e.Notes.Count > 0).Select(e => ("ICD-10-CM tabular notes", e.Notes.Version, e.EffectiveFrom, e.EffectiveTo, e.Notes.Count)))
            .Concat(Hcpcs.Select(e => ("HCPCS", e.Version, e.EffectiveFrom, (DateOnly?)null, e.Count)))
            .Concat(Mce.Select(e => ("MCE", e.Version, e.EffectiveFrom, (DateOnly?)null, e.Count)))
            .Concat(Cpt is null ? [] : [("CPT", Cpt.Version, DateOnly.MinValue, (DateOnly?)null, Cpt.Count)])
            .Concat(Ncci.SelectMany(r => r.Tables.Select(t => ("NCCI", t.Version, r.EffectiveFrom, r.EffectiveTo, t.Count))));

    private static T? Latest<T>(IReadOnlyList<T> editions, Func<T, DateOnly> from, DateOnly date) where T : class
    {
        T? found = null;
        foreach (var edition in editions)
        {
            if (from(edition) <= date)
            {
                found = edition;
            }
        }

        // A date before every edition: the oldest is the best there is (and the findings say which edition).
        return found ?? editions.FirstOrDefault();
    }
}

/// <summary>The code sets that apply to one date of service.</summary>
public sealed class CodeSetView(Icd10CmEdition? icd10Cm, HcpcsEdition? hcpcs, MceEdits mce, IReadOnlyDictionary<string, Modifier> modifiers, CptCodeSet? cpt, NcciRelease? ncci, DateOnly dateOfService)
{

    public Icd10CmEdition? Icd10Cm { get; } = icd10Cm;

    public HcpcsEdition? Hcpcs { get; } = hcpcs;

    public MceEdits Mce { get; } = mce;

    public CptCodeSet? Cpt { get; } = cpt;

    /// <summary>The NCCI release in force (or the nearest loaded; see <see cref="NcciCurrent"/>); null when none is loaded.</summary>
    public NcciRelease? Ncci { get; } = ncci;

    public DateOnly DateOfService { get; } = dateOfService;

    /// <summary>False when the date of service is outside the ICD-10-CM edition used (its release is not loaded).</summary>
    public bool Icd10CmCurrent => Icd10Cm?.InForceOn(DateOfService) == true;

    /// <summary>False when the date of service is outside the quarter of the NCCI release used.</summary>
    public bool NcciCurrent => Ncci?.Covers(DateOfService) == true;

    /// <summary>"ICD-10-CM FY2024; HCPCS 2026 January; MCE v41.1 FY2024; CPT (operator file)".</summary>
    public string Version => _version ??= string.Join("; ", new[] { Icd10Cm?.Version, Hcpcs?.Version, Mce == MceEdits.None ? null : Mce.Version, Cpt?.Version }.OfType<string>());

    private string? _version;

    /// <summary>A modifier from the HCPCS release in force, else from the modifier lists.</summary>
    public Modifier? FindModifier(string code)
    {
        var key = code.Trim().ToUpperInvariant();
        return Hcpcs?.FindModifier(key) ?? modifiers.GetValueOrDefault(key);
    }
}
