using System.Text.RegularExpressions;
using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.ReferenceData.Icd10Cm;

/// <summary>
/// Reads an ICD-10-CM code list in either layout: the CMS order file (<c>icd10cm_order_2024.txt</c>, fixed width:
/// order 1-5, code 7-13, header flag 15, short description 17-76, long description 78-) or the CSV layout
/// (<c>order,code,code_nodot,billable,long_description,...</c>). Any bad row refuses the file with its line.
/// </summary>
public static partial class Icd10CmReader
{
    [GeneratedRegex("^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$")]
    private static partial Regex CodeShape();

    public static IReadOnlyList<IcdCode> Read(string path)
    {
        using var reader = CsvFile.OpenText(path);
        return Read(reader, Path.GetFileName(path));
    }

    public static IReadOnlyList<IcdCode> Read(TextReader reader, string name)
    {
        // The CSV layout starts with its header; the order file with a zero-padded order number.
        var header = reader.ReadLine() ?? throw new ReferenceDataException(name, 1, "the file is empty");
        if (header.TrimStart('\uFEFF').StartsWith("order,", StringComparison.OrdinalIgnoreCase))
        {
            using var csv = CsvFile.WithHeader(header.TrimStart('\uFEFF'), reader, name);
            return ReadCsv(csv);
        }

        return ReadOrderFile(header, reader, name);
    }

    private static List<IcdCode> ReadCsv(CsvFile csv)
    {
        var code = csv.Column("code_nodot");
        var billable = csv.Column("billable");
        var description = csv.Column("long_description");
        var codes = new List<IcdCode>(100_000);
        foreach (var (line, row) in csv.Rows())
        {
            codes.Add(Code(csv.Name, line, row[code], row[billable], row[description]));
        }

        return codes;
    }

    private static List<IcdCode> ReadOrderFile(string firstLine, TextReader reader, string name)
    {
        var codes = new List<IcdCode>(100_000);
        var number = 0;
        for (var line = firstLine; line is not null; line = reader.ReadLine())
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 78)
            {
                throw new ReferenceDataException(name, number, $"an order-file record has at least 78 characters, this one {line.Length}");
            }

            codes.Add(Code(name, number, line.Substring(6, 7), line.Substring(14, 1), line[77..]));
        }

        return codes;
    }

    private static IcdCode Code(string file, int line, string code, string billable, string description)
    {
        var normalized = Icd10CmEdition.Normalize(code);
        if (!CodeShape().IsMatch(normalized))
        {
            throw new ReferenceDataException(file, line, $"'{code.Trim()}' is not an ICD-10-CM code");
        }

        if (billable.Trim() is not ("0" or "1"))
        {
            throw new ReferenceDataException(file, line, $"billable/header flag must be 0 or 1, not '{billable.Trim()}'");
        }

        return new IcdCode(normalized, billable.Trim() == "1", description.Trim());
    }
}
