using System.Runtime.CompilerServices;

namespace RevenueCycle.Coding.Suggestion;

/// <summary>
/// Okapi BM25 over integer token ids, with postings in flat arrays and each posting's weight precomputed at build time,
/// so a query is only additions into a caller-owned accumulator. Query terms count once each (no query term frequency).
/// </summary>
internal sealed class Bm25Index
{
    private readonly int[] _postingStart;
    private readonly int[] _postingDoc;
    private readonly float[] _postingWeight;
    private readonly int[] _docTokenStart;
    private readonly int[] _docToken;

    private Bm25Index(int[] postingStart, int[] postingDoc, float[] postingWeight, int[] docTokenStart, int[] docToken, float[] selfScore)
    {
        _postingStart = postingStart;
        _postingDoc = postingDoc;
        _postingWeight = postingWeight;
        _docTokenStart = docTokenStart;
        _docToken = docToken;
        SelfScore = selfScore;
    }

    /// <summary>Number of documents.</summary>
    public int DocCount => SelfScore.Length;

    /// <summary>Each document's score against a query holding all its distinct tokens: the best it can score.</summary>
    public float[] SelfScore { get; }

    /// <summary>
    /// Builds the index. <paramref name="docs"/> hold token ids (repeats count as term frequency); <paramref name="boost"/>
    /// optionally scales a token's weight in a document (qualifier words count less).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Bm25Index Build(IReadOnlyList<int[]> docs, int vocabularySize, double k1, double b, Func<int, int, double>? boost = null)
    {
        var n = docs.Count;
        var df = new int[vocabularySize];
        long totalLength = 0;
        var docTokenStart = new int[n + 1];
        var distinctPerDoc = new List<(int Token, int Tf)[]>(n);
        var buffer = new List<(int, int)>();
        for (var d = 0; d < n; d++)
        {
            // Documents are short: sort a copy and count runs rather than hash.
            var sorted = (int[])docs[d].Clone();
            Array.Sort(sorted);
            buffer.Clear();
            for (var i = 0; i < sorted.Length;)
            {
                var j = i;
                while (j < sorted.Length && sorted[j] == sorted[i])
                {
                    j++;
                }

                buffer.Add((sorted[i], j - i));
                i = j;
            }

            var distinct = buffer.ToArray();
            distinctPerDoc.Add(distinct);
            foreach (var (t, _) in distinct)
            {
                df[t]++;
            }

            totalLength += docs[d].Length;
            docTokenStart[d + 1] = docTokenStart[d] + distinct.Length;
        }

        var avg = n == 0 ? 1.0 : Math.Max(1.0, (double)totalLength / n);
        var postingStart = new int[vocabularySize + 1];
        for (var t = 0; t < vocabularySize; t++)
        {
            postingStart[t + 1] = postingStart[t] + df[t];
        }

        var fill = (int[])postingStart.Clone();
        var postingDoc = new int[postingStart[vocabularySize]];
        var postingWeight = new float[postingDoc.Length];
        var docToken = new int[docTokenStart[n]];
        var selfScore = new float[n];
        for (var d = 0; d < n; d++)
        {
            var len = docs[d].Length;
            var norm = k1 * (1 - b + b * len / avg);
            var k = docTokenStart[d];
            double self = 0;
            foreach (var (t, tf) in distinctPerDoc[d])
            {
                var idf = Math.Log(1 + (n - df[t] + 0.5) / (df[t] + 0.5));
                var w = idf * tf * (k1 + 1) / (tf + norm) * (boost?.Invoke(d, t) ?? 1.0);
                var p = fill[t]++;
                postingDoc[p] = d;
                postingWeight[p] = (float)w;
                docToken[k++] = t;
                self += w;
            }

            selfScore[d] = (float)self;
        }

        return new Bm25Index(postingStart, postingDoc, postingWeight, docTokenStart, docToken, selfScore);
    }

    /// <summary>Distinct token ids of a document.</summary>
    public ReadOnlySpan<int> DocTokens(int doc) => _docToken.AsSpan(_docTokenStart[doc], _docTokenStart[doc + 1] - _docTokenStart[doc]);

    /// <summary>Where <paramref name="doc"/>'s tokens start in the flat token array (for arrays aligned with it).</summary>
    public int DocTokenStart(int doc) => _docTokenStart[doc];

    /// <summary>Number of documents holding <paramref name="token"/>.</summary>
    public int DocumentFrequency(int token) =>
        token < 0 || token + 1 >= _postingStart.Length ? 0 : _postingStart[token + 1] - _postingStart[token];

    /// <summary>The weight <paramref name="token"/> contributes to <paramref name="doc"/> (0 when absent).</summary>
    public float Weight(int token, int doc)
    {
        var lo = _postingStart[token];
        var hi = _postingStart[token + 1] - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var d = _postingDoc[mid];
            if (d == doc)
            {
                return _postingWeight[mid];
            }

            if (d < doc)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return 0;
    }

    /// <summary>
    /// Adds the BM25 contribution of each distinct query token to <paramref name="scores"/>; documents scored for the
    /// first time are appended to <paramref name="touched"/>. The caller clears both after use.
    /// </summary>
    public void Accumulate(ReadOnlySpan<int> distinctQueryTokens, float[] scores, List<int> touched)
    {
        foreach (var t in distinctQueryTokens)
        {
            if (t < 0 || t + 1 >= _postingStart.Length)
            {
                continue;
            }

            for (var p = _postingStart[t]; p < _postingStart[t + 1]; p++)
            {
                var d = _postingDoc[p];
                if (scores[d] == 0)
                {
                    touched.Add(d);
                }

                scores[d] += _postingWeight[p];
            }
        }
    }
}
