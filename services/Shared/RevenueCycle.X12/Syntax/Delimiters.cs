namespace RevenueCycle.X12.Syntax;

/// <summary>
/// The four delimiters of an interchange, taken from its ISA: element (ISA position 4), repetition (ISA11),
/// component (ISA16) and segment terminator (the character after ISA16).
/// </summary>
public readonly record struct Delimiters(char Element, char Repetition, char Component, char Segment)
{
    /// <summary>What RevenueCycle writes: * ^ : ~ (the TR3 examples' choice).</summary>
    public static readonly Delimiters Default = new('*', '^', ':', '~');

    /// <summary>Sets tried after <see cref="Default"/> when data holds one of its characters: printable, rare in data.</summary>
    private static readonly Delimiters[] Alternatives = [new('|', '^', '>', '~'), new('*', '{', '>', '\''), new('!', '`', '}', '\\')];

    /// <summary>
    /// Delimiters to write <paramref name="values"/> with when they were read from elsewhere (an answer echoing an
    /// inbound file's ids and segment names): <see cref="Default"/> when none of its characters occurs in them, else
    /// the first of <paramref name="preferred"/> (the inbound file's own, which its values cannot hold) and the
    /// alternatives that fits. When nothing fits, <see cref="Default"/>: values holding its characters then need
    /// <see cref="Writable"/>, or the writer refuses them, located (<see cref="Writing.X12WriteException"/>).
    /// </summary>
    public static Delimiters Fitting(IEnumerable<string> values, params Delimiters[] preferred)
    {
        var text = string.Concat(values);
        return new[] { Default }.Concat(preferred.Where(d => d.Usable)).Concat(Alternatives)
            .FirstOrDefault(d => text.AsSpan().IndexOfAny([d.Element, d.Repetition, d.Component, d.Segment]) < 0, Default);
    }

    /// <summary>Four different characters, none a letter, digit, white space or control character (what a reader accepts).</summary>
    public bool Usable =>
        new[] { Element, Repetition, Component, Segment }.Distinct().Count() == 4
        && new[] { Element, Repetition, Component, Segment }.All(c => c > ' ' && c <= '~' && !char.IsAsciiLetterOrDigit(c));

    /// <summary>The value with each of the four replaced by '?': for an echo that cannot be exact under any delimiters.</summary>
    public string Writable(string value)
    {
        var delimiters = this;
        return value.AsSpan().IndexOfAny([Element, Repetition, Component, Segment]) < 0 ? value : string.Concat(value.Select(c => delimiters.Contains(c) ? '?' : c));
    }

    /// <summary>Whether a character is one of the four.</summary>
    public bool Contains(char c) => c == Element || c == Repetition || c == Component || c == Segment;

    public override string ToString() => $"element '{Element}', repetition '{Repetition}', component '{Component}', segment '{Segment}'";
}
