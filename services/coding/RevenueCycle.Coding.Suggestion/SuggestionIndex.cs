using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace RevenueCycle.Coding.Suggestion;

/// <summary>
/// The searchable form of a code set: a BM25 index over code titles and inclusion terms (one document per title or
/// term), plus what ranking needs precomputed: each header's most likely billable child, the 7th-character variants of
/// injury and external-cause codes, and each title's side with the codes that differ only by side. Immutable after
/// <see cref="Build"/> and safe to share between threads.
/// </summary>
public sealed partial class SuggestionIndex
{
    internal const double K1 = 1.2;
    internal const double B = 0.75;

    /// <summary>Weight of a qualifier word relative to a naming word, in BM25 and in coverage.</summary>
    internal const float SoftImportance = 0.3f;

    /// <summary>A head word naming at most this many titles is specific enough to stand without its site.</summary>
    internal const int RareHeadFrequency = 4;

    private SuggestionIndex(CodeInfo[] codes, TermDoc[] docs, Dictionary<string, int> vocabulary, Bm25Index bm25,
        Dictionary<string, int> icd, Dictionary<string, int> hcpcs, Dictionary<string, (char Seventh, int Code)[]> families)
    {
        Codes = codes;
        Docs = docs;
        Vocabulary = vocabulary;
        Bm25 = bm25;
        Icd = icd;
        Hcpcs = hcpcs;
        Families = families;
    }

    /// <summary>Number of codes held (billable codes and headers of both systems).</summary>
    public int Count => Codes.Length;

    internal CodeInfo[] Codes { get; }

    internal TermDoc[] Docs { get; }

    internal Dictionary<string, int> Vocabulary { get; }

    /// <summary>Role of each document word, aligned with <see cref="Bm25Index.DocTokens"/> via <see cref="Bm25Index.DocTokenStart"/>.</summary>
    internal TitleWord[] Roles { get; private init; } = [];

    internal Bm25Index Bm25 { get; }

    /// <summary>ICD-10-CM codes (without dot) to their position in <see cref="Codes"/>.</summary>
    internal Dictionary<string, int> Icd { get; }

    internal Dictionary<string, int> Hcpcs { get; }

    /// <summary>Codes with a 7th character (injuries, external causes, ...) by their first six: the variants (A, D, S, ...).</summary>
    internal Dictionary<string, (char Seventh, int Code)[]> Families { get; }

    /// <summary>
    /// Builds the index. Codes are taken without dots; a code listed twice keeps its first entry. Headers
    /// (<see cref="CodeDescriptor.Billable"/> false) are searchable but are always resolved to a billable child.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SuggestionIndex Build(IEnumerable<CodeDescriptor> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var (infos, terms, icd, hcpcs) = ReadCodes(codes);
        var families = SeventhCharacterFamilies(infos, icd);
        var documents = new DocumentBuilder();
        var titleStems = new string[infos.Length][];
        for (var i = 0; i < infos.Length; i++)
        {
            var info = infos[i];
            if (info.Collapsed)
            {
                // Reached through its family and never a header's default: nothing to index.
                titleStems[i] = [];
                continue;
            }

            var isHcpcs = info.System == CodeSystems.Hcpcs;
            var variants = TitleVariants(info.Description, isHcpcs);
            var titleTerms = variants.Count > 0 ? documents.Terms(variants[0], isHcpcs) : [];
            titleStems[i] = titleTerms.Select(x => x.Stem).ToArray();
            if (!Searchable(info))
            {
                continue;
            }

            var code = new DocumentBuilder.Code(i, info, OtherWord().IsMatch(info.Description));
            for (var v = 0; v < variants.Count; v++)
            {
                documents.Add(code, variants[v], 0, v == 0 ? titleTerms : null);
            }

            foreach (var term in terms[i])
            {
                foreach (var v in TitleVariants(term, false))
                {
                    documents.Add(code, v, 1);
                }
            }
        }

        var (docs, vocabulary, bm25, roles) = documents.Finish();
        ResolveHeaders(infos, icd, titleStems);
        LinkSideSiblings(infos);
        return new SuggestionIndex(infos, docs, vocabulary, bm25, icd, hcpcs, families) { Roles = roles };
    }

    /// <summary>The code entry for an ICD-10-CM or HCPCS code, or -1.</summary>
    internal int Find(string system, string code) =>
        (system == CodeSystems.Hcpcs ? Hcpcs : Icd).TryGetValue(code, out var i) ? i : -1;

    /// <summary>A billable code for <paramref name="code"/>: itself when billable, else its most likely child (-1 if none).</summary>
    internal int Billable(int code) => code < 0 ? -1 : Codes[code].Billable ? code : Codes[code].DefaultChild;

    private static (CodeInfo[] Infos, List<IReadOnlyList<string>> Terms, Dictionary<string, int> Icd, Dictionary<string, int> Hcpcs)
        ReadCodes(IEnumerable<CodeDescriptor> codes)
    {
        var list = new List<CodeInfo>();
        var icd = new Dictionary<string, int>(StringComparer.Ordinal);
        var hcpcs = new Dictionary<string, int>(StringComparer.Ordinal);
        var terms = new List<IReadOnlyList<string>>();
        foreach (var c in codes)
        {
            if (c is null || string.IsNullOrWhiteSpace(c.Code))
            {
                continue;
            }

            var code = SuggestionEvaluation.NormalizeCode(c.Code);
            var isHcpcs = string.Equals(c.System, CodeSystems.Hcpcs, StringComparison.OrdinalIgnoreCase);
            if (!(isHcpcs ? hcpcs : icd).TryAdd(code, list.Count))
            {
                continue;
            }

            var description = c.Description ?? string.Empty;
            list.Add(new CodeInfo(code, isHcpcs ? CodeSystems.Hcpcs : CodeSystems.Icd10Cm, c.Billable, description)
            {
                Side = SideOfTitle(description),
            });
            terms.Add(c.Terms ?? []);
        }

        return (list.ToArray(), terms, icd, hcpcs);
    }

    /// <summary>
    /// Whether mentions may find the code. Place, activity and status of external causes and perpetrators of maltreatment
    /// are named by everyday words ("kitchen", "brother"); body mass index codes differ only by a numeric range, which
    /// word matching cannot read.
    /// </summary>
    private static bool Searchable(CodeInfo info) =>
        info.System != CodeSystems.Icd10Cm
        || !((info.Code.StartsWith('Y') && string.CompareOrdinal(info.Code, "Y90") >= 0)
            || info.Code.StartsWith("Y07", StringComparison.Ordinal)
            || info.Code.StartsWith("Z68", StringComparison.Ordinal));

    private static bool IsSalt(string stem) => stem is "injection" or "sodium" or "hydrochloride" or "hcl" or "sulfate"
        or "acetate" or "phosphate" or "tablet" or "oral" or "dose" or "unit" or "mcg" or "supply" or "each" or "potassium"
        or "calcium" or "citrate" or "succinate" or "maleate" or "tartrate" or "bromide" or "chloride" or "intravenous"
        or "infusion" or "subcutaneous" or "intramuscular" or "administration" or "solution" or "vial" or "form"
        or "powder" or "suspension" or "liposomal" or "biosimilar";

    /// <summary>Title texts to index: the cleaned title, and any bracketed alternative name ("[HIV]").</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static List<string> TitleVariants(string title, bool hcpcs)
    {
        var variants = new List<string>(2);
        if (string.IsNullOrWhiteSpace(title))
        {
            return variants;
        }

        var t = title.Contains("encounter", StringComparison.OrdinalIgnoreCase) || title.Contains("sequela", StringComparison.OrdinalIgnoreCase)
            ? SeventhCharacterTail().Replace(title, string.Empty)
            : title;
        if (t.Contains('[', StringComparison.Ordinal))
        {
            AcronymVariants(t, variants);
            t = Brackets().Replace(t, " ");
        }

        if (t.Contains('(', StringComparison.Ordinal))
        {
            t = Parentheses().Replace(t, " ");
        }

        if (t.Contains("except", StringComparison.OrdinalIgnoreCase))
        {
            t = ExceptClause().Replace(t, " ");
        }

        if (!hcpcs && t.Contains("without", StringComparison.OrdinalIgnoreCase))
        {
            // "without complications", "without aura": the default reading of a bare mention.
            t = WithoutClause().Replace(t, " ");
        }

        variants.Insert(0, t);
        return variants;
    }

    private static void AcronymVariants(string t, List<string> variants)
    {
        foreach (Match m in Brackets().Matches(t))
        {
            // An acronym in brackets names the words before it: "Human immunodeficiency virus [HIV] disease" also reads
            // "HIV disease". Other bracketed text is an alternative reading of one word and is left out.
            var inner = m.Groups[1].Value.Trim();
            if (IsAcronym(inner))
            {
                var before = t[..m.Index].TrimEnd().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var keep = Math.Max(0, before.Length - inner.Count(char.IsLetter));
                variants.Add(string.Join(' ', before.Take(keep)) + " " + inner + " " + t[(m.Index + m.Length)..]);
            }
        }
    }

    private static bool IsAcronym(string s) =>
        s.Length is >= 2 and <= 8 && s.All(char.IsLetterOrDigit) && s.Count(char.IsUpper) >= 2;

    /// <summary>Canonical index stems of a title: no stop words, no side words, no dose numbers.</summary>
    internal static string[] IndexStems(string text, bool hcpcs) => IndexTerms(text, hcpcs).Select(t => t.Stem).ToArray();

    /// <summary>
    /// Index stems with their role: qualifiers (<see cref="ClinicalLexicon.SoftWords"/>) and the head, the words before the
    /// first "of", "in", "with", "due" or comma ("Spermatocele" of "Spermatocele of epididymis").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static List<(string Stem, TitleWord Role)> IndexTerms(string text, bool hcpcs, Dictionary<string, string>? cache = null)
    {
        var result = new List<(string, TitleWord)>();
        var head = true;
        foreach (var tok in TextNormalizer.Tokenize(text))
        {
            var lower = tok.Lower;
            if (tok.Kind == TokenKind.Punct)
            {
                head &= lower is not ("," or ";" or ":");
                continue;
            }

            if (lower is "of" or "in" or "with" or "due" or "by" or "from" or "and" or "or" or "following" or "after")
            {
                head = false;
            }

            if (ClinicalLexicon.StopWords.Contains(lower) || NoteAnalyzer.SideOf(lower) != Laterality.None
                || (tok.Kind == TokenKind.Number && (hcpcs || lower.Length > 2)))
            {
                continue;
            }

            string? stem = null;
            if (cache is not null && !cache.TryGetValue(lower, out stem))
            {
                stem = ClinicalLexicon.Normalize(lower);
                cache.Add(lower, stem);
            }

            stem ??= ClinicalLexicon.Normalize(lower);
            if (result.Exists(r => r.Item1 == stem))
            {
                continue;
            }

            var role = TitleWord.None;
            // Salts, forms and routes qualify a drug or supply; in diagnosis titles "calcium" or "sodium" name the thing.
            var salt = hcpcs && IsSalt(stem);
            if (ClinicalLexicon.SoftWords.Contains(stem) || salt)
            {
                role |= TitleWord.Soft;
                if (!ClinicalLexicon.OmittableWords.Contains(stem) && !salt)
                {
                    role |= TitleWord.Required;
                }

                if (ClinicalLexicon.Specifiers.Contains(stem))
                {
                    role |= TitleWord.Specifier;
                }
            }
            else
            {
                if (head)
                {
                    role |= TitleWord.Head;
                }

                if (ClinicalLexicon.PolarityWords.Contains(stem))
                {
                    role |= TitleWord.Polarity;
                }
            }

            result.Add((stem, role));
        }

        // The last naming word of the head is its noun ("rigidity" in "Right lower quadrant abdominal rigidity").
        var noun = result.FindLastIndex(r => (r.Item2 & TitleWord.Head) != 0);
        if (noun >= 0)
        {
            result[noun] = (result[noun].Item1, result[noun].Item2 | TitleWord.HeadNoun);
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Laterality SideOfTitle(string title)
    {
        // Most titles name no side; avoid tokenising them.
        if (title.IndexOf("right", StringComparison.OrdinalIgnoreCase) < 0 && title.IndexOf("left", StringComparison.OrdinalIgnoreCase) < 0
            && title.IndexOf("bilateral", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return title.Contains("unspecified", StringComparison.OrdinalIgnoreCase) && UnspecifiedSide().IsMatch(title)
                ? Laterality.Unspecified
                : Laterality.None;
        }

        var side = Laterality.None;
        foreach (var tok in TextNormalizer.Tokenize(title))
        {
            var s = NoteAnalyzer.SideOf(tok.Lower);
            if (s == Laterality.None)
            {
                continue;
            }

            side = side == Laterality.None || side == s ? s : Laterality.Bilateral;
        }

        return side == Laterality.None && UnspecifiedSide().IsMatch(title) ? Laterality.Unspecified : side;
    }

    private static Dictionary<string, (char, int)[]> SeventhCharacterFamilies(CodeInfo[] infos, Dictionary<string, int> icd)
    {
        var families = new Dictionary<string, List<(char, int)>>(StringComparer.Ordinal);
        for (var i = 0; i < infos.Length; i++)
        {
            var c = infos[i];
            if (c.System != CodeSystems.Icd10Cm || !c.Billable || c.Code.Length != 7 || !char.IsLetter(c.Code[6]))
            {
                continue;
            }

            var stem = c.Code[..6];
            if (!icd.TryGetValue(stem + "A", out var a) || !infos[a].Billable)
            {
                continue;
            }

            if (!families.TryGetValue(stem, out var members))
            {
                members = [];
                families.Add(stem, members);
            }

            members.Add((c.Code[6], i));
            if (c.Code[6] != 'A')
            {
                // Found through the initial-encounter variant; the 7th character is chosen from the note.
                c.Collapsed = true;
            }
        }

        return families.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// Links codes that differ only in the side they name (M25.561 right knee, M25.562 left, M25.569 unspecified): codes
    /// equal but for one character (the 6th of a 7-character code, else the last) with exactly one code per side.
    /// </summary>
    private static void LinkSideSiblings(CodeInfo[] infos)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < infos.Length; i++)
        {
            var c = infos[i];
            if (c.System != CodeSystems.Icd10Cm || !c.Billable || c.Side == Laterality.None || c.Code.Length < 4)
            {
                continue;
            }

            var key = c.Code.Length == 7 && char.IsLetter(c.Code[6]) ? c.Code[..5] + "_" + c.Code[6] : c.Code[..^1] + "_";
            if (!groups.TryGetValue(key, out var members))
            {
                members = [];
                groups.Add(key, members);
            }

            members.Add(i);
        }

        foreach (var members in groups.Values)
        {
            if (members.Count < 2 || members.Select(m => infos[m].Side).Distinct().Count() != members.Count)
            {
                continue;
            }

            var bySide = new int[5];
            Array.Fill(bySide, -1);
            foreach (var m in members)
            {
                bySide[(int)infos[m].Side] = m;
            }

            foreach (var m in members)
            {
                infos[m].SideSiblings = bySide;
            }
        }
    }

    /// <summary>For each ICD header, the billable descendant a bare mention of the header most likely means.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ResolveHeaders(CodeInfo[] infos, Dictionary<string, int> icd, string[][] titleStems)
    {
        var sorted = icd.Keys.Order(StringComparer.Ordinal).ToArray();
        for (var s = 0; s < sorted.Length; s++)
        {
            var h = icd[sorted[s]];
            var header = infos[h];
            if (header.Billable)
            {
                continue;
            }

            var headerStems = new HashSet<string>(titleStems[h], StringComparer.Ordinal);
            var best = -1;
            var bestScore = double.NegativeInfinity;
            for (var j = s + 1; j < sorted.Length && sorted[j].StartsWith(header.Code, StringComparison.Ordinal); j++)
            {
                var c = icd[sorted[j]];
                var child = infos[c];
                if (!child.Billable)
                {
                    continue;
                }

                if (child.Collapsed)
                {
                    continue;
                }

                var extra = titleStems[c].Count(x => !headerStems.Contains(x));
                var score = -extra - 0.05 * (child.Code.Length - header.Code.Length);
                if (child.Side is Laterality.Unspecified)
                {
                    score += 0.3;
                }
                else if (child.Side != Laterality.None)
                {
                    score -= 0.3;
                }

                if (child.Description.Contains("unspecified", StringComparison.OrdinalIgnoreCase))
                {
                    score += 0.2;
                }

                if (child.Code[^1] == '9')
                {
                    score += 0.1;
                }

                if (score > bestScore)
                {
                    bestScore = score;
                    best = c;
                }
            }

            header.DefaultChild = best;
        }
    }

    [GeneratedRegex(@",?\s*(initial|subsequent) encounter\b.*$|,\s*sequela\b.*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SeventhCharacterTail();

    [GeneratedRegex(@"\bother\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherWord();

    [GeneratedRegex(@"\[([^\]]*)\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parentheses();

    [GeneratedRegex(@"\bexcept\b[^,;]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExceptClause();

    [GeneratedRegex(@"\bwithout\b[^,;]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithoutClause();

    [GeneratedRegex(
        @"\bunspecified ("
        + @"side|eye|ear|kidney|lung|breast|ovary|fallopian tube|testis|limb|upper limb|lower limb|arm|upper arm|"
        + @"forearm|leg|lower leg|thigh|hand|foot|knee|hip|shoulder|elbow|wrist|ankle|finger|toe|thumb|great toe|"
        + @"lesser toe|femur|tibia|fibula|humerus|radius|ulna|clavicle|scapula|orbit|eyelid|upper eyelid|"
        + @"lower eyelid|lacrimal|ureter|adrenal gland|buttock|calf|axilla|hemisphere|vocal cord|carotid artery|"
        + @"vertebral artery|side of|sacroiliac|temporomandibular|metacarpal|metatarsal|patella|calcaneus|"
        + @"talus|tarsal|carpal|digit|index finger|middle finger|ring finger|little finger|teeth|jaw|middle ear|"
        + @"external ear|inner ear|cornea|retina|lens|conjunctiva|globe|optic"
        + @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UnspecifiedSide();
}

/// <summary>One code of the index with what ranking needs precomputed.</summary>
internal sealed class CodeInfo(string code, string system, bool billable, string description)
{
    public string Code { get; } = code;

    public string System { get; } = system;

    public bool Billable { get; } = billable;

    public string Description { get; } = description;

    public Laterality Side { get; init; }

    /// <summary>A 7th-character variant other than A: not indexed on its own, reached through its family.</summary>
    public bool Collapsed { get; set; }

    /// <summary>For headers: the most likely billable descendant, or -1.</summary>
    public int DefaultChild { get; set; } = -1;

    /// <summary>Codes equal to this one but for the side they name, indexed by <see cref="Laterality"/> (-1 where none).</summary>
    public int[]? SideSiblings { get; set; }

    public bool IsSymptom => System == CodeSystems.Icd10Cm && Code.Length > 0 && Code[0] == 'R';
}

/// <summary>
/// One indexed title or term: which code it names, the side it names, whether it is the title (0) or a term (1), how many
/// naming (non-qualifier) words it has, its total word importance, and whether the title is a residual "other" category.
/// </summary>
internal readonly record struct TermDoc(int Code, Laterality Side, byte Kind, byte Naming, float Importance, bool Residual)
{
    /// <summary>The head holds a rare word, so matching the head alone is already specific.</summary>
    public bool RareHead { get; init; }

    /// <summary>Number of required qualifiers ("disorder", "acute") among the title's words.</summary>
    public byte Required { get; init; }
}

/// <summary>Role of a word in a title.</summary>
[Flags]
internal enum TitleWord : byte
{
    None = 0,

    /// <summary>Qualifies rather than names (counts <see cref="SuggestionIndex.SoftImportance"/>).</summary>
    Soft = 1,

    /// <summary>Part of the title's head phrase.</summary>
    Head = 2,

    /// <summary>A qualifier a one-word title cannot do without; see <see cref="ClinicalLexicon.OmittableWords"/>.</summary>
    Required = 4,

    /// <summary>A qualifier that picks a more specific code; see <see cref="ClinicalLexicon.Specifiers"/>.</summary>
    Specifier = 8,

    /// <summary>A direction word every match needs; see <see cref="ClinicalLexicon.PolarityWords"/>.</summary>
    Polarity = 16,

    /// <summary>The noun of the head phrase, which a full match needs.</summary>
    HeadNoun = 32,
}
