using System.Globalization;
using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.ReferenceData.Remittance;

/// <summary>
/// An X12 external code list with effective dates: Claim Adjustment Reason Codes (list 139) or Remittance Advice
/// Remark Codes (list 411), as <c>code,...,start_date,...,end_date</c> CSV (the columns named so; dates YYYY-MM-DD).
/// Only the codes and their dates are kept: the descriptions belong to X12 and are not needed to post.
/// </summary>
public sealed class AdjustmentCodeList
{
    private readonly Dictionary<string, (DateOnly? Start, DateOnly? End)> _codes;

    private AdjustmentCodeList(string name, Dictionary<string, (DateOnly?, DateOnly?)> codes) => (Name, _codes) = (name, codes);

    public string Name { get; }

    public int Count => _codes.Count;

    /// <summary>Whether the code exists and is in force on <paramref name="on"/> (a code ended before it is not).</summary>
    public bool IsActive(string code, DateOnly on) =>
        _codes.TryGetValue(code.Trim().ToUpperInvariant(), out var dates) && (dates.Start is null || dates.Start <= on) && (dates.End is null || dates.End >= on);

    public bool Contains(string code) => _codes.ContainsKey(code.Trim().ToUpperInvariant());

    public static AdjustmentCodeList Load(string path)
    {
        using var csv = CsvFile.Open(path);
        int code = csv.Column("code"), start = csv.Column("start_date"), end = csv.Column("end_date");
        var codes = new Dictionary<string, (DateOnly?, DateOnly?)>(StringComparer.Ordinal);
        foreach (var (line, fields) in csv.Rows())
        {
            var value = fields[code].Trim().ToUpperInvariant();
            if (value.Length > 0)
            {
                codes[value] = (Date(fields[start], csv.Name, line), Date(fields[end], csv.Name, line));
            }
        }

        return new AdjustmentCodeList(Path.GetFileNameWithoutExtension(path), codes);
    }

    private static DateOnly? Date(string text, string file, int line) =>
        text.Trim().Length == 0 ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new ReferenceDataException(file, line, $"'{text}' is not a YYYY-MM-DD date");
}
