using System.Buffers;

namespace RevenueCycle.Coding.Suggestion;

/// <summary>
/// Suggests codes for clinical documentation. Each sentence is a BM25 query against the code titles and inclusion terms;
/// a title counts as mentioned when the sentence holds most of its words (its head noun always) as one phrase, and a
/// longer match explains away the shorter ones inside it. Mentions are then routed by their assertion (negated ones
/// dropped, past and relatives' conditions to history codes, uncertain diagnoses dropped under the outpatient rule while
/// their symptoms stay), resolved to billable codes (a header to its likely child, the side written, the 7th character
/// for the encounter), and aggregated per code. With a <see cref="CodingHistory"/>, what this organisation's coders kept
/// of such mentions, the wording they code and similar encounters re-rank the result. Thread-safe; never logs the text.
/// </summary>
public sealed class CodeSuggester
{
    private readonly SuggestionIndex _index;
    private readonly CodingHistory? _history;
    private readonly SuggesterTuning _tuning;

    /// <summary>Creates a suggester over <paramref name="index"/>, optionally ranking with the organisation's coding history.</summary>
    public CodeSuggester(SuggestionIndex index, CodingHistory? history = null)
        : this(index, history, SuggesterTuning.Default)
    {
    }

    internal CodeSuggester(SuggestionIndex index, CodingHistory? history, SuggesterTuning tuning)
    {
        ArgumentNullException.ThrowIfNull(index);
        _index = index;
        _history = history;
        _tuning = tuning;

        // Learning from the history costs a pass over its encounters; pay it here, not in the first suggestion.
        if (history is { Count: > 0 })
        {
            history.Prepare(index, tuning, LearningMentions);
        }
    }

    /// <summary>Ranked suggestions for <paramref name="text"/>, best first; empty for empty or white-space text.</summary>
    public IReadOnlyList<CodeSuggestion> Suggest(string text, SuggestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(text) || options.MaxResults <= 0)
        {
            return [];
        }

        var note = NoteAnalyzer.Analyze(text);
        return Candidates(note, options).Values
            .Where(c => c.Score > 0)
            .OrderByDescending(c => c.Score)
            .ThenBy(c => _index.Codes[c.Code].Code, StringComparer.Ordinal)
            .Take(options.MaxResults)
            .Select(c => ToSuggestion(c, note))
            .ToList();
    }

    /// <summary>Every code considered for the note with its signals and final score, keyed by index position.</summary>
    internal Dictionary<int, Candidate> Candidates(AnalyzedNote note, SuggestOptions options)
    {
        var found = FindMentions(note, options);
        if (_history is { Count: > 0 })
        {
            _history.Contribute(note, found, _index, options, _tuning, LearningMentions);
        }

        return found;
    }

    /// <summary>Mentions as found in learned encounters, for calibration: inpatient reading, every system.</summary>
    private Dictionary<int, Candidate> LearningMentions(AnalyzedNote note) => FindMentions(note, new SuggestOptions(50, false, true));

    private CodeSuggestion ToSuggestion(Candidate c, AnalyzedNote note)
    {
        var info = _index.Codes[c.Code];
        var spans = c.Evidence
            .OrderBy(e => e.First)
            .Select(e => new EvidenceSpan(note.Tokens[e.First].Start, note.Tokens[e.Last].End - note.Tokens[e.First].Start))
            .DistinctBy(e => (e.Start, e.Length))
            .Take(8)
            .ToList();
        return new CodeSuggestion(info.Code, info.System, info.Description, Math.Round(Math.Clamp(c.Score, 0, 1), 4), spans, c.Basis);
    }

    /// <summary>Direct mentions of code titles and terms, routed by assertion, keyed by billable code.</summary>
    internal Dictionary<int, Candidate> FindMentions(AnalyzedNote note, SuggestOptions options)
    {
        var t = _tuning;
        var bm25 = _index.Bm25;
        var result = new Dictionary<int, Candidate>();
        var scores = ArrayPool<float>.Shared.Rent(bm25.DocCount);
        Array.Clear(scores, 0, bm25.DocCount);
        var touched = new List<int>(1024);
        var occurrences = new Dictionary<int, List<NoteTerm>>();
        var distinct = new List<int>(64);
        var mentions = new List<Mention>();
        try
        {
            var termIndex = 0;
            for (var s = 0; s < note.Sentences.Count; s++)
            {
                occurrences.Clear();
                distinct.Clear();
                while (termIndex < note.Terms.Count && note.Terms[termIndex].Sentence == s)
                {
                    var term = note.Terms[termIndex++];
                    if (!_index.Vocabulary.TryGetValue(term.Stem, out var id))
                    {
                        continue;
                    }

                    if (!occurrences.TryGetValue(id, out var list))
                    {
                        list = [];
                        occurrences.Add(id, list);
                        distinct.Add(id);
                    }

                    list.Add(term);
                }

                if (distinct.Count == 0)
                {
                    continue;
                }

                bm25.Accumulate(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(distinct), scores, touched);
                mentions.Clear();
                foreach (var d in touched)
                {
                    var score = scores[d];
                    scores[d] = 0;
                    var coverage = score / bm25.SelfScore[d];
                    var doc = _index.Docs[d];
                    if (coverage < t.MinCoverage && !(doc.RareHead && coverage >= t.MinHeadCoverage))
                    {
                        continue;
                    }

                    var info = _index.Codes[doc.Code];
                    if (info.System == CodeSystems.Hcpcs && !options.IncludeHcpcs)
                    {
                        continue;
                    }

                    var docTokens = bm25.DocTokens(d);
                    var roles = _index.Roles.AsSpan(bm25.DocTokenStart(d), docTokens.Length);
                    if (PhraseWindow.Find(docTokens, roles, occurrences, t.WindowSlack) is not { } w)
                    {
                        continue;
                    }

                    if (w.UnusedTokens is { } unused)
                    {
                        // Qualifiers found too far away do not count towards the match.
                        foreach (var u in unused)
                        {
                            score -= bm25.Weight(u, d);
                        }

                        coverage = score / bm25.SelfScore[d];
                    }

                    // Every naming word should be there: BM25 weights favour rare qualifiers over common head nouns
                    // ("fracture", "pain"), so coverage is also counted by words. A title with one naming word
                    // ("Bladder disorder") needs all its words, or any mention of the organ would match. A rare head
                    // word may stand alone ("spermatocele" for "Spermatocele of epididymis"), at a discount.
                    var flat = w.Importance / doc.Importance;
                    var full = info.System == CodeSystems.Hcpcs
                        ? w.Naming >= t.MinWordCoverage * doc.Naming // a supply or drug is named by its naming words; forms and salts may go unsaid
                        : coverage >= t.MinCoverage && flat >= t.MinWordCoverage && !w.HeadNounMissing
                            && !(doc.Naming <= 1 && w.Required < doc.Required);
                    if (w.PolarityMissing || (!full && !(doc.RareHead && w.HeadComplete)))
                    {
                        continue;
                    }

                    var written = WrittenSide(note, s, w.MinPos, w.MaxPos);
                    var side = SideFactor(written, doc.Side);
                    if (side <= 0)
                    {
                        continue;
                    }

                    var strength = score / (score + t.WeightHalf);
                    var m = (full ? Math.Pow(coverage, t.CoveragePower) : t.HeadOnlyFactor) * strength * side * (doc.Kind == 0 ? 1.0 : t.TermFactor)
                        * (doc.Residual ? t.ResidualFactor : 1.0) * (info.Billable ? 1.0 : t.HeaderFactor)
                        * Math.Pow(t.SpecifierFactor, w.SpecifiersMissing);
                    mentions.Add(new Mention(doc.Code, m, score, w.First, w.Last, w.Positions, doc.Residual, written));
                }

                touched.Clear();
                AcceptMentions(note, s, mentions, result, options);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }

        return result;
    }

    /// <summary>Drops mentions whose words another, stronger mention already explains, then routes the rest.</summary>
    private void AcceptMentions(AnalyzedNote note, int sentence, List<Mention> mentions, Dictionary<int, Candidate> result, SuggestOptions options)
    {
        if (mentions.Count == 0)
        {
            return;
        }

        mentions.Sort((a, b) => b.Matched != a.Matched ? b.Matched.CompareTo(a.Matched) : b.Score.CompareTo(a.Score));
        var accepted = new List<Mention>();
        var bestByCode = new HashSet<int>();
        foreach (var m in mentions)
        {
            if (!bestByCode.Add(m.Code))
            {
                continue;
            }

            if (note.NegatedFromWithin(m.First, m.Last))
            {
                // "type 2 diabetes mellitus without complications" against "... with unspecified complications": that
                // title is ruled out, and it neither explains away nor crowds out the match of the affirmed words.
                note.NegatedCodes.Add(_index.Billable(m.Code));
                continue;
            }

            var subsumed = false;
            var category = Category(m.Code);
            foreach (var a in accepted)
            {
                // One phrase, one code per category: "right lower quadrant abdominal pain" is R10.31, not also R10.30.
                if (Category(a.Code) == category && a.Positions.Overlaps(m.Positions))
                {
                    subsumed = true;
                    break;
                }

                // Explained by a longer match, or the same words already gave a better-scoring title.
                // A residual "Other ..." title never explains away a plainer one.
                if ((a.Matched > m.Matched * 1.0001 && !(a.Residual && !m.Residual) && m.Positions.IsSubsetOf(a.Positions))
                    || (a.Score >= m.Score && m.Positions.SetEquals(a.Positions)))
                {
                    subsumed = true;
                    break;
                }
            }

            if (subsumed)
            {
                continue;
            }

            accepted.Add(m);
            if (accepted.Count >= _tuning.MaxMentionsPerSentence)
            {
                break;
            }
        }

        foreach (var m in accepted)
        {
            var assertion = note.AssertionOf(m.First, m.Last);
            var (target, basis, factor) = Route(m.Code, assertion, options);
            var own = _index.Billable(m.Code);
            own = own < 0 ? -1 : SeventhCharacter(note, sentence, ForSide(own, m.Written));
            target = target < 0 ? -1 : SeventhCharacter(note, sentence, ForSide(target, m.Written));
            if (assertion == Assertion.Negated)
            {
                note.NegatedCodes.Add(own);
            }
            else if (target != own)
            {
                // Said of the past, of a relative, or only as a possibility: not the patient's current condition.
                note.RoutedAwayCodes.Add(own);
            }

            if (target < 0)
            {
                continue;
            }

            if (!result.TryGetValue(target, out var c))
            {
                c = new Candidate(target, basis);
                result.Add(target, c);
            }

            c.AddMention(m.Score * factor, m.First, m.Last, _tuning.RepeatBonus);
        }
    }

    private string Category(int code)
    {
        var c = _index.Codes[code].Code;
        return c.Length <= 3 ? c : c[..3];
    }

    /// <summary>Where a mention of <paramref name="code"/> with this assertion goes: a billable code (or -1), a basis, and a factor.</summary>
    private (int Code, string Basis, double Factor) Route(int code, Assertion assertion, SuggestOptions options)
    {
        var info = _index.Codes[code];
        var isHcpcs = info.System == CodeSystems.Hcpcs;
        switch (assertion)
        {
            case Assertion.Negated:
                return (-1, string.Empty, 0);
            case Assertion.FamilyHistory:
                if (isHcpcs)
                {
                    return (-1, string.Empty, 0);
                }

                if (info.Code.StartsWith("Z8", StringComparison.Ordinal))
                {
                    return (_index.Billable(code), "family history", 1);
                }

                return (HistoryTarget(HistoryCodes.FamilyHistoryOf(info.Code)), "family history", 0.9);
            case Assertion.Historical:
                if (isHcpcs)
                {
                    return (-1, string.Empty, 0);
                }

                if (info.Code[0] == 'Z' || HistoryCodes.IsChronic(info.Code))
                {
                    return (_index.Billable(code), "mention", 0.95);
                }

                var personal = HistoryCodes.PersonalHistoryOf(info.Code);
                if (personal is null || HistoryCodes.IsCatchAll(personal))
                {
                    // No apt history code: offer the condition itself, marked as history, for the coder to judge.
                    return (_index.Billable(code), "history", _tuning.PastConditionFactor);
                }

                return (HistoryTarget(personal), "history", 0.9);
            case Assertion.Uncertain:
                if (info.IsSymptom)
                {
                    return (_index.Billable(code), "symptom", 1);
                }

                return options.Outpatient || isHcpcs ? (-1, string.Empty, 0) : (_index.Billable(code), "uncertain", _tuning.UncertainFactor);
            default:
                return (_index.Billable(code), info.IsSymptom ? "symptom" : "mention", 1);
        }
    }

    private int HistoryTarget(string? code) => code is null ? -1 : _index.Billable(_index.Find(CodeSystems.Icd10Cm, code));

    /// <summary>Picks the 7th character of an injury code from the sentence: subsequent encounter, sequela, or initial (default).</summary>
    private int SeventhCharacter(AnalyzedNote note, int sentence, int code)
    {
        var info = _index.Codes[code];
        if (info.Code.Length != 7 || info.Code[6] != 'A' || !_index.Families.TryGetValue(info.Code[..6], out var family))
        {
            return code;
        }

        var (first, end) = note.Sentences[sentence];
        var wanted = 'A';
        for (var i = first; i < end; i++)
        {
            var w = note.Tokens[i].Lower;
            if (w is "sequela" or "sequelae" || (w == "late" && NextWord(note, i, end) is "effect" or "effects"))
            {
                wanted = 'S';
                break;
            }

            if (w is "subsequent" or "healing" or "healed" or "followup" || (w == "follow" && NextWord(note, i, end) == "up"))
            {
                wanted = 'D';
            }
            else if (w == "open" && NextWord(note, i, end) is "fracture" or "fractures" && wanted == 'A')
            {
                wanted = 'B';
            }
        }

        foreach (var (seventh, member) in family)
        {
            if (seventh == wanted)
            {
                return member;
            }
        }

        return code;
    }

    private static string? NextWord(AnalyzedNote note, int i, int end)
    {
        for (var j = i + 1; j < end; j++)
        {
            if (note.Tokens[j].Kind != TokenKind.Punct)
            {
                return note.Tokens[j].Lower;
            }
        }

        return null;
    }

    /// <summary>The side written next to a mention: "right", "left", both or "bilateral", or none.</summary>
    private static Laterality WrittenSide(AnalyzedNote note, int sentence, int minPos, int maxPos)
    {
        var written = Laterality.None;
        foreach (var (s, p, side) in note.Sides)
        {
            if (s != sentence || p < minPos - 2 || p > maxPos + 2)
            {
                continue;
            }

            written = written == Laterality.None || written == side ? side : Laterality.Bilateral;
        }

        return written;
    }

    /// <summary>The code for the side written, when the code has side variants; else the code itself.</summary>
    private int ForSide(int code, Laterality written)
    {
        if (_index.Codes[code].SideSiblings is not { } siblings)
        {
            return code;
        }

        var wanted = siblings[(int)(written == Laterality.None ? Laterality.Unspecified : written)];
        return wanted >= 0 ? wanted : code;
    }

    /// <summary>How well the side written near a mention fits the side a title names (0 rejects the title).</summary>
    private static double SideFactor(Laterality written, Laterality titleSide)
    {
        if (titleSide == Laterality.None)
        {
            return 1;
        }

        return (written, titleSide) switch
        {
            (Laterality.None, Laterality.Unspecified) => 1,
            (Laterality.None, _) => 0.85,
            (_, Laterality.Unspecified) => 0.9,
            _ when written == titleSide => 1,
            (Laterality.Bilateral, _) => 0.8,
            (_, Laterality.Bilateral) => 0.7,
            _ => 0,
        };
    }

    private sealed record Mention(int Code, double Score, double Matched, int First, int Last, HashSet<int> Positions, bool Residual,
        Laterality Written);
}
