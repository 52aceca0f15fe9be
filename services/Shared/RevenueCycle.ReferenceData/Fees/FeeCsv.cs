using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.ReferenceData.Fees;

/// <summary>
/// Opens a CMS fee-schedule CSV whose header row may follow a preamble (the CMS downloads start with title and
/// copyright lines; hand-written files may carry # comments) and finds columns by normalised name ("WORK RVU", "work_rvu" and "Work RVU" are one column).
/// </summary>
internal sealed class FeeCsv : IDisposable
{
    private readonly CsvFile _csv;
    private readonly string[] _names;

    private FeeCsv(CsvFile csv)
    {
        _csv = csv;
        _names = csv.Header.Select(Normalize).ToArray();
    }

    public string Name => _csv.Name;

    /// <summary>Opens <paramref name="path"/>; its header row is the first line whose first cell is <paramref name="firstColumn"/> (case-insensitive).</summary>
    public static FeeCsv Open(string path, string firstColumn, bool comments = false)
    {
        var reader = CsvFile.OpenText(path);
        for (var line = 1; line <= 30; line++)
        {
            var text = reader.ReadLine();
            if (text is null)
            {
                break;
            }

            var first = text.Split(',')[0].Trim().Trim('"');
            if (string.Equals(first, firstColumn, StringComparison.OrdinalIgnoreCase))
            {
                return new FeeCsv(CsvFile.WithHeader(text, reader, Path.GetFileName(path), comments, line));
            }
        }

        reader.Dispose();
        throw new ReferenceDataException(Path.GetFileName(path), 0, $"no header row starting with '{firstColumn}' in the first 30 lines");
    }

    /// <summary>The first of <paramref name="aliases"/> present; a missing column refuses the file.</summary>
    public int Column(params string[] aliases)
    {
        foreach (var alias in aliases)
        {
            var index = Array.IndexOf(_names, Normalize(alias));
            if (index >= 0)
            {
                return index;
            }
        }

        throw new ReferenceDataException(_csv.Name, 1, $"missing column '{aliases[0]}' (found: {string.Join(", ", _csv.Header)})");
    }

    /// <summary>The first of <paramref name="aliases"/> present, or -1: for columns older files lack.</summary>
    public int OptionalColumn(params string[] aliases) =>
        aliases.Select(a => Array.IndexOf(_names, Normalize(a))).FirstOrDefault(i => i >= 0, -1);

    public IEnumerable<(int Line, string[] Fields)> Rows() => _csv.Rows();

    public decimal Decimal(string[] fields, int column, int line)
    {
        var text = column < fields.Length ? fields[column].Trim() : "";
        return text.Length == 0 ? 0m
            : decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
            : throw new ReferenceDataException(_csv.Name, line, $"'{text}' in column {_csv.Header[column]} is not a number");
    }

    public static string Cell(string[] fields, int column) => column < fields.Length ? fields[column].Trim() : "";

    public void Dispose() => _csv.Dispose();

    private static string Normalize(string name) =>
        string.Concat(name.Trim().ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '_')).Replace("__", "_", StringComparison.Ordinal).Trim('_');
}
