using System.IO.Compression;
using System.Text;

namespace RevenueCycle.ReferenceData.Io;

/// <summary>
/// Streams an RFC 4180 CSV file (optionally gzip-compressed): a header row, quoted fields with commas, doubled
/// quotes and line breaks. Rows come with their 1-based line number for error messages.
/// </summary>
public sealed class CsvFile : IDisposable
{
    private readonly TextReader _reader;
    private readonly string _name;
    private readonly bool _comments;
    private int _line;

    private CsvFile(TextReader reader, string name, bool comments = false)
    {
        _reader = reader;
        _name = name;
        _comments = comments;
    }

    public string Name => _name;

    public IReadOnlyList<string> Header { get; private set; } = [];

    public static TextReader OpenText(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    public static CsvFile Open(string path) => Open(OpenText(path), Path.GetFileName(path));

    /// <param name="reader">The text, header first.</param>
    /// <param name="name">File name for error messages.</param>
    /// <param name="comments">Treat lines starting with <c>#</c> as blank (hand-written packs); line numbers stay true.</param>
    public static CsvFile Open(TextReader reader, string name, bool comments = false)
    {
        var csv = new CsvFile(reader, name, comments);
        do
        {
            csv.Header = csv.ReadRow() ?? throw new ReferenceDataException(name, csv._line, "the file has no header");
        }
        while (csv.Header is [""]);
        return csv;
    }

    /// <summary>A CSV whose header line the caller has already read (to tell layouts apart).</summary>
    public static CsvFile WithHeader(string headerLine, TextReader rest, string name, bool comments = false, int headerLineNumber = 1)
    {
        var csv = new CsvFile(new StringReader(headerLine), name);
        csv.Header = csv.ReadRow()!;
        return new CsvFile(rest, name, comments) { Header = csv.Header, _line = headerLineNumber };
    }

    /// <summary>Index of a header column; a missing column refuses the file.</summary>
    public int Column(string name)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (string.Equals(Header[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new ReferenceDataException(_name, 1, $"missing column '{name}' (found: {string.Join(", ", Header)})");
    }

    /// <summary>Rows after the header with the line each starts on.</summary>
    public IEnumerable<(int Line, string[] Fields)> Rows()
    {
        while (true)
        {
            var line = _line + 1;
            var row = ReadRow();
            if (row is null)
            {
                yield break;
            }

            if (row.Length == 1 && row[0].Length == 0)
            {
                continue; // blank line
            }

            if (row.Length != Header.Count)
            {
                throw new ReferenceDataException(_name, line, $"expected {Header.Count} fields, found {row.Length}");
            }

            yield return (line, row);
        }
    }

    public ReferenceDataException Error(int line, string problem) => new(_name, line, problem);

    private string[]? ReadRow()
    {
        var text = _reader.ReadLine();
        if (text is null)
        {
            return null;
        }

        _line++;
        if (_comments && text.StartsWith('#'))
        {
            return [""];
        }

        if (!text.Contains('"', StringComparison.Ordinal))
        {
            return text.Split(',');
        }

        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var startLine = _line;
        while (true)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            if (!quoted)
            {
                fields.Add(field.ToString());
                return fields.ToArray();
            }

            // A quoted field runs on to the next line.
            text = _reader.ReadLine() ?? throw new ReferenceDataException(_name, startLine, "a quoted field is never closed");
            _line++;
            field.Append('\n');
        }
    }

    public void Dispose() => _reader.Dispose();
}
