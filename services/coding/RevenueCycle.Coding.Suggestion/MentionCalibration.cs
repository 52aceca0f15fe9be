namespace RevenueCycle.Coding.Suggestion;

/// <summary>
/// How often the organisation's coders kept what the engine finds in documentation, learned by running the mention
/// finder over the history's encounters. A global curve maps a raw mention score to the share kept; each code's own
/// record then pulls its odds towards what happened to that code. Codes that coders consistently replace by a sibling
/// of the same category are mapped to that sibling.
/// </summary>
internal sealed class MentionCalibration
{
    private const int Bins = 10;
    private const int MinSubstitutions = 2;

    private readonly double[] _curve;
    private readonly Dictionary<int, (int Found, int Kept)> _perCode;

    private MentionCalibration(double[] curve, Dictionary<int, (int, int)> perCode, Dictionary<int, (int, double)[]> substitutes)
    {
        _curve = curve;
        _perCode = perCode;
        Substitutes = substitutes;
    }

    /// <summary>Found code to the codes coders put in its place, with the odds they do.</summary>
    public Dictionary<int, (int Code, double P)[]> Substitutes { get; }

    /// <summary>Odds that a code found with <paramref name="raw"/> score is kept, shrunk towards the global curve.</summary>
    public double Calibrate(int code, double raw, double prior)
    {
        var q = _curve[Bin(raw)];
        return _perCode.TryGetValue(code, out var r) ? (r.Kept + prior * q) / (r.Found + prior) : q;
    }

    public static MentionCalibration Learn(IReadOnlyList<string> texts, IReadOnlyList<int[]> docCodes, int[] indexCode,
        SuggestionIndex index, Func<AnalyzedNote, Dictionary<int, Candidate>> findMentions)
    {
        var found = new int[Bins];
        var kept = new int[Bins];
        var perCode = new Dictionary<int, (int Found, int Kept)>();
        var swaps = new Dictionary<int, Dictionary<int, int>>();
        var gold = new HashSet<int>();
        for (var d = 0; d < texts.Count; d++)
        {
            gold.Clear();
            foreach (var c in docCodes[d])
            {
                if (indexCode[c] >= 0)
                {
                    gold.Add(indexCode[c]);
                }
            }

            foreach (var (code, cand) in findMentions(NoteAnalyzer.Analyze(texts[d])))
            {
                var ok = gold.Contains(code);
                var b = Bin(cand.Mention);
                found[b]++;
                kept[b] += ok ? 1 : 0;
                var r = perCode.GetValueOrDefault(code);
                perCode[code] = (r.Found + 1, r.Kept + (ok ? 1 : 0));
                if (ok)
                {
                    continue;
                }

                var category = index.Codes[code].Code[..Math.Min(3, index.Codes[code].Code.Length)];
                foreach (var g in gold)
                {
                    if (index.Codes[g].Code.StartsWith(category, StringComparison.Ordinal))
                    {
                        if (!swaps.TryGetValue(code, out var to))
                        {
                            to = [];
                            swaps.Add(code, to);
                        }

                        to[g] = to.GetValueOrDefault(g) + 1;
                    }
                }
            }
        }

        // Global curve, made monotone so a stronger mention never calibrates lower than a weaker one.
        var curve = new double[Bins];
        var total = found.Sum();
        var overall = total == 0 ? 0.3 : (double)kept.Sum() / total;
        for (var b = 0; b < Bins; b++)
        {
            curve[b] = (kept[b] + 5 * overall) / (found[b] + 5.0);
        }

        for (var b = 1; b < Bins; b++)
        {
            curve[b] = Math.Max(curve[b], curve[b - 1]);
        }

        var substitutes = new Dictionary<int, (int, double)[]>();
        foreach (var (from, to) in swaps)
        {
            var n = perCode[from].Found;
            var list = to.Where(kv => kv.Value >= MinSubstitutions).Select(kv => (kv.Key, (double)kv.Value / (n + 1))).ToArray();
            if (list.Length > 0)
            {
                substitutes.Add(from, list);
            }
        }

        return new MentionCalibration(curve, perCode, substitutes);
    }

    private static int Bin(double score) => Math.Clamp((int)(score * Bins), 0, Bins - 1);
}
