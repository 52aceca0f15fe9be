using System.Globalization;
using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.ReferenceData.Ncci;

/// <summary>MUE adjudication indicator: per line (1), per day absolute (2), per day clinical (3).</summary>
public enum MueAdjudication : byte
{
    Line = 1,
    DatePolicy = 2,
    DateClinical = 3,
}

/// <summary>The most units of a code a provider reports for one patient on one day (or one line), and how it is applied.</summary>
public readonly record struct MueEdit(string Code, int MaxUnits, MueAdjudication Adjudication, string Rationale);

/// <summary>
/// An NCCI MUE table (practitioner, outpatient hospital or DME supplier). Reads the shared CSV
/// (<c>hcpcs,mue_value,mai,mue_rationale</c>) or the CMS file (<c>HCPCS/CPT Code,... MUE Values,MUE Adjudication
/// Indicator,MUE Rationale</c>, indicator as "2 Date of Service Edit: Policy", after its title lines).
/// </summary>
public sealed class MueTable(string version, string kind, DateOnly effectiveFrom, IReadOnlyDictionary<string, MueEdit> edits)
{
    public string Version { get; } = version;

    public string Kind { get; } = kind;

    public DateOnly EffectiveFrom { get; } = effectiveFrom;

    public int Count => edits.Count;

    public MueEdit? Find(string code) => edits.TryGetValue(code.Trim().ToUpperInvariant(), out var edit) ? edit : null;

    public static MueTable Read(string path, string version, string kind, DateOnly effectiveFrom)
    {
        using var reader = CsvFile.OpenText(path);
        return Read(reader, Path.GetFileName(path), version, kind, effectiveFrom);
    }

    public static MueTable Read(TextReader reader, string name, string version, string kind, DateOnly effectiveFrom)
    {
        string? header;
        var skipped = 0;
        // The CMS file opens with title and copyright lines before its column header.
        while ((header = reader.ReadLine()) is not null && !header.Contains("mue", StringComparison.OrdinalIgnoreCase) | !header.Contains(',', StringComparison.Ordinal))
        {
            if (++skipped > 20)
            {
                throw new ReferenceDataException(name, skipped, "no MUE column header in the first 20 lines");
            }
        }

        using var csv = CsvFile.WithHeader(header ?? throw new ReferenceDataException(name, 1, "the file is empty"), reader, name);
        var code = Column(csv, "hcpcs", "HCPCS/CPT Code");
        var value = Column(csv, "mue_value", "MUE Values");
        var indicator = Column(csv, "mai", "Adjudication Indicator");
        var rationale = Column(csv, "mue_rationale", "MUE Rationale");
        var edits = new Dictionary<string, MueEdit>(StringComparer.Ordinal);
        foreach (var (line, row) in csv.Rows())
        {
            var key = row[code].Trim().ToUpperInvariant();
            if (!PtpReader.IsCodeField(key))
            {
                throw csv.Error(line + skipped, $"'{row[code]}' is not a CPT or HCPCS code");
            }

            if (!int.TryParse(row[value].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var units))
            {
                throw csv.Error(line + skipped, $"MUE value '{row[value]}' is not a whole number");
            }

            var mai = row[indicator].Trim();
            var adjudication = mai.Length > 0 && mai[0] is '1' or '2' or '3' ? (MueAdjudication)(mai[0] - '0') : throw csv.Error(line + skipped, $"MUE adjudication indicator '{mai}' is not 1, 2 or 3");
            edits[key] = new MueEdit(key, units, adjudication, row[rationale].Trim());
        }

        return new MueTable(version, kind, effectiveFrom, edits);
    }

    private static int Column(CsvFile csv, string shared, string cmsContains)
    {
        for (var i = 0; i < csv.Header.Count; i++)
        {
            var header = csv.Header[i].Trim();
            if (header.Equals(shared, StringComparison.OrdinalIgnoreCase) || header.Contains(cmsContains, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return csv.Column(shared); // throws naming the missing column
    }
}
