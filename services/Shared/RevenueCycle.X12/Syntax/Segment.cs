namespace RevenueCycle.X12.Syntax;

/// <summary>
/// One segment, its elements as text. Components and repetitions are kept apart from the interchange's own
/// delimiters: inside an element, <see cref="ComponentSeparator"/> separates components and
/// <see cref="RepetitionSeparator"/> repetitions, so a segment means the same whatever delimiters it is written with.
/// Positions are X12's: <c>segment[1]</c> is the first element (NM101).
/// </summary>
public sealed class Segment
{
    /// <summary>Unit separator: never valid in X12 data, so it cannot clash with content.</summary>
    public const char ComponentSeparator = '\u001F';

    /// <summary>Record separator: never valid in X12 data.</summary>
    public const char RepetitionSeparator = '\u001E';

    private readonly string[] _elements;

    public Segment(string id, params string[] elements)
    {
        Id = id;
        _elements = elements;
    }

    public string Id { get; }

    /// <summary>Number of elements present (trailing empty elements are usually omitted by writers).</summary>
    public int Count => _elements.Length;

    public IReadOnlyList<string> Elements => _elements;

    /// <summary>Element at a 1-based position, "" when absent.</summary>
    public string this[int position] => position >= 1 && position <= _elements.Length ? _elements[position - 1] : "";

    /// <summary>Component of an element (both 1-based), "" when absent. The first repetition only.</summary>
    public string Component(int position, int component)
    {
        var element = this[position];
        var end = element.IndexOf(RepetitionSeparator);
        var first = end < 0 ? element : element[..end];
        var parts = first.Split(ComponentSeparator);
        return component >= 1 && component <= parts.Length ? parts[component - 1] : "";
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

    public bool Is(string id, int position, string value) => Id == id && this[position] == value;

    /// <summary>Same id and data; trailing empty elements and components, which writers drop, do not count.</summary>
    public override bool Equals(object? obj) => obj is Segment other && other.Id == Id && other.ToString() == ToString();

    public override int GetHashCode() => HashCode.Combine(Id, this[1]);

    /// <summary>Written with the default delimiters, for messages and debugging.</summary>
    public override string ToString() => X12Text.Format(this, Delimiters.Default);
}
