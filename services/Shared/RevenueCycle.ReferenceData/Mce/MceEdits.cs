using RevenueCycle.ReferenceData.Icd10Cm;
using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.ReferenceData.Mce;

public enum SexEdit
{
    None,
    MaleOnly,
    FemaleOnly,
}

/// <summary>The Medicare Code Editor's age, sex and manifestation edits for one diagnosis.</summary>
public sealed record MceEdit(SexEdit Sex, int? MinAge, int? MaxAge, string AgeRule, bool Manifestation);

/// <summary>
/// The MCE lists (ICD-10 Definitions of Medicare Code Edits) of one fiscal year: which diagnoses are for one sex,
/// an age range (newborn, pediatric, maternity, adult), or a manifestation that may not be the principal diagnosis.
/// </summary>
public sealed class MceEdits(string version, DateOnly effectiveFrom, IReadOnlyDictionary<string, MceEdit> edits)
{
    public static readonly MceEdits None = new("none", DateOnly.MinValue, new Dictionary<string, MceEdit>());

    public string Version { get; } = version;

    public DateOnly EffectiveFrom { get; } = effectiveFrom;

    public int Count => edits.Count;

    public MceEdit? For(string code) => edits.GetValueOrDefault(Icd10CmEdition.Normalize(code));

    /// <summary>Reads <c>icd10cm_code,description,conflict_group,conflict_rule</c>.</summary>
    public static MceEdits Read(string path, string version, DateOnly effectiveFrom)
    {
        using var csv = CsvFile.Open(path);
        int code = csv.Column("icd10cm_code"), rule = csv.Column("conflict_rule");
        var edits = new Dictionary<string, MceEdit>(StringComparer.Ordinal);
        foreach (var (line, row) in csv.Rows())
        {
            var key = Icd10CmEdition.Normalize(row[code]);
            var current = edits.GetValueOrDefault(key) ?? new MceEdit(SexEdit.None, null, null, "", false);
            var text = row[rule].Trim();
            edits[key] = text switch
            {
                "Male Only" => current with { Sex = SexEdit.MaleOnly },
                "Female Only" => current with { Sex = SexEdit.FemaleOnly },
                "Perinatal/Newborn (Age 0 Only)" => current with { MinAge = 0, MaxAge = 0, AgeRule = "newborn (age 0)" },
                "Pediatric (Ages 0-17)" => current with { MinAge = 0, MaxAge = 17, AgeRule = "pediatric (ages 0-17)" },
                "Maternity (Ages 9-64)" => current with { MinAge = 9, MaxAge = 64, AgeRule = "maternity (ages 9-64)" },
                "Adult (Ages 15-124)" => current with { MinAge = 15, MaxAge = 124, AgeRule = "adult (ages 15-124)" },
                "Manifestation (Not Allowed as Principal Diagnosis)" => current with { Manifestation = true },
                _ => throw csv.Error(line, $"unknown conflict rule '{text}'"),
            };
        }

        return new MceEdits(version, effectiveFrom, edits);
    }
}
