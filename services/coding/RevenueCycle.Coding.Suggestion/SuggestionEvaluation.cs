namespace RevenueCycle.Coding.Suggestion;

/// <summary>Confusion counts of a negation detector against gold labels ("negated" is the positive class).</summary>
public sealed record NegationScores(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    /// <summary>Share of predicted negations that are gold negations.</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>Share of gold negations that were predicted.</summary>
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Share of all items labelled correctly.</summary>
    public double Accuracy => Ratio(TruePositives + TrueNegatives, TruePositives + FalsePositives + FalseNegatives + TrueNegatives);

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
}

/// <summary>One evaluated document: the ranked suggested codes, the gold codes and the codes that must not be suggested.</summary>
public sealed record RankedCase(IReadOnlyList<string> Predicted, IReadOnlyCollection<string> Gold, IReadOnlyCollection<string> Forbidden);

/// <summary>
/// Ranking figures over documents. Recall@k and MAP are per-document means over documents with gold codes (macro);
/// the micro figures pool all gold codes. Average precision is taken over the returned list and divided by the number of
/// gold codes. <see cref="ForbiddenShare"/> is the pooled share of returned codes (top <c>k</c>) that are forbidden.
/// </summary>
public sealed record RankingScores(
    int Documents,
    double RecallAt5,
    double RecallAt10,
    double MeanAveragePrecision,
    double MicroRecallAt5,
    double MicroRecallAt10,
    double ForbiddenShare,
    int Returned);

/// <summary>Pure scoring functions for code suggestion and negation detection (no I/O; callers load gold data).</summary>
public static class SuggestionEvaluation
{
    /// <summary>Upper case without dots or spaces, so "E11.9" and "e119" compare equal.</summary>
    public static string NormalizeCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        Span<char> buf = stackalloc char[Math.Min(code.Length, 64)];
        var n = 0;
        foreach (var c in code)
        {
            if (c != '.' && !char.IsWhiteSpace(c) && n < buf.Length)
            {
                buf[n++] = char.ToUpperInvariant(c);
            }
        }

        return new string(buf[..n]);
    }

    /// <summary>Counts predicted against gold negation labels.</summary>
    public static NegationScores ScoreNegation(IEnumerable<(bool Gold, bool Predicted)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var (gold, predicted) in items)
        {
            if (gold && predicted)
            {
                tp++;
            }
            else if (predicted)
            {
                fp++;
            }
            else if (gold)
            {
                fn++;
            }
            else
            {
                tn++;
            }
        }

        return new NegationScores(tp, fp, fn, tn);
    }

    /// <summary>
    /// Whether a predicted code matches a gold code: equal after normalisation, or, when <paramref name="lenient"/>, the
    /// prediction lies below the gold code (a gold category matches any of its subcodes).
    /// </summary>
    public static bool Matches(string predicted, string gold, bool lenient)
    {
        var p = NormalizeCode(predicted);
        var g = NormalizeCode(gold);
        return lenient ? p.StartsWith(g, StringComparison.Ordinal) : p == g;
    }

    /// <summary>Share of gold codes found in the first <paramref name="k"/> predictions (0 when there is no gold).</summary>
    public static double RecallAt(IReadOnlyList<string> predicted, IReadOnlyCollection<string> gold, int k, bool lenient = false)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(gold);
        return gold.Count == 0 ? 0 : (double)Hits(predicted, gold, k, lenient) / Distinct(gold).Count;
    }

    /// <summary>Average precision of the ranked list against the gold set, normalised by the number of gold codes.</summary>
    public static double AveragePrecision(IReadOnlyList<string> predicted, IReadOnlyCollection<string> gold, bool lenient = false)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(gold);
        var golds = Distinct(gold);
        if (golds.Count == 0)
        {
            return 0;
        }

        var credited = new HashSet<string>(StringComparer.Ordinal);
        double sum = 0;
        var hits = 0;
        for (var r = 0; r < predicted.Count; r++)
        {
            var match = golds.FirstOrDefault(g => !credited.Contains(g) && Matches(predicted[r], g, lenient));
            if (match is null)
            {
                continue;
            }

            credited.Add(match);
            hits++;
            sum += (double)hits / (r + 1);
        }

        return sum / golds.Count;
    }

    /// <summary>Recall@5, recall@10, MAP and the forbidden share over <paramref name="cases"/> (top <paramref name="k"/> returned codes).</summary>
    public static RankingScores ScoreRanking(IEnumerable<RankedCase> cases, bool lenient = false, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(cases);
        int docs = 0, goldTotal = 0, hits5 = 0, hits10 = 0, returned = 0, forbidden = 0;
        double r5 = 0, r10 = 0, ap = 0;
        foreach (var c in cases)
        {
            var top = c.Predicted.Take(k).Select(NormalizeCode).ToList();
            var bad = new HashSet<string>(c.Forbidden.Select(NormalizeCode), StringComparer.Ordinal);
            returned += top.Count;
            forbidden += top.Count(bad.Contains);
            var golds = Distinct(c.Gold);
            if (golds.Count == 0)
            {
                continue;
            }

            docs++;
            goldTotal += golds.Count;
            var h5 = Hits(top, golds, 5, lenient);
            var h10 = Hits(top, golds, 10, lenient);
            hits5 += h5;
            hits10 += h10;
            r5 += (double)h5 / golds.Count;
            r10 += (double)h10 / golds.Count;
            ap += AveragePrecision(top, golds, lenient);
        }

        return new RankingScores(
            docs,
            docs == 0 ? 0 : r5 / docs,
            docs == 0 ? 0 : r10 / docs,
            docs == 0 ? 0 : ap / docs,
            goldTotal == 0 ? 0 : (double)hits5 / goldTotal,
            goldTotal == 0 ? 0 : (double)hits10 / goldTotal,
            returned == 0 ? 0 : (double)forbidden / returned,
            returned);
    }

    private static List<string> Distinct(IEnumerable<string> codes) =>
        codes.Select(NormalizeCode).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static int Hits(IReadOnlyList<string> predicted, IReadOnlyCollection<string> gold, int k, bool lenient)
    {
        var top = predicted.Take(k).ToList();
        return Distinct(gold).Count(g => top.Any(p => Matches(p, g, lenient)));
    }
}
