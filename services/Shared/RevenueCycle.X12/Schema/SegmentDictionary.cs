using System.Globalization;

namespace RevenueCycle.X12.Schema;

/// <summary>One element (or component) of a segment in the base standard: type, lengths, requirement, repeats.</summary>
public sealed record ElementDefinition(int Position, int Component, string Type, int MinLength, int MaxLength, char Requirement, int Repeat, IReadOnlyList<ElementDefinition> Components)
{
    public bool IsComposite => Type == "composite";

    public bool Mandatory => Requirement == 'M';
}

/// <summary>A segment of the base standard: its elements by position.</summary>
public sealed record SegmentDefinition(string Id, IReadOnlyList<ElementDefinition> Elements)
{
    public ElementDefinition? Element(int position) => position >= 1 && position <= Elements.Count ? Elements[position - 1] : null;
}

/// <summary>The segment dictionary (<c>segments.spec</c>): every segment the supported guides use.</summary>
public sealed class SegmentDictionary(IReadOnlyDictionary<string, SegmentDefinition> segments)
{
    public int Count => segments.Count;

    public SegmentDefinition? Find(string id) => segments.GetValueOrDefault(id);

    public static SegmentDictionary Parse(TextReader reader, string name)
    {
        var segments = new Dictionary<string, SegmentDefinition>(StringComparer.Ordinal);
        string? id = null;
        var elements = new List<ElementDefinition>();
        var number = 0;

        void Flush()
        {
            if (id is not null)
            {
                segments[id] = new SegmentDefinition(id, elements.ToArray());
            }
        }

        while (reader.ReadLine() is { } raw)
        {
            number++;
            var line = SpecText.StripComment(raw);
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words[0] == "segment")
            {
                Flush();
                id = words.Length == 2 ? words[1] : throw new SpecException(name, number, "expected `segment ID`");
                if (segments.ContainsKey(id))
                {
                    throw new SpecException(name, number, $"segment {id} is defined twice");
                }

                elements = [];
                continue;
            }

            if (id is null)
            {
                throw new SpecException(name, number, "an element line before any `segment` line");
            }

            elements = AddElement(elements, words, name, number);
        }

        Flush();
        return new SegmentDictionary(segments);
    }

    private static List<ElementDefinition> AddElement(List<ElementDefinition> elements, string[] words, string name, int number)
    {
        var position = words[0];
        var dash = position.IndexOf('-', StringComparison.Ordinal);
        var element = int.Parse(dash < 0 ? position : position[..dash], NumberStyles.None, CultureInfo.InvariantCulture);
        var component = dash < 0 ? 0 : int.Parse(position[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
        var repeat = words.Length >= 2 && words[^2] == "repeat" ? int.Parse(words[^1], CultureInfo.InvariantCulture) : 1;
        if (words.Length >= 3 && words[1] == "composite")
        {
            if (component != 0 || element != elements.Count + 1)
            {
                throw new SpecException(name, number, $"composite {position} is out of order");
            }

            elements.Add(new ElementDefinition(element, 0, "composite", 0, 0, Requirement(words[2], name, number), repeat, []));
            return elements;
        }

        if (words.Length < 5)
        {
            throw new SpecException(name, number, "expected `NN TYPE MIN MAX M|O|X [repeat N]`");
        }

        var definition = new ElementDefinition(element, component, words[1],
            int.Parse(words[2], CultureInfo.InvariantCulture), int.Parse(words[3], CultureInfo.InvariantCulture), Requirement(words[4], name, number), repeat, []);
        if (component == 0)
        {
            if (element != elements.Count + 1)
            {
                throw new SpecException(name, number, $"element {position} is out of order (expected {elements.Count + 1:D2})");
            }

            elements.Add(definition);
        }
        else
        {
            var parent = elements.Count == element ? elements[^1] : throw new SpecException(name, number, $"component {position} without its composite");
            if (!parent.IsComposite || component != parent.Components.Count + 1)
            {
                throw new SpecException(name, number, $"component {position} is out of order or its element is not a composite");
            }

            elements[^1] = parent with { Components = [.. parent.Components, definition] };
        }

        return elements;
    }

    private static char Requirement(string word, string name, int number) =>
        word is "M" or "O" or "X" ? word[0] : throw new SpecException(name, number, $"requirement '{word}' is not M, O or X");
}
