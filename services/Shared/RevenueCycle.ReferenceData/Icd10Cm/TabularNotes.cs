using System.Text.RegularExpressions;

namespace RevenueCycle.ReferenceData.Icd10Cm;

/// <summary>A code or range a note points at: codes starting with <see cref="From"/>, or every category from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record CodeReference(string From, string? To, bool WithChildren = false)
{
    public bool Matches(string code) =>
        To is null ? code.StartsWith(From, StringComparison.Ordinal)
        : Category(code).CompareTo(Category(From), StringComparison.Ordinal) >= 0 && Category(code).CompareTo(Category(To), StringComparison.Ordinal) <= 0;

    private static ReadOnlySpan<char> Category(string code) => code.AsSpan(0, Math.Min(3, code.Length));

    /// <summary>As the Tabular List writes it: "E08.-", "O24.4-", "A18.32", "O00-O07".</summary>
    public override string ToString() =>
        To is not null ? $"{Icd10CmEdition.WithDot(From)}-{Icd10CmEdition.WithDot(To)}"
        : !WithChildren ? Icd10CmEdition.WithDot(From)
        : From.Length == 3 ? $"{From}.-" : $"{Icd10CmEdition.WithDot(From)}-";
}

/// <summary>One instructional note from the Tabular List and the codes it references.</summary>
public sealed record TabularNote(string Kind, string Text, IReadOnlyList<CodeReference> References);

/// <summary>
/// The Tabular List's instructional notes by code, category or block. A note on a category applies to every
/// code below it; a block note (<c>Block E08-E13</c>) to every code in the block's range.
/// </summary>
public sealed partial class TabularNotes
{
    public const string Excludes1 = "excludes1";
    public const string Excludes2 = "excludes2";
    public const string InclusionTerm = "inclusionTerm";
    public const string Includes = "includes";
    public const string CodeFirst = "codeFirst";
    public const string UseAdditionalCode = "useAdditionalCode";
    public const string SevenChrDef = "sevenChrDef";

    public static readonly TabularNotes Empty = new("none", []);

    private readonly Dictionary<string, List<TabularNote>> _byCode;
    private readonly Dictionary<string, List<TabularNote>>.AlternateLookup<ReadOnlySpan<char>> _byCodeSpan;
    private readonly List<(CodeReference Range, TabularNote Note)> _byBlock;

    /// <summary>Block notes by the first letter of the codes they cover, so a lookup scans a chapter's blocks, not all.</summary>
    private readonly Dictionary<char, List<(CodeReference Range, TabularNote Note)>> _byBlockLetter = [];

    public TabularNotes(string version, IEnumerable<(string Owner, TabularNote Note)> notes)
    {
        Version = version;
        _byCode = new Dictionary<string, List<TabularNote>>(StringComparer.Ordinal);
        _byBlock = [];
        foreach (var (owner, note) in notes)
        {
            if (owner.StartsWith("Block ", StringComparison.Ordinal))
            {
                var range = ParseReferences(owner["Block ".Length..]).FirstOrDefault();
                if (range is not null)
                {
                    _byBlock.Add((range, note));
                    for (var letter = range.From[0]; letter <= (range.To ?? range.From)[0]; letter++)
                    {
                        if (!_byBlockLetter.TryGetValue(letter, out var blocks))
                        {
                            _byBlockLetter[letter] = blocks = [];
                        }

                        blocks.Add((range, note));
                    }
                }
            }
            else if (!owner.StartsWith("Chapter", StringComparison.Ordinal))
            {
                var key = Icd10CmEdition.Normalize(owner);
                if (!_byCode.TryGetValue(key, out var list))
                {
                    _byCode[key] = list = [];
                }

                list.Add(note);
            }
        }

        _byCodeSpan = _byCode.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Version { get; }

    public int Count => _byCode.Values.Sum(l => l.Count) + _byBlock.Count;

    /// <summary>Notes of one kind that apply to a code: its own, its ancestors' and its block's.</summary>
    public IEnumerable<TabularNote> For(string code, string kind)
    {
        var normalized = Icd10CmEdition.Normalize(code);
        for (var length = normalized.Length; length >= 3; length--)
        {
            if (_byCodeSpan.TryGetValue(normalized.AsSpan(0, length), out var notes))
            {
                foreach (var note in notes)
                {
                    if (note.Kind == kind)
                    {
                        yield return note;
                    }
                }
            }
        }

        if (normalized.Length > 0 && _byBlockLetter.TryGetValue(normalized[0], out var blocks))
        {
            foreach (var (range, note) in blocks)
            {
                if (note.Kind == kind && range.Matches(normalized))
                {
                    yield return note;
                }
            }
        }
    }

    /// <summary>The 7th-character values the nearest ancestor defines (A = initial encounter ...), or null.</summary>
    public IReadOnlyDictionary<char, string>? SeventhCharacters(string code)
    {
        var normalized = Icd10CmEdition.Normalize(code);
        for (var length = Math.Min(normalized.Length, 6); length >= 3; length--)
        {
            if (_byCode.TryGetValue(normalized[..length], out var notes) && notes.Any(n => n.Kind == SevenChrDef))
            {
                return notes.Where(n => n.Kind == SevenChrDef && n.Text.Length > 2 && n.Text[1] == '=')
                    .GroupBy(n => n.Text[0]).ToDictionary(g => g.Key, g => g.First().Text[2..]);
            }
        }

        return null;
    }

    /// <summary>Inclusion terms and "includes" notes of a code and its ancestors (synonyms for search).</summary>
    public IEnumerable<string> InclusionTerms(string code) => For(code, InclusionTerm).Concat(For(code, Includes)).Select(n => n.Text);

    // "E08.-" and "A04.7-" (a code and its children), "A18.32" (a code), "O00-O07" (a range of categories).
    [GeneratedRegex(@"(?<from>[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?)(?<open>\.-|-(?![A-Z]))?(?:\s*-\s*(?<to>[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?)(?:\.-|-)?)?")]
    private static partial Regex CodeOrRange();

    /// <summary>
    /// Other names of the code itself, for search: its inclusion terms and those "includes" notes that are plain
    /// names ("diabetes NOS", "high blood pressure") rather than rules that cite codes ("any condition in I50.- ...").
    /// Unlike <see cref="For"/>, a category's terms are not handed down to its children.
    /// </summary>
    public IReadOnlyList<string> SearchTerms(string code)
    {
        if (!_byCode.TryGetValue(Icd10CmEdition.Normalize(code), out var notes))
        {
            return [];
        }

        return notes.Where(n => n.Kind == InclusionTerm || n.Kind == Includes && IsPlainName(n.Text)).Select(n => n.Text).ToArray();
    }

    private static bool IsPlainName(string text) =>
        !RuleLike().IsMatch(text) && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 8;

    [GeneratedRegex(@"\b[A-Z][0-9][0-9]|\bany\b|\bcondition")]
    private static partial Regex RuleLike();

    [GeneratedRegex(@"\(([^()]*)\)")]
    private static partial Regex Parenthesized();

    /// <summary>Code references in a note's parentheses: "(E08.-)", "(A18.32)", "(O00-O07, O08.8)".</summary>
    public static IReadOnlyList<CodeReference> ParseNoteReferences(string text) =>
        Parenthesized().Matches(text).SelectMany(m => ParseReferences(m.Groups[1].Value)).ToArray();

    private static IEnumerable<CodeReference> ParseReferences(string text)
    {
        foreach (Match match in CodeOrRange().Matches(text))
        {
            var from = Icd10CmEdition.Normalize(match.Groups["from"].Value);
            yield return match.Groups["to"].Success
                ? new CodeReference(from, Icd10CmEdition.Normalize(match.Groups["to"].Value))
                : new CodeReference(from, null, match.Groups["open"].Success);
        }
    }
}
