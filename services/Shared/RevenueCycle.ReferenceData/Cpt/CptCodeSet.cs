using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.ReferenceData.Cpt;

/// <summary>
/// CPT codes from a file the operator supplies under their AMA licence: a CSV with a <c>code</c> column (other
/// columns, descriptors included, are read but never shipped by RevenueCycle), or one code per line.
/// </summary>
public sealed class CptCodeSet(string version, IReadOnlySet<string> codes)
{
    public string Version { get; } = version;

    public int Count => codes.Count;

    public bool Contains(string code) => codes.Contains(code.Trim().ToUpperInvariant());

    public static CptCodeSet Read(string path, string version)
    {
        var name = Path.GetFileName(path);
        using var reader = CsvFile.OpenText(path);
        var first = reader.ReadLine() ?? throw new ReferenceDataException(name, 1, "the file is empty");
        var codes = new HashSet<string>(StringComparer.Ordinal);
        if (first.Contains(',', StringComparison.Ordinal) || first.Trim().Equals("code", StringComparison.OrdinalIgnoreCase))
        {
            using var csv = CsvFile.WithHeader(first, reader, name);
            var column = csv.Column("code");
            foreach (var (line, row) in csv.Rows())
            {
                codes.Add(Check(row[column], name, line));
            }
        }
        else
        {
            var number = 0;
            for (var line = first; line is not null; line = reader.ReadLine())
            {
                number++;
                if (line.Trim().Length > 0)
                {
                    codes.Add(Check(line, name, number));
                }
            }
        }

        return new CptCodeSet(version, codes);
    }

    private static string Check(string code, string file, int line)
    {
        code = code.Trim().ToUpperInvariant();
        return code.Length == 5 && code[..4].All(char.IsAsciiDigit) && (char.IsAsciiDigit(code[4]) || code[4] is 'F' or 'T' or 'U')
            ? code
            : throw new ReferenceDataException(file, line, $"'{code}' is not a CPT code");
    }
}
