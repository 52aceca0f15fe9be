using RevenueCycle.ReferenceData.Hcpcs;
using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.ReferenceData.Modifiers;

/// <summary>
/// Reads a modifier list: the Medicare list of CPT and HCPCS modifiers (<c>modifier,modifier_type,category,description</c>)
/// or the HCPCS Level II modifier extract (<c>modifier,long_description,...,add_date,action_effective_date,termination_date,...</c>).
/// </summary>
public static class ModifierListReader
{
    public static IReadOnlyList<Modifier> Read(string path)
    {
        using var csv = CsvFile.Open(path);
        var modifier = csv.Column("modifier");
        var typed = csv.Header.Any(h => h.Trim() == "modifier_type");
        var kind = typed ? csv.Column("modifier_type") : -1;
        var description = typed ? csv.Column("description") : csv.Column("long_description");
        var added = typed ? -1 : csv.Column("add_date");
        var terminated = typed ? -1 : csv.Column("termination_date");
        var result = new List<Modifier>(500);
        foreach (var (line, row) in csv.Rows())
        {
            var code = row[modifier].Trim().ToUpperInvariant();
            if (code.Length != 2 || !code.All(char.IsAsciiLetterOrDigit))
            {
                throw csv.Error(line, $"'{row[modifier]}' is not a modifier");
            }

            var type = typed ? row[kind].Trim() : "HCPCS";
            if (type is not ("CPT" or "HCPCS"))
            {
                throw csv.Error(line, $"modifier_type '{type}' is not CPT or HCPCS");
            }

            // CPT modifier titles are AMA content: keep the code only.
            result.Add(new Modifier(code, type, type == "CPT" ? "" : row[description].Trim(),
                typed ? null : Dates.ParseCms(row[added], csv, line, "add_date"),
                typed ? null : Dates.ParseCms(row[terminated], csv, line, "termination_date")));
        }

        return result;
    }
}
