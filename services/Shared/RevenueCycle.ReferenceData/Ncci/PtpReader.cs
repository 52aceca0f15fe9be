using System.Globalization;
using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.ReferenceData.Ncci;

/// <summary>
/// Reads an NCCI PTP table in either layout: the CSV of the shared data
/// (<c>column1,column2,deletion_date,modifier_indicator,rationale_id</c>; empty deletion date = active) or the CMS
/// distribution text (tab-separated: column 1, column 2, "*" if in existence before 1996, effective date,
/// deletion date or "*", modifier indicator, rationale text; preceded by title and header lines). Streams the file
/// without a string per code; a bad row refuses the file with its line.
/// </summary>
public static class PtpReader
{
    /// <summary>CMS PTP edit rationales (the CMS "PTP Edit Rationale" list) and their ids.</summary>
    public static readonly IReadOnlyList<string> Rationales =
    [
        "", "CPT Manual or CMS manual coding instruction", "Mutually exclusive procedures", "Misuse of Column Two code with Column One code",
        "Standards of medical/surgical practice", "HCPCS/CPT procedure code definition", "CPT Separate procedure definition",
        "More extensive procedure", "Anesthesia service included in surgical procedure", "Standard preparation/monitoring services for anesthesia",
        "Sequential procedure", "Gender-specific procedures", "Laboratory panel",
    ];

    public static PtpTable Read(string path, string version, string kind, DateOnly effectiveFrom) => Read([path], version, kind, effectiveFrom);

    /// <summary>One table from several files: CMS splits each quarter's PTP table into parts (f1-f4).</summary>
    public static PtpTable Read(IReadOnlyList<string> paths, string version, string kind, DateOnly effectiveFrom)
    {
        var builder = new Builder();
        foreach (var path in paths)
        {
            using var reader = CsvFile.OpenText(path);
            builder.ReadFrom(reader, Path.GetFileName(path));
        }

        return builder.Build(version, kind, effectiveFrom);
    }

    public static PtpTable Read(TextReader reader, string name, string version, string kind, DateOnly effectiveFrom)
    {
        var builder = new Builder();
        builder.ReadFrom(reader, name);
        return builder.Build(version, kind, effectiveFrom);
    }

    private enum Layout
    {
        Unknown,
        Csv,
        Cms,
    }

    internal static bool IsCodeField(ReadOnlySpan<char> field)
    {
        if (field.Length != 5)
        {
            return false;
        }

        foreach (var c in field)
        {
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Builder
    {
        private string _name = "";
        private readonly Dictionary<string, ushort> _ids = new(StringComparer.Ordinal);
        private readonly List<string> _codes = [];
        private readonly List<uint> _keys = new(2_600_000);
        private readonly List<ushort> _effective = new(2_600_000);
        private readonly List<ushort> _deleted = new(2_600_000);
        private readonly List<byte> _flags = new(2_600_000);

        public void ReadFrom(TextReader reader, string file)
        {
            _name = file;
            var number = 0;
            var layout = Layout.Unknown;
            while (reader.ReadLine() is { } line)
            {
                number++;
                if (line.Length == 0)
                {
                    continue;
                }

                if (layout == Layout.Unknown)
                {
                    layout = line.StartsWith("column1,", StringComparison.OrdinalIgnoreCase) ? Layout.Csv
                        : IsCodeField(line.AsSpan(0, Math.Min(5, line.Length))) && line.Contains('\t', StringComparison.Ordinal) ? Layout.Cms
                        : Layout.Unknown;
                    if (layout != Layout.Cms)
                    {
                        if (number > 20)
                        {
                            throw new ReferenceDataException(_name, number, "no PTP header or edit found in the first 20 lines");
                        }

                        continue; // the CSV header, or the CMS file's title and column header lines
                    }
                }

                if (layout == Layout.Csv)
                {
                    AddCsv(line, number);
                }
                else
                {
                    AddCms(line, number);
                }
            }
        }

        private void AddCsv(string line, int number)
        {
            var span = line.AsSpan();
            Span<Range> fields = stackalloc Range[6];
            if (span.Split(fields, ',') != 5)
            {
                throw new ReferenceDataException(_name, number, "expected 5 fields: column1,column2,deletion_date,modifier_indicator,rationale_id");
            }

            var rationale = span[fields[4]];
            Add(span[fields[0]], span[fields[1]], default, span[fields[2]], span[fields[3]],
                rationale.Length == 0 ? 0 : int.TryParse(rationale, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id is > 0 and < 16 ? id : Fail(number, "rationale_id must be 1-15"), number);
        }

        private void AddCms(string line, int number)
        {
            var span = line.AsSpan();
            Span<Range> fields = stackalloc Range[8];
            if (span.Split(fields, '\t') < 6)
            {
                throw new ReferenceDataException(_name, number, "expected tab-separated column 1, column 2, prior-1996 flag, effective date, deletion date, modifier indicator, rationale");
            }

            var text = span[fields[6]].Trim().ToString();
            var rationale = Rationales.Select((r, i) => (r, i)).FirstOrDefault(p => p.r.Equals(text, StringComparison.OrdinalIgnoreCase)).i;
            Add(span[fields[0]], span[fields[1]], span[fields[3]], span[fields[4]], span[fields[5]], rationale, number);
        }

        private void Add(ReadOnlySpan<char> column1, ReadOnlySpan<char> column2, ReadOnlySpan<char> effective, ReadOnlySpan<char> deleted, ReadOnlySpan<char> indicator, int rationale, int number)
        {
            var key = PtpTable.Key(Id(column1.Trim(), number), Id(column2.Trim(), number));
            var flag = indicator.Trim() switch
            {
                "0" => ModifierIndicator.NotAllowed,
                "1" => ModifierIndicator.Allowed,
                "9" => ModifierIndicator.NotApplicable,
                _ => (ModifierIndicator)Fail(number, $"modifier indicator '{indicator.ToString()}' is not 0, 1 or 9"),
            };
            _keys.Add(key);
            _effective.Add(Date(effective, number, "effective date"));
            _deleted.Add(Date(deleted, number, "deletion date"));
            _flags.Add((byte)((byte)flag | (rationale << 4)));
        }

        private ushort Id(ReadOnlySpan<char> code, int number)
        {
            if (!IsCodeField(code))
            {
                throw new ReferenceDataException(_name, number, $"'{code.ToString()}' is not a CPT or HCPCS code");
            }

            var lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(code, out var id))
            {
                return id;
            }

            if (_codes.Count == ushort.MaxValue)
            {
                throw new ReferenceDataException(_name, number, "more than 65535 distinct codes");
            }

            var text = code.ToString();
            id = (ushort)_codes.Count;
            _codes.Add(text);
            _ids[text] = id;
            return id;
        }

        private ushort Date(ReadOnlySpan<char> text, int number, string what)
        {
            text = text.Trim();
            if (text.Length == 0 || text is "*")
            {
                return 0;
            }

            return DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? PtpTable.Days(date)
                : (ushort)Fail(number, $"{what} '{text.ToString()}' is not YYYYMMDD");
        }

        private int Fail(int number, string problem) => throw new ReferenceDataException(_name, number, problem);

        public PtpTable Build(string version, string kind, DateOnly effectiveFrom)
        {
            if (_keys.Count == 0)
            {
                throw new ReferenceDataException(_name, 0, "no PTP edits in the file");
            }

            var keys = _keys.ToArray();
            var order = Enumerable.Range(0, keys.Length).ToArray();
            Array.Sort(keys, order);
            var effective = new ushort[keys.Length];
            var deleted = new ushort[keys.Length];
            var flags = new byte[keys.Length];
            for (var i = 0; i < order.Length; i++)
            {
                effective[i] = _effective[order[i]];
                deleted[i] = _deleted[order[i]];
                flags[i] = _flags[order[i]];
            }

            return new PtpTable(version, kind, effectiveFrom, _codes.ToArray(), keys, effective, deleted, flags);
        }
    }
}
