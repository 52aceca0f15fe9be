using System.Text;
using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.ReferenceData.Hcpcs;

/// <summary>
/// Reads the CMS alpha-numeric HCPCS file, either as CMS ships it (fixed-width 320-character records per the
/// record layout: code 1-5, record id 11 — 3/4 procedure first/continuation line, 7/8 modifier — long description
/// 12-91, short description 92-119, added 269-276, terminated 285-292) or as the CSV of the same columns
/// (<c>hcpc,seqnum,recid,long_description,short_description,...,add_dt,act_eff_dt,term_dt,action_cd</c>).
/// </summary>
public static class HcpcsReader
{
    public static (IReadOnlyList<HcpcsCode> Codes, IReadOnlyList<Modifier> Modifiers) Read(string path)
    {
        using var reader = CsvFile.OpenText(path);
        var name = Path.GetFileName(path);
        var first = reader.ReadLine() ?? throw new ReferenceDataException(name, 1, "the file is empty");
        if (first.TrimStart('\uFEFF').StartsWith("hcpc,", StringComparison.OrdinalIgnoreCase))
        {
            using var csv = CsvFile.WithHeader(first.TrimStart('\uFEFF'), reader, name);
            return ReadCsv(csv);
        }

        return ReadFixedWidth(first, reader, name);
    }

    private static (IReadOnlyList<HcpcsCode>, IReadOnlyList<Modifier>) ReadCsv(CsvFile csv)
    {
        int code = csv.Column("hcpc"), recid = csv.Column("recid"), longDescription = csv.Column("long_description"),
            shortDescription = csv.Column("short_description"), added = csv.Column("add_dt"), terminated = csv.Column("term_dt");
        var codes = new List<HcpcsCode>(10_000);
        var modifiers = new List<Modifier>(500);
        foreach (var (line, row) in csv.Rows())
        {
            var value = row[code].Trim().ToUpperInvariant();
            var addedOn = Dates.ParseCms(row[added], csv, line, "add_dt");
            var terminatedOn = Dates.ParseCms(row[terminated], csv, line, "term_dt");
            switch (row[recid].Trim())
            {
                case "3":
                    codes.Add(new HcpcsCode(CheckCode(value, csv, line), row[longDescription].Trim(), row[shortDescription].Trim(), addedOn, terminatedOn));
                    break;
                case "7":
                    modifiers.Add(new Modifier(CheckModifier(value, csv, line), "HCPCS", row[longDescription].Trim(), addedOn, terminatedOn));
                    break;
                case "4" or "8":
                    break; // continuation lines: the CSV already joins descriptions
                default:
                    throw csv.Error(line, $"record id '{row[recid]}' is not 3, 4, 7 or 8");
            }
        }

        return (codes, modifiers);
    }

    private static (IReadOnlyList<HcpcsCode>, IReadOnlyList<Modifier>) ReadFixedWidth(string firstLine, TextReader reader, string name)
    {
        var codes = new List<HcpcsCode>(10_000);
        var modifiers = new List<Modifier>(500);
        var number = 0;
        string? currentKey = null;
        string recordKind = "";
        var description = new StringBuilder();
        string shortDescription = "";
        DateOnly? added = null, terminated = null;
        void Flush()
        {
            if (currentKey is null)
            {
                return;
            }

            if (recordKind == "3")
            {
                codes.Add(new HcpcsCode(currentKey, description.ToString().Trim(), shortDescription, added, terminated));
            }
            else
            {
                modifiers.Add(new Modifier(currentKey, "HCPCS", description.ToString().Trim(), added, terminated));
            }

            currentKey = null;
        }

        for (var line = firstLine; line is not null; line = reader.ReadLine())
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 293)
            {
                throw new ReferenceDataException(name, number, $"a HCPCS record has 320 characters, this one {line.Length}");
            }

            var recid = line.Substring(10, 1);
            var text = line.Substring(11, 80).TrimEnd();
            switch (recid)
            {
                case "3" or "7":
                    Flush();
                    var code = recid == "3" ? line[..5].Trim() : line.Substring(3, 2).Trim();
                    currentKey = recid == "3" ? CheckCode(code, name, number) : CheckModifier(code, name, number);
                    recordKind = recid;
                    description.Clear().Append(text);
                    shortDescription = line.Substring(91, 28).Trim();
                    added = ParseDate(line.Substring(268, 8), name, number);
                    terminated = ParseDate(line.Substring(284, 8), name, number);
                    break;
                case "4" or "8":
                    if (currentKey is null)
                    {
                        throw new ReferenceDataException(name, number, "a continuation line without its first line");
                    }

                    description.Append(' ').Append(text);
                    break;
                default:
                    throw new ReferenceDataException(name, number, $"record id '{recid}' is not 3, 4, 7 or 8");
            }
        }

        Flush();
        return (codes, modifiers);
    }

    private static DateOnly? ParseDate(string text, string name, int line)
    {
        text = text.Trim();
        return text.Length == 0 || text.All(c => c == '0') ? null
            : DateOnly.TryParseExact(text, "yyyyMMdd", out var date) ? date
            : throw new ReferenceDataException(name, line, $"'{text}' is not a YYYYMMDD date");
    }

    private static string CheckCode(string code, CsvFile csv, int line) => CheckCode(code, csv.Name, line);

    private static string CheckCode(string code, string file, int line) =>
        code.Length == 5 && char.IsAsciiLetterUpper(code[0]) && code[1..].All(char.IsAsciiDigit)
            ? code
            : throw new ReferenceDataException(file, line, $"'{code}' is not a HCPCS Level II code");

    private static string CheckModifier(string code, CsvFile csv, int line) => CheckModifier(code, csv.Name, line);

    private static string CheckModifier(string code, string file, int line) =>
        code.Length == 2 && code.All(char.IsAsciiLetterOrDigit) ? code.ToUpperInvariant() : throw new ReferenceDataException(file, line, $"'{code}' is not a modifier");
}
