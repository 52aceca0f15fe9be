namespace RevenueCycle.Coding.Suggestion;

/// <summary>Finds where, in one sentence, the words of a title form a phrase.</summary>
internal static class PhraseWindow
{
    /// <summary>
    /// The tightest window of the sentence holding one occurrence of every matched naming word of a title, or null when
    /// those words are too spread out to be one phrase. Qualifier words count only when they sit next to that window:
    /// "chronic" from a COPD three words away does not make "AFib" chronic.
    /// </summary>
    public static MatchWindow? Find(ReadOnlySpan<int> docTokens, ReadOnlySpan<TitleWord> roles, Dictionary<int, List<NoteTerm>> occurrences, int slack)
    {
        var naming = new List<List<NoteTerm>>(docTokens.Length);
        var soft = new List<(int Token, List<NoteTerm> Occ, TitleWord Role)>();
        var headComplete = true;
        var polarityMissing = false;
        var headNounMissing = false;
        var specifiersMissing = 0;
        for (var k = 0; k < docTokens.Length; k++)
        {
            var role = roles[k];
            if (occurrences.TryGetValue(docTokens[k], out var occ))
            {
                if ((role & TitleWord.Soft) != 0)
                {
                    soft.Add((docTokens[k], occ, role));
                }
                else
                {
                    naming.Add(occ);
                }

                continue;
            }

            headComplete &= (role & TitleWord.Head) == 0;
            polarityMissing |= (role & TitleWord.Polarity) != 0;
            headNounMissing |= (role & TitleWord.HeadNoun) != 0;
            specifiersMissing += (role & TitleWord.Specifier) != 0 ? 1 : 0;
        }

        // Qualifiers alone never make a match: every indexed title has a naming word.
        if (naming.Count == 0 || MinimalWindow(naming) is not var (startPos, endPos, distinct) || endPos - startPos + 1 > distinct + slack)
        {
            return null;
        }

        var importance = (float)naming.Count;
        int first = int.MaxValue, last = -1;
        var positions = new HashSet<int>();
        foreach (var occ in naming)
        {
            foreach (var o in occ)
            {
                if (o.Position >= startPos && o.Position <= endPos)
                {
                    first = Math.Min(first, o.FirstToken);
                    last = Math.Max(last, o.LastToken);
                    positions.Add(o.Position);
                }
            }
        }

        List<int>? unused = null;
        var requiredFound = 0;
        foreach (var (token, occ, role) in soft)
        {
            var near = occ.FindIndex(o => o.Position >= startPos - 2 && o.Position <= endPos + 2);
            if (near < 0)
            {
                (unused ??= []).Add(token);
                specifiersMissing += (role & TitleWord.Specifier) != 0 ? 1 : 0;
                continue;
            }

            var o = occ[near];
            importance += SuggestionIndex.SoftImportance;
            requiredFound += (role & TitleWord.Required) != 0 ? 1 : 0;
            first = Math.Min(first, o.FirstToken);
            last = Math.Max(last, o.LastToken);
            positions.Add(o.Position);
        }

        return new MatchWindow(positions.Min(), positions.Max(), first, last, positions, importance, headComplete, unused, requiredFound, naming.Count)
        {
            PolarityMissing = polarityMissing,
            HeadNounMissing = headNounMissing,
            SpecifiersMissing = specifiersMissing,
        };
    }

    /// <summary>Smallest position range holding an occurrence of every word, and how many distinct positions it uses.</summary>
    private static (int Start, int End, int Distinct)? MinimalWindow(List<List<NoteTerm>> words)
    {
        if (words.Count == 1)
        {
            var p = words[0][0].Position;
            return (p, p, 1);
        }

        var all = new List<(int Pos, int Word)>();
        for (var k = 0; k < words.Count; k++)
        {
            foreach (var o in words[k])
            {
                all.Add((o.Position, k));
            }
        }

        all.Sort((a, b) => a.Pos != b.Pos ? a.Pos.CompareTo(b.Pos) : a.Word.CompareTo(b.Word));
        var lastSeen = new int[words.Count];
        Array.Fill(lastSeen, -1);
        var seen = 0;
        (int Start, int End)? best = null;
        foreach (var (pos, word) in all)
        {
            seen += lastSeen[word] < 0 ? 1 : 0;
            lastSeen[word] = pos;
            if (seen < words.Count)
            {
                continue;
            }

            var min = lastSeen.Min();
            if (best is null || pos - min < best.Value.End - best.Value.Start)
            {
                best = (min, pos);
            }
        }

        if (best is not { } b)
        {
            return null;
        }

        var distinct = all.Where(x => x.Pos >= b.Start && x.Pos <= b.End).Select(x => x.Pos).Distinct().Count();
        return (b.Start, b.End, distinct);
    }
}

/// <summary>
/// Where a title matched in a sentence: the content-word positions and token range of the match, the importance of the
/// title words found (qualifiers counting <see cref="SuggestionIndex.SoftImportance"/>), whether the whole head phrase
/// was found, qualifiers found too far away to count, and how many required qualifiers and naming words were found.
/// </summary>
internal sealed record MatchWindow(int MinPos, int MaxPos, int First, int Last, HashSet<int> Positions, float Importance, bool HeadComplete,
    List<int>? UnusedTokens, int Required, int Naming)
{
    /// <summary>A direction word of the title ("elevated") is not in the note.</summary>
    public bool PolarityMissing { get; init; }

    /// <summary>The noun of the title's head phrase is not in the note.</summary>
    public bool HeadNounMissing { get; init; }

    /// <summary>Specifying qualifiers of the title ("acute") the note does not say.</summary>
    public int SpecifiersMissing { get; init; }
}
