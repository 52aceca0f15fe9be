namespace RevenueCycle.X12.Syntax;

/// <summary>
/// The four delimiters of an interchange, taken from its ISA: element (ISA position 4), repetition (ISA11),
/// component (ISA16) and segment terminator (the character after ISA16).
/// </summary>
public readonly record struct Delimiters(char Element, char Repetition, char Component, char Segment)
{
    /// <summary>What RevenueCycle writes: * ^ : ~ (the TR3 examples' choice).</summary>
    public static readonly Delimiters Default = new('*', '^', ':', '~');

    /// <summary>Whether a character is one of the four.</summary>
    public bool Contains(char c) => c == Element || c == Repetition || c == Component || c == Segment;

    public override string ToString() => $"element '{Element}', repetition '{Repetition}', component '{Component}', segment '{Segment}'";
}
