using System.Globalization;
using RevenueCycle.X12.Syntax;

namespace RevenueCycle.X12.Schema;

public enum Usage
{
    Required,
    Situational,
    NotUsed,
}

/// <summary>An element (or a component, when <see cref="Component"/> &gt; 0) of a segment and the values it may hold.</summary>
public sealed record ValueCondition(int Position, int Component, IReadOnlySet<string> Values)
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup = new HashSet<string>(Values, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    public string ValueOf(Segment segment) => Component == 0 ? segment[Position] : segment.Component(Position, Component);

    public ReadOnlySpan<char> SpanOf(Segment segment) => Component == 0 ? segment.Span(Position) : segment.ComponentSpan(Position, Component);

    /// <summary>Whether the segment holds one of the values there (compared in place, no copy).</summary>
    public bool Holds(Segment segment) => _lookup.Contains(SpanOf(segment));
}

/// <summary>One segment line of a guide loop: which variant it is (<see cref="When"/>), its usage, repeats and the guide's element rules.</summary>
public sealed class SegmentRule(string id, Usage usage, int maxUse, IReadOnlyList<ValueCondition> when, IReadOnlyList<(int Position, int Component)> required, IReadOnlyList<ValueCondition> codes, int line)
{
    public string Id { get; } = id;

    public Usage Usage { get; } = usage;

    public int MaxUse { get; } = maxUse;

    public IReadOnlyList<ValueCondition> When { get; } = when;

    public IReadOnlyList<(int Position, int Component)> Required { get; } = required;

    public IReadOnlyList<ValueCondition> Codes { get; } = codes;

    /// <summary>Position of the segment id among the loop's items: variants of one id share it.</summary>
    public int Ordinal { get; internal set; }

    public int Line { get; } = line;

    /// <summary>Index among the loop's items.</summary>
    public int Index { get; internal set; }

    /// <summary>The segment's definition in the dictionary (null when the dictionary lacks it).</summary>
    public SegmentDefinition? Definition { get; internal set; }

    public bool Matches(Segment segment) => segment.Id == Id && WhenHolds(segment);

    public bool WhenHolds(Segment segment)
    {
        foreach (var condition in When)
        {
            if (!condition.Holds(segment))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the guide requires an element (component 0) or a component.</summary>
    public bool Requires(int position, int component)
    {
        foreach (var (p, c) in Required)
        {
            if (p == position && c == component)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A loop of a guide: its trigger (the first segment line), usage, repeats and items in order.</summary>
public sealed class LoopRule(string id, string name, Usage usage, int maxRepeat, int line)
{
    private readonly List<object> _items = [];

    public string Id { get; } = id;

    public string Name { get; } = name;

    public Usage Usage { get; } = usage;

    public int MaxRepeat { get; } = maxRepeat;

    public int Line { get; } = line;

    /// <summary>Ordinal of this loop among its parent's items.</summary>
    public int Ordinal { get; internal set; }

    /// <summary>Index among the parent's items.</summary>
    public int Index { get; internal set; }

    /// <summary>For each segment id, the indexes of the items it may be: segment lines of that id and loops it starts.</summary>
    internal Dictionary<string, int[]> Candidates { get; private set; } = [];

    /// <summary>Indexes of the required items, to check what is missing without a scan of every item.</summary>
    internal int[] RequiredItems { get; private set; } = [];

    internal void Seal()
    {
        Candidates = _items.Select((item, index) => (Id: item is SegmentRule s ? s.Id : ((LoopRule)item).Trigger.Id, index))
            .GroupBy(x => x.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.index).ToArray(), StringComparer.Ordinal);
        RequiredItems = _items.Select((item, index) => (item, index))
            .Where(x => x.item is SegmentRule { Usage: Usage.Required } or LoopRule { Usage: Usage.Required })
            .Select(x => x.index).ToArray();
        foreach (var loop in Loops)
        {
            loop.Seal();
        }
    }

    /// <summary>Segment rules and child loops in the guide's order.</summary>
    public IReadOnlyList<object> Items => _items;

    public SegmentRule Trigger => (SegmentRule)_items[0];

    public IEnumerable<SegmentRule> Segments => _items.OfType<SegmentRule>();

    public IEnumerable<LoopRule> Loops => _items.OfType<LoopRule>();

    internal void Add(object item) => _items.Add(item);
}

/// <summary>One transaction set as one implementation guide defines it.</summary>
public sealed class TransactionSpec(string transactionSetId, string version, string name, LoopRule root, SegmentDictionary dictionary)
{
    /// <summary>ST01, e.g. 837.</summary>
    public string TransactionSetId { get; } = transactionSetId;

    /// <summary>ST03 / GS08, e.g. 005010X222A1.</summary>
    public string Version { get; } = version;

    public string Name { get; } = name;

    /// <summary>The transaction's own level (id ""), holding ST, the header, the loops and SE.</summary>
    public LoopRule Root { get; } = root;

    public SegmentDictionary Dictionary { get; } = dictionary;

    /// <summary>Every segment id the guide uses anywhere.</summary>
    public IReadOnlySet<string> SegmentIds { get; } = Collect(root);

    private static HashSet<string> Collect(LoopRule loop)
    {
        var ids = loop.Segments.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var child in loop.Loops)
        {
            ids.UnionWith(Collect(child));
        }

        return ids;
    }

    public static TransactionSpec Parse(TextReader reader, string name, SegmentDictionary dictionary)
    {
        var number = 0;
        string[]? header = null;
        var root = new LoopRule("", "transaction", Usage.Required, 1, 0);
        var stack = new List<(int Indent, LoopRule Loop)> { (-1, root) };
        while (reader.ReadLine() is { } raw)
        {
            number++;
            var line = SpecText.StripComment(raw);
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var indent = line.Length - line.TrimStart(' ').Length;
            var words = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (header is null)
            {
                header = words.Length >= 3 && words[0] == "transaction" ? words : throw new SpecException(name, number, "the first line must be `transaction ST01 VERSION NAME`");
                continue;
            }

            if (indent % 2 != 0)
            {
                throw new SpecException(name, number, "indentation must be a multiple of two spaces");
            }

            while (stack.Count > 1 && indent <= stack[^1].Indent)
            {
                stack.RemoveAt(stack.Count - 1);
            }

            var parent = stack[^1];
            if (indent != parent.Indent + 2 && !(parent.Loop == root && indent == 0))
            {
                throw new SpecException(name, number, "unexpected indentation");
            }

            switch (words[0])
            {
                case "segment":
                    var segment = ParseSegment(words, name, number, dictionary);
                    Place(parent.Loop, segment, name, number);
                    break;
                case "loop" when words.Length >= 4:
                    var loop = new LoopRule(words[1], string.Join(' ', words.Skip(4)), ParseUsage(words[2], name, number), ParseMax(words[3], name, number), number);
                    Place(parent.Loop, loop, name, number);
                    stack.Add((indent, loop));
                    break;
                default:
                    throw new SpecException(name, number, "expected `segment ...` or `loop ID USAGE MAX NAME`");
            }
        }

        if (header is null)
        {
            throw new SpecException(name, number, "the file is empty");
        }

        Check(root, name);
        root.Seal();
        return new TransactionSpec(header[1], header[2], string.Join(' ', header.Skip(3)), root, dictionary);
    }

    private static void Place(LoopRule parent, object item, string name, int number)
    {
        if (parent.Items.Count == 0 && parent.Id.Length > 0 && item is not SegmentRule)
        {
            throw new SpecException(name, number, $"loop {parent.Id} must begin with its trigger segment");
        }

        var ordinal = parent.Items.Count;
        if (item is SegmentRule segment)
        {
            segment.Index = ordinal;
            // Consecutive variants of one segment id (REF*EI, REF*G2 ...) share an ordinal: they may come in any order.
            segment.Ordinal = parent.Items.Count > 0 && parent.Items[^1] is SegmentRule last && last.Id == segment.Id ? last.Ordinal : ordinal;
        }
        else
        {
            ((LoopRule)item).Ordinal = ordinal;
            ((LoopRule)item).Index = ordinal;
        }

        parent.Add(item);
    }

    private static void Check(LoopRule loop, string name)
    {
        foreach (var child in loop.Loops)
        {
            if (child.Items.Count == 0)
            {
                throw new SpecException(name, child.Line, $"loop {child.Id} has no segments");
            }

            Check(child, name);
        }
    }

    private static SegmentRule ParseSegment(string[] words, string name, int number, SegmentDictionary dictionary)
    {
        if (words.Length < 4)
        {
            throw new SpecException(name, number, "expected `segment ID USAGE MAX [when ...] [required ...] [codes ...]`");
        }

        var id = words[1];
        if (dictionary.Count > 0 && dictionary.Find(id) is null)
        {
            throw new SpecException(name, number, $"segment {id} is not in the segment dictionary");
        }

        List<ValueCondition> when = [], codes = [];
        List<(int, int)> required = [];
        for (var i = 4; i < words.Length; i += 2)
        {
            if (i + 1 >= words.Length)
            {
                throw new SpecException(name, number, $"`{words[i]}` needs a value");
            }

            switch (words[i])
            {
                case "when":
                    when.AddRange(Conditions(words[i + 1], name, number));
                    break;
                case "codes":
                    codes.AddRange(Conditions(words[i + 1], name, number));
                    break;
                case "required":
                    required.AddRange(words[i + 1].Split(',').Select(p => Position(p, name, number)));
                    break;
                default:
                    throw new SpecException(name, number, $"unknown clause `{words[i]}` (when, required or codes)");
            }
        }

        return new SegmentRule(id, ParseUsage(words[2], name, number), ParseMax(words[3], name, number), when, required, codes, number) { Definition = dictionary.Find(id) };
    }

    /// <summary><c>01=41</c>, <c>01-01=ABK,BK</c>, several joined by <c>;</c>.</summary>
    private static IEnumerable<ValueCondition> Conditions(string text, string name, int number)
    {
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new SpecException(name, number, $"`{part}` is not NN=V1,V2");
            }

            var (position, component) = Position(part[..equals], name, number);
            yield return new ValueCondition(position, component, part[(equals + 1)..].Split(',').ToHashSet(StringComparer.Ordinal));
        }
    }

    private static (int, int) Position(string text, string name, int number)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return int.TryParse(dash < 0 ? text : text[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            && (dash < 0 || int.TryParse(text[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            ? (position, dash < 0 ? 0 : int.Parse(text[(dash + 1)..], CultureInfo.InvariantCulture))
            : throw new SpecException(name, number, $"`{text}` is not an element position (NN or NN-CC)");
    }

    private static Usage ParseUsage(string word, string name, int number) => word switch
    {
        "R" => Usage.Required,
        "S" => Usage.Situational,
        "N" => Usage.NotUsed,
        _ => throw new SpecException(name, number, $"usage '{word}' is not R, S or N"),
    };

    private static int ParseMax(string word, string name, int number) =>
        word == ">1" ? int.MaxValue : int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0 ? max : throw new SpecException(name, number, $"max '{word}' is not a number or >1");
}
