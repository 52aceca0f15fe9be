namespace RevenueCycle.X12.Syntax;

/// <summary>
/// One segment, its elements as text. Components and repetitions are kept apart from the interchange's own
/// delimiters: inside an element, <see cref="ComponentSeparator"/> separates components and
/// <see cref="RepetitionSeparator"/> repetitions, so a segment means the same whatever delimiters it is written with.
/// Positions are X12's: <c>segment[1]</c> is the first element (NM101). The elements live in one string with their
/// boundaries, so reading a file costs one string a segment, not one an element.
/// </summary>
public sealed class Segment
{
    /// <summary>Unit separator: never valid in X12 data, so it cannot clash with content.</summary>
    public const char ComponentSeparator = '\u001F';

    /// <summary>Record separator: never valid in X12 data.</summary>
    public const char RepetitionSeparator = '\u001E';

    /// <summary>Read segments: all elements in one string, with the start of each (and one past the last, plus one).</summary>
    private readonly string? _text;
    private readonly int[]? _starts;

    /// <summary>Built segments (and read ones once <see cref="Elements"/> is asked for): one string per element.</summary>
    private string[]? _elements;

    public Segment(string id, params string[] elements)
    {
        Id = id;
        _elements = elements;
    }

    /// <summary>A segment over text whose elements start at <paramref name="starts"/> (the last entry one past the end, plus one).</summary>
    internal Segment(string id, string text, int[] starts)
    {
        Id = id;
        _text = text;
        _starts = starts;
    }

    public string Id { get; }

    /// <summary>Number of elements present (trailing empty elements are usually omitted by writers).</summary>
    public int Count => _elements?.Length ?? _starts!.Length - 1;

    public IReadOnlyList<string> Elements => _elements ??= Enumerable.Range(1, Count).Select(i => this[i]).ToArray();

    /// <summary>Element at a 1-based position, "" when absent.</summary>
    public string this[int position] => position < 1 || position > Count ? "" : _elements?[position - 1] ?? Span(position).ToString();

    /// <summary>Element at a 1-based position without a copy; empty when absent.</summary>
    public ReadOnlySpan<char> Span(int position) =>
        position < 1 || position > Count ? []
        : _elements is not null ? _elements[position - 1].AsSpan()
        : _text.AsSpan(_starts![position - 1], _starts[position] - _starts[position - 1] - 1);

    /// <summary>Component of an element (both 1-based), "" when absent. The first repetition only.</summary>
    public string Component(int position, int component)
    {
        var span = ComponentSpan(position, component);
        return span.Length == Span(position).Length && component == 1 ? this[position] : span.ToString();
    }

    /// <summary>Component of an element without a copy; empty when absent. The first repetition only.</summary>
    public ReadOnlySpan<char> ComponentSpan(int position, int component)
    {
        var element = Span(position);
        if (element.IndexOfAny(ComponentSeparator, RepetitionSeparator) < 0)
        {
            return component == 1 ? element : [];
        }

        var start = 0;
        for (var c = 1; ; c++)
        {
            var end = start;
            while (end < element.Length && element[end] != ComponentSeparator && element[end] != RepetitionSeparator)
            {
                end++;
            }

            if (c == component)
            {
                return element[start..end];
            }

            if (end >= element.Length || element[end] == RepetitionSeparator)
            {
                return [];
            }

            start = end + 1;
        }
    }

    /// <summary>The components of an element's first repetition.</summary>
    public string[] Components(int position)
    {
        var element = this[position];
        var end = element.IndexOf(RepetitionSeparator);
        return (end < 0 ? element : element[..end]).Split(ComponentSeparator);
    }

    /// <summary>Every repetition of an element.</summary>
    public string[] Repetitions(int position) => this[position].Length == 0 ? [] : this[position].Split(RepetitionSeparator);

    /// <summary>Builds a composite element from its components.</summary>
    public static string Composite(params string[] components)
    {
        var last = components.Length;
        while (last > 0 && components[last - 1].Length == 0)
        {
            last--;
        }

        return string.Join(ComponentSeparator, components, 0, last);
    }

    public bool Is(string id, int position, string value) => Id == id && Span(position).SequenceEqual(value);

    /// <summary>Same id and data; trailing empty elements and components, which writers drop, do not count.</summary>
    public override bool Equals(object? obj) => obj is Segment other && other.Id == Id && other.ToString() == ToString();

    public override int GetHashCode() => HashCode.Combine(Id, this[1]);

    /// <summary>Written with the default delimiters, for messages and debugging.</summary>
    public override string ToString() => X12Text.Format(this, Delimiters.Default);
}
