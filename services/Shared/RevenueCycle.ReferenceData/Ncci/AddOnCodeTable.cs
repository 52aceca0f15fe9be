using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.ReferenceData.Ncci;

/// <summary>
/// NCCI add-on code edits: an add-on code is paid only with one of its primary codes. Type 1 lists the primaries;
/// type 2 has no CMS list (the contractor decides: primary code <c>CCCCC</c>); type 3 lists some primaries and lets
/// contractors add others. Reads <c>primary_code,add_on_code,aoc_edit_type</c> (or the CMS column titles).
/// </summary>
public sealed class AddOnCodeTable(string version, DateOnly effectiveFrom, IReadOnlyDictionary<string, (int Type, IReadOnlySet<string> Primaries)> edits)
{
    public const string AnyPrimary = "CCCCC";

    public string Version { get; } = version;

    public DateOnly EffectiveFrom { get; } = effectiveFrom;

    public int Count => edits.Count;

    public bool IsAddOn(string code) => edits.ContainsKey(code);

    /// <summary>The edit type and CMS-listed primaries of an add-on code, or null when the code is not an add-on.</summary>
    public (int Type, IReadOnlySet<string> Primaries)? Find(string code) => edits.TryGetValue(code, out var edit) ? edit : null;

    public static AddOnCodeTable Read(string path, string version, DateOnly effectiveFrom) =>
        Read(CsvFile.OpenText(path), Path.GetFileName(path), version, effectiveFrom);

    public static AddOnCodeTable Read(TextReader reader, string name, string version, DateOnly effectiveFrom)
    {
        using var csv = CsvFile.Open(reader, name);
        int primary = Column(csv, "primary_code", "Primary Code"), addOn = Column(csv, "add_on_code", "Add-on Code"), type = Column(csv, "aoc_edit_type", "Edit Type");
        var edits = new Dictionary<string, (int Type, HashSet<string> Primaries)>(StringComparer.Ordinal);
        foreach (var (line, row) in csv.Rows())
        {
            var code = row[addOn].Trim().ToUpperInvariant();
            var parent = row[primary].Trim().ToUpperInvariant();
            if (!PtpReader.IsCodeField(code) || !PtpReader.IsCodeField(parent))
            {
                throw csv.Error(line, "add-on and primary codes must be CPT or HCPCS codes (or CCCCC)");
            }

            if (row[type].Trim() is not ("1" or "2" or "3"))
            {
                throw csv.Error(line, $"AOC edit type '{row[type]}' is not 1, 2 or 3");
            }

            if (!edits.TryGetValue(code, out var edit))
            {
                edits[code] = edit = (row[type].Trim()[0] - '0', new HashSet<string>(StringComparer.Ordinal));
            }

            if (parent != AnyPrimary)
            {
                edit.Primaries.Add(parent);
            }
        }

        return new AddOnCodeTable(version, effectiveFrom, edits.ToDictionary(e => e.Key, e => (e.Value.Type, (IReadOnlySet<string>)e.Value.Primaries), StringComparer.Ordinal));
    }

    private static int Column(CsvFile csv, string shared, string cms)
    {
        for (var i = 0; i < csv.Header.Count; i++)
        {
            if (csv.Header[i].Trim().Equals(shared, StringComparison.OrdinalIgnoreCase) || csv.Header[i].Contains(cms, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return csv.Column(shared);
    }
}
