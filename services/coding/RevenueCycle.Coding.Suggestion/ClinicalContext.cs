namespace RevenueCycle.Coding.Suggestion;

/// <summary>
/// NegEx-style assertion detection (after Chapman et al., 2001, and the ConText extension): trigger phrases open a scope
/// forward (pre-triggers: "denies", "no evidence of") or backward (post-triggers: "was ruled out", "free"); pseudo-triggers
/// ("no change", "gram negative") look like triggers but are not; terminators ("but", "which", "presents") and sentence
/// ends close a scope. The same machinery marks uncertainty, the patient's past and relatives' conditions.
/// </summary>
public static class ClinicalContext
{
    // Words a scope may run over before it closes by distance alone.
    private const int ForwardWindow = 12;
    private const int BackwardWindow = 5;

    /// <summary>What a trigger marks: forward (the words after it, up to a window) or backward, with which scope.</summary>
    private static readonly Dictionary<TriggerKind, (bool Forward, Scope Scope, bool StopsNegation, int Window)> Marks = new()
    {
        [TriggerKind.PreNeg] = (true, Scope.PreNegated, true, ForwardWindow),
        [TriggerKind.PreNegOneWord] = (true, Scope.PreNegated, true, 1),
        [TriggerKind.PostNeg] = (false, Scope.PostNegated, true, 0),
        [TriggerKind.PreUncertain] = (true, Scope.Uncertain, true, ForwardWindow),
        [TriggerKind.PostUncertain] = (false, Scope.Uncertain, true, 0),
        [TriggerKind.PreHistorical] = (true, Scope.Historical, false, ForwardWindow),
        [TriggerKind.PostHistorical] = (false, Scope.Historical, false, 0),
        [TriggerKind.PreFamily] = (true, Scope.Family, false, ForwardWindow),
        [TriggerKind.PostFamily] = (false, Scope.Family, false, 0),
    };

    /// <summary>True when <paramref name="target"/> (matched case- and white-space-insensitively) is negated in <paramref name="sentence"/>.</summary>
    public static bool IsNegated(string sentence, string target)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(target);
        var tokens = TextNormalizer.Tokenize(sentence);
        var words = TextNormalizer.Words(target);
        if (words.Length == 0)
        {
            return false;
        }

        var (first, last) = FindWords(tokens, words);
        return first >= 0 && Resolve(Scan(tokens, 0, tokens.Count, first, last), first, last) == Assertion.Negated;
    }

    /// <summary>
    /// How the finding at <paramref name="targetStart"/> (a character offset into <paramref name="sentence"/>) is asserted.
    /// A span outside the sentence or covering no word is <see cref="Assertion.Affirmed"/>.
    /// </summary>
    public static Assertion Classify(string sentence, int targetStart, int targetLength)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var tokens = TextNormalizer.Tokenize(sentence);
        var end = targetStart + Math.Max(targetLength, 0);
        int first = -1, last = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != TokenKind.Punct && tokens[i].End > targetStart && tokens[i].Start < end)
            {
                if (first < 0)
                {
                    first = i;
                }

                last = i;
            }
        }

        return first < 0 ? Assertion.Affirmed : Resolve(Scan(tokens, 0, tokens.Count, first, last), first, last);
    }

    /// <summary>Per-token scope flags: which scopes cover a token, and whether it is part of a trigger.</summary>
    [Flags]
    internal enum Scope : byte
    {
        None = 0,
        PreNegated = 1,
        PostNegated = 2,
        Uncertain = 4,
        Historical = 8,
        Family = 16,
        Trigger = 32,
    }

    /// <summary>The assertion of a finding spanning tokens <paramref name="first"/>..<paramref name="last"/> (absolute indexes).</summary>
    internal static Assertion Resolve(Scope[] flags, int first, int last)
    {
        var f = flags[first];
        var l = flags[last];
        if ((f & Scope.PreNegated) != 0 || (l & Scope.PostNegated) != 0)
        {
            return Assertion.Negated;
        }

        var any = f | l;
        if ((any & Scope.Family) != 0)
        {
            return Assertion.FamilyHistory;
        }

        if ((any & Scope.Historical) != 0)
        {
            return Assertion.Historical;
        }

        return (any & Scope.Uncertain) != 0 ? Assertion.Uncertain : Assertion.Affirmed;
    }

    /// <summary>
    /// Marks the scopes of every trigger in <paramref name="tokens"/>[<paramref name="from"/>..<paramref name="to"/>) (one
    /// sentence). Triggers inside the excluded token range (the target itself) are ignored.
    /// </summary>
    internal static Scope[] Scan(List<Token> tokens, int from, int to, int excludeFirst = -1, int excludeLast = -1)
    {
        var flags = new Scope[to - from];
        var kinds = new TriggerKind[to - from];
        var triggers = new List<(int Start, int End, TriggerKind Kind)>();
        for (var i = from; i < to;)
        {
            if (tokens[i].Kind == TokenKind.Punct || (i >= excludeFirst && i <= excludeLast))
            {
                i++;
                continue;
            }

            var (len, kind) = MatchTrigger(tokens, i, to, excludeFirst);
            if (len == 0)
            {
                i++;
                continue;
            }

            // "ruled out" names what follows when something follows, else what went before.
            if (kind == TriggerKind.PreOrPostNeg)
            {
                var next = i + len;
                kind = next < to && tokens[next].Kind != TokenKind.Punct ? TriggerKind.PreNeg : TriggerKind.PostNeg;
            }

            triggers.Add((i, i + len - 1, kind));
            for (var k = i; k < i + len; k++)
            {
                flags[k - from] |= Scope.Trigger;
                kinds[k - from] = kind;
            }

            i += len;
        }

        for (var t = 0; t < triggers.Count; t++)
        {
            var (start, end, kind) = triggers[t];
            if (!Marks.TryGetValue(kind, out var mark))
            {
                continue; // pseudo-triggers and terminators mark nothing themselves
            }

            if (mark.Forward)
            {
                MarkForward(tokens, flags, kinds, from, to, end + 1, mark.Scope, mark.StopsNegation, mark.Window);
            }
            else
            {
                MarkBackward(tokens, flags, kinds, from, start - 1, mark.Scope, mark.StopsNegation);
            }
        }

        return flags;
    }

    private static void MarkForward(List<Token> tokens, Scope[] flags, TriggerKind[] kinds, int from, int to, int start, Scope mark, bool stopsNegation,
        int window = ForwardWindow)
    {
        var words = 0;
        for (var i = start; i < to && words < window; i++)
        {
            var tok = tokens[i];
            if (tok.Kind == TokenKind.Punct)
            {
                if (tok.Lower is ":" or ";" or "." or "?" or "!")
                {
                    return;
                }

                continue;
            }

            if (StopsScope(kinds[i - from], stopsNegation))
            {
                return;
            }

            flags[i - from] |= mark;
            words++;
        }
    }

    private static void MarkBackward(List<Token> tokens, Scope[] flags, TriggerKind[] kinds, int from, int start, Scope mark, bool stopsNegation)
    {
        var words = 0;
        for (var i = start; i >= from && words < BackwardWindow; i--)
        {
            var tok = tokens[i];
            if (tok.Kind == TokenKind.Punct)
            {
                // A post-trigger follows its finding closely; a comma or colon ends the reach back.
                if (tok.Lower is ":" or ";" or "." or "?" or "!" or ",")
                {
                    return;
                }

                continue;
            }

            if (StopsScope(kinds[i - from], stopsNegation))
            {
                return;
            }

            flags[i - from] |= mark;
            words++;
        }
    }

    /// <summary>Whether a trigger of <paramref name="kind"/> closes an open scope: terminators always do, and other
    /// negation or uncertainty triggers close negation and uncertainty scopes (each opens its own).</summary>
    private static bool StopsScope(TriggerKind kind, bool negationLike) =>
        kind switch
        {
            TriggerKind.Terminator => true,
            TriggerKind.PreNeg or TriggerKind.PreNegOneWord or TriggerKind.PostNeg or TriggerKind.PreOrPostNeg or TriggerKind.Pseudo
                or TriggerKind.PreUncertain or TriggerKind.PostUncertain => negationLike,
            TriggerKind.None => false,
            _ => !negationLike,
        };

    private static (int First, int Last) FindWords(List<Token> tokens, string[] words)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Punct)
            {
                continue;
            }

            var k = 0;
            var j = i;
            var last = -1;
            while (j < tokens.Count && k < words.Length)
            {
                if (tokens[j].Kind == TokenKind.Punct)
                {
                    j++;
                    continue;
                }

                if (tokens[j].Lower != words[k])
                {
                    break;
                }

                last = j;
                k++;
                j++;
            }

            if (k == words.Length)
            {
                return (i, last);
            }
        }

        return (-1, -1);
    }

    internal enum TriggerKind : byte
    {
        None,
        PreNeg,
        PreNegOneWord,
        PostNeg,
        PreOrPostNeg,
        Pseudo,
        Terminator,
        PreUncertain,
        PostUncertain,
        PreHistorical,
        PostHistorical,
        PreFamily,
        PostFamily,
    }

    private static (int Length, TriggerKind Kind) MatchTrigger(List<Token> tokens, int i, int to, int excludeFirst)
    {
        if (!ClinicalTriggers.ByFirstWord.TryGetValue(tokens[i].Lower, out var candidates))
        {
            return (0, TriggerKind.None);
        }

        // Candidates are sorted longest first, so the first that fits wins (leftmost-longest).
        foreach (var (words, kind) in candidates)
        {
            if (i + words.Length > to)
            {
                continue;
            }

            var ok = true;
            for (var k = 1; k < words.Length; k++)
            {
                var tok = tokens[i + k];
                if (tok.Kind == TokenKind.Punct || tok.Lower != words[k] || (excludeFirst >= 0 && i + k == excludeFirst))
                {
                    ok = false;
                    break;
                }
            }

            if (ok)
            {
                return (words.Length, kind);
            }
        }

        return (0, TriggerKind.None);
    }
}
