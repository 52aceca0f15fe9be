using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Hcpcs;
using RevenueCycle.ReferenceData.Icd10Cm;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.ReferenceData.Mce;
using RevenueCycle.ReferenceData.Ncci;

namespace RevenueCycle.ReferenceData.Demo;

/// <summary>
/// The hand-written demo pack embedded in the reference-data library, so <c>make run</c> works with no operator files:
/// a few dozen ICD-10-CM and HCPCS codes, modifiers, notes, MCE edits and NCCI edits in one small CSV
/// (<c>system,code,flag,text</c>). Open-ended editions: it answers for any date of service. Not for production.
/// </summary>
public static class DemoPack
{
    public const string Version = "demo 2026.1";

    public static ReferenceDataSet Load(TimeProvider clock)
    {
        using var stream = typeof(DemoPack).Assembly.GetManifestResourceStream("RevenueCycle.ReferenceData.Demo.demo-pack.csv")
            ?? throw new InvalidOperationException("The demo code pack is not embedded in the reference-data library.");
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
        // The NCCI rows are turned into the shared CSV layouts and read by the same readers as the CMS tables.
        var ptp = new StringWriter();
        ptp.WriteLine("column1,column2,deletion_date,modifier_indicator,rationale_id");
        var mue = new StringWriter();
        mue.WriteLine("hcpcs,mue_value,mai,mue_rationale");
        var aoc = new StringWriter();
        aoc.WriteLine("primary_code,add_on_code,aoc_edit_type");
        var (ptpLines, mueLines, aocLines) = (new List<int>(), new List<int>(), new List<int>());
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
                case "PTP" when code.Split('/') is [var column1, var column2]:
                    var rationale = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    ptp.WriteLine($"{column1},{column2},{(rationale.Length > 1 ? rationale[1] : "")},{flag},{rationale.FirstOrDefault()}");
                    ptpLines.Add(line);
                    break;
                case "MUE":
                    mue.WriteLine($"{code},{value},{flag},Demo");
                    mueLines.Add(line);
                    break;
                case "AOC":
                    foreach (var primary in value.Length == 0 ? [AddOnCodeTable.AnyPrimary] : value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        aoc.WriteLine($"{primary},{code},{flag}");
                        aocLines.Add(line);
                    }

                    break;
                default:
                    throw csv.Error(line, $"unknown record '{system}' (ICD10CM, HCPCS, MODIFIER, NOTE, MCE, PTP, MUE or AOC with their flags)");
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
            clock.GetUtcNow(),
            [Ncci((ptp.ToString(), ptpLines), (mue.ToString(), mueLines), (aoc.ToString(), aocLines), name, since)]);
    }

    private static NcciRelease Ncci((string Csv, List<int> Lines) ptp, (string Csv, List<int> Lines) mue, (string Csv, List<int> Lines) aoc, string name, DateOnly since) => new(
        Version,
        since,
        null,
        Read(ptp, name, reader => PtpReader.Read(reader, name, $"NCCI PTP practitioner {Version}", "practitioner", since)),
        null,
        Read(mue, name, reader => MueTable.Read(reader, name, $"NCCI MUE practitioner {Version}", "practitioner", since)),
        null,
        null,
        Read(aoc, name, reader => AddOnCodeTable.Read(reader, name, $"NCCI add-on codes {Version}", since)));

    /// <summary>Reads a generated table, reporting errors at the pack's own line rather than the generated one.</summary>
    private static T? Read<T>((string Csv, List<int> Lines) table, string name, Func<TextReader, T> read) where T : class
    {
        if (table.Lines.Count == 0)
        {
            return null;
        }

        try
        {
            return read(new StringReader(table.Csv));
        }
        catch (ReferenceDataException e) when (e.Line >= 2 && e.Line - 2 < table.Lines.Count)
        {
            throw new ReferenceDataException(name, table.Lines[e.Line - 2], e.Problem);
        }
    }
}
