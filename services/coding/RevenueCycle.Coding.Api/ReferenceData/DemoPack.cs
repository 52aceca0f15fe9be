using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Hcpcs;
using RevenueCycle.ReferenceData.Icd10Cm;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.ReferenceData.Mce;

namespace RevenueCycle.Coding.Api.ReferenceData;

/// <summary>
/// The hand-written demo pack embedded in the coding service, so <c>make run</c> works with no operator files:
/// a few dozen ICD-10-CM and HCPCS codes, modifiers, notes and MCE edits in one small CSV
/// (<c>system,code,flag,text</c>). Open-ended editions: it answers for any date of service. Not for production.
/// </summary>
public static class DemoPack
{
    public const string Version = "demo 2026.1";

    public static ReferenceDataSet Load(TimeProvider clock)
    {
        using var stream = typeof(DemoPack).Assembly.GetManifestResourceStream("RevenueCycle.Coding.Api.ReferenceData.demo-pack.csv")
            ?? throw new InvalidOperationException("The demo code pack is not embedded in the coding service.");
        using var reader = new StreamReader(stream);
        return Load(reader, "demo-pack.csv", clock);
    }

    public static ReferenceDataSet Load(TextReader reader, string name, TimeProvider clock)
    {
        var icd = new List<IcdCode>();
        var hcpcs = new List<HcpcsCode>();
        var modifiers = new List<Modifier>();
        var notes = new List<(string, TabularNote)>();
        var mce = new Dictionary<string, MceEdit>(StringComparer.Ordinal);
        using var csv = CsvFile.Open(reader, name, comments: true);
        foreach (var (line, row) in csv.Rows())
        {
            var (system, code, flag, value) = (row[0].Trim(), row[1].Trim(), row[2].Trim(), row[3].Trim());
            switch (system)
            {
                case "ICD10CM" when flag is "0" or "1":
                    icd.Add(new IcdCode(Icd10CmEdition.Normalize(code), flag == "1", value));
                    break;
                case "HCPCS":
                    hcpcs.Add(new HcpcsCode(code, value, value, null, null));
                    break;
                case "MODIFIER":
                    modifiers.Add(new Modifier(code, value.Length == 0 ? "CPT" : "HCPCS", value, null, null));
                    break;
                case "NOTE":
                    notes.Add((code, new TabularNote(flag, value, TabularNotes.ParseNoteReferences(value))));
                    break;
                case "MCE":
                    mce[Icd10CmEdition.Normalize(code)] = flag switch
                    {
                        "Female Only" => new MceEdit(SexEdit.FemaleOnly, null, null, "", false),
                        "Male Only" => new MceEdit(SexEdit.MaleOnly, null, null, "", false),
                        "Manifestation (Not Allowed as Principal Diagnosis)" => new MceEdit(SexEdit.None, null, null, "", true),
                        _ => throw csv.Error(line, $"unknown MCE rule '{flag}'"),
                    };
                    break;
                default:
                    throw csv.Error(line, $"unknown record '{system}' (ICD10CM, HCPCS, MODIFIER, NOTE or MCE with their flags)");
            }
        }

        var since = new DateOnly(2015, 10, 1); // ICD-10 took effect on 2015-10-01
        return new ReferenceDataSet(
            "demo pack",
            [new Icd10CmEdition($"ICD-10-CM {Version}", since, null, icd, new TabularNotes($"notes {Version}", notes))],
            [new HcpcsEdition($"HCPCS {Version}", since, hcpcs, [])],
            [new MceEdits($"MCE {Version}", since, mce)],
            modifiers,
            null,
            clock.GetUtcNow());
    }
}
