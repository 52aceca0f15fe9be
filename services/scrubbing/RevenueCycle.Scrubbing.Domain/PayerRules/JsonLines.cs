using System.Text.Json;

namespace RevenueCycle.Scrubbing.Domain.PayerRules;

/// <summary>
/// The line of every JSON value by its path (<c>$.payers[0].rules[2].when</c>), so a rule that parses but makes no
/// sense is still refused at its line.
/// </summary>
internal sealed class JsonLines
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public static JsonLines Index(byte[] utf8Json)
    {
        var index = new JsonLines();
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new Stack<(string Path, int NextIndex, bool IsArray)>();
        string? property = null;
        var line = 1;
        var counted = 0L;
        while (reader.Read())
        {
            for (; counted < reader.TokenStartIndex; counted++)
            {
                if (utf8Json[counted] == (byte)'\n')
                {
                    line++;
                }
            }

            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.GetString();
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                path.Pop();
                continue;
            }

            string here;
            if (path.Count == 0)
            {
                here = "$";
            }
            else if (path.Peek().IsArray)
            {
                var parent = path.Pop();
                here = $"{parent.Path}[{parent.NextIndex}]";
                path.Push(parent with { NextIndex = parent.NextIndex + 1 });
            }
            else
            {
                here = $"{path.Peek().Path}.{property}";
            }

            index._lines.TryAdd(here, line);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                path.Push((here, 0, reader.TokenType == JsonTokenType.StartArray));
            }
        }

        return index;
    }

    /// <summary>The line of the value at the path, or of its nearest parent that exists.</summary>
    public int LineOf(string path)
    {
        for (var p = path; p.Length > 0;)
        {
            if (_lines.TryGetValue(p, out var line))
            {
                return line;
            }

            var cut = Math.Max(p.LastIndexOf('.'), p.LastIndexOf('['));
            p = cut > 0 ? p[..cut] : "";
        }

        return 1;
    }
}
