using System.Buffers;

namespace RevenueCycle.Coding.Suggestion;

/// <summary>
/// What this organisation coded before: documentation with its final codes, learned from finalized encounters and used
/// to rank suggestions. Two things are learned: which affirmed words and word pairs of the documentation go with which
/// codes (a lexicon of the organisation's own wording and habits), and a BM25 index of the encounters so that similar
/// encounters can vote for their codes. Holds nothing until <see cref="Add"/> is called; the engine ships with no data.
/// Thread-safe: adding and suggesting may overlap; derived tables are rebuilt on first use after a change.
/// </summary>
public sealed class CodingHistory
{
    // A word pair or word must occur with a code at least this often to be learned.
    private const int MinCooccurrence = 2;

    // Negated wording this predictive of a code marks the code as denied by the note.
    private const double NegatedWordingOdds = 0.3;

    private readonly object _gate = new();
    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _codeIds = new(StringComparer.Ordinal);
    private readonly List<string> _codes = [];
    private readonly List<int[]> _docTokens = [];
    private readonly List<int[]> _docCodes = [];
    private readonly List<string> _texts = [];
    private readonly Dictionary<long, List<int>> _keyDocs = [];
    private readonly List<long[]> _docKeys = [];
    private Snapshot? _snapshot;

    /// <summary>Number of encounters learned.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _docCodes.Count;
            }
        }
    }

    /// <summary>
    /// Learns one finalized encounter: its documentation and the codes finally assigned (with or without dots). Only
    /// affirmed wording is learned, so "no fever" never teaches that fever goes with a code.
    /// </summary>
    public void Add(string text, IReadOnlyCollection<string> codes)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(codes);
        var note = NoteAnalyzer.Analyze(text);
        lock (_gate)
        {
            var codeIds = codes
                .Select(SuggestionEvaluation.NormalizeCode)
                .Where(c => c.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .Select(CodeId)
                .ToArray();
            var tokens = note.Terms.Select(t => TokenId(t.Stem)).ToArray();
            var doc = _docCodes.Count;
            var docKeys = AffirmedKeys(note, TokenId).Keys.ToArray();
            _docKeys.Add(docKeys);
            foreach (var key in docKeys)
            {
                if (!_keyDocs.TryGetValue(key, out var docs))
                {
                    docs = [];
                    _keyDocs.Add(key, docs);
                }

                docs.Add(doc);
            }

            _docTokens.Add(tokens);
            _docCodes.Add(codeIds);
            _texts.Add(text);
            _snapshot = null;
        }
    }

    /// <summary>Adds the history's signals to the direct mentions in <paramref name="found"/> and sets final scores.</summary>
    internal void Contribute(AnalyzedNote note, Dictionary<int, Candidate> found, SuggestionIndex index, SuggestOptions options,
        SuggesterTuning tuning, Func<AnalyzedNote, Dictionary<int, Candidate>> findMentions)
    {
        var snap = GetSnapshot(index, tuning, findMentions);
        if (snap.Docs == 0)
        {
            return;
        }

        // Learned wording: the code odds that the affirmed words and pairs of this note carry.
        var lexicon = new Dictionary<int, (double Best, int First, int Last)>();
        foreach (var (key, (first, last)) in AffirmedKeys(note, snap.Lookup, options.Outpatient))
        {
            if (!snap.Associations.TryGetValue(key, out var assoc))
            {
                continue;
            }

            foreach (var (code, p) in assoc)
            {
                var target = snap.IndexCode[code];
                if (target < 0 || (!options.IncludeHcpcs && index.Codes[target].System == CodeSystems.Hcpcs))
                {
                    continue;
                }

                if (!lexicon.TryGetValue(target, out var cur) || p > cur.Best)
                {
                    lexicon[target] = (p, first, last);
                }
            }
        }

        // Negated wording that the organisation's coders tie to a code argues against suggesting that code without evidence.
        var negatedCodes = new HashSet<int>(note.NegatedCodes);
        foreach (var key in NegatedKeys(note, snap.Lookup))
        {
            if (snap.Associations.TryGetValue(key, out var assoc))
            {
                foreach (var (code, p) in assoc)
                {
                    if (p >= NegatedWordingOdds && snap.IndexCode[code] >= 0)
                    {
                        negatedCodes.Add(snap.IndexCode[code]);
                    }
                }
            }
        }

        // How this organisation codes what the engine finds: the calibrated odds that a found code is kept, and the
        // sibling code coders put in its place when they consistently prefer one ("R59.1" found, "R59.9" coded).
        var substitutes = new List<(int Code, double P, Candidate From)>();
        foreach (var c in found.Values)
        {
            c.Calibrated = snap.Calibration.Calibrate(c.Code, c.Mention, tuning.CalibrationPrior);
            if (snap.Calibration.Substitutes.TryGetValue(c.Code, out var subs))
            {
                foreach (var (to, p) in subs)
                {
                    substitutes.Add((to, p, c));
                }
            }
        }

        foreach (var (to, p, from) in substitutes)
        {
            if (!found.TryGetValue(to, out var target))
            {
                target = new Candidate(to, from.Basis);
                target.Evidence.AddRange(from.Evidence);
                found.Add(to, target);
            }

            target.Calibrated = Math.Max(target.Calibrated, p);
        }

        var neighbours = Neighbours(note, snap, tuning.Neighbours);
        foreach (var (code, (best, first, last)) in lexicon)
        {
            if (!found.TryGetValue(code, out var c))
            {
                c = new Candidate(code, "learned term");
                c.Evidence.Add((first, last));
                found.Add(code, c);
            }

            c.Lexicon = best;
        }

        foreach (var (code, vote) in neighbours)
        {
            if (!found.TryGetValue(code, out var c))
            {
                c = new Candidate(code, "similar encounters");
                found.Add(code, c);
            }

            c.Neighbours = vote;
        }

        foreach (var c in found.Values)
        {
            if (c.Mentions == 0 && ((c.Lexicon == 0 && negatedCodes.Contains(c.Code)) || note.RoutedAwayCodes.Contains(c.Code)))
            {
                // The note denies the condition, or places it in the past, in a relative or in doubt: what similar
                // encounters or learned wording suggest does not outvote the documentation.
                c.Score = 0;
                continue;
            }

            c.Score = tuning.Combine(c);
        }
    }

    /// <summary>Votes of the most similar learned encounters (BM25 over their words), as a share of the total similarity.</summary>
    private static Dictionary<int, double> Neighbours(AnalyzedNote note, Snapshot snap, int k)
    {
        var votes = new Dictionary<int, double>();
        var query = new HashSet<int>();
        foreach (var t in note.Terms)
        {
            if (snap.Lookup(t.Stem) is var id and >= 0)
            {
                query.Add(id);
            }
        }

        if (query.Count == 0 || k <= 0)
        {
            return votes;
        }

        var scores = ArrayPool<float>.Shared.Rent(snap.Docs);
        Array.Clear(scores, 0, snap.Docs);
        try
        {
            var touched = new List<int>();
            snap.Bm25.Accumulate(query.ToArray(), scores, touched);
            var top = touched.OrderByDescending(d => scores[d]).Take(k).Select(d => (Doc: d, Score: (double)scores[d])).ToList();
            var total = top.Sum(d => d.Score);
            if (total <= 0)
            {
                return votes;
            }

            foreach (var (d, score) in top)
            {
                foreach (var code in snap.DocCodes[d])
                {
                    var target = snap.IndexCode[code];
                    if (target >= 0)
                    {
                        votes[target] = votes.GetValueOrDefault(target) + score / total;
                    }
                }
            }

            return votes;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>
    /// Word and word-pair keys of the affirmed (or, outside the outpatient rule, uncertain) wording of a note, with the
    /// tokens of their first occurrence. A key packs one or two stem ids; unknown stems give no key.
    /// </summary>
    private static Dictionary<long, (int First, int Last)> AffirmedKeys(AnalyzedNote note, Func<string, int> id, bool outpatient = false)
    {
        var keys = new Dictionary<long, (int, int)>();
        var terms = note.Terms;
        for (var i = 0; i < terms.Count; i++)
        {
            var a = terms[i];
            var assertion = note.AssertionOf(a.FirstToken, a.LastToken);
            if (assertion is Assertion.Negated or Assertion.FamilyHistory || (outpatient && assertion == Assertion.Uncertain))
            {
                continue;
            }

            var ia = id(a.Stem);
            if (ia < 0)
            {
                continue;
            }

            keys.TryAdd(ia, (a.FirstToken, a.LastToken));
            for (var j = i + 1; j < terms.Count && terms[j].Sentence == a.Sentence && terms[j].Position <= a.Position + 1; j++)
            {
                var b = terms[j];
                if (b.Position != a.Position + 1 || note.AssertionOf(b.FirstToken, b.LastToken) is Assertion.Negated or Assertion.FamilyHistory)
                {
                    continue;
                }

                var ib = id(b.Stem);
                if (ib >= 0)
                {
                    keys.TryAdd(Pair(ia, ib), (a.FirstToken, b.LastToken));
                }
            }
        }

        return keys;
    }

    private static IEnumerable<long> NegatedKeys(AnalyzedNote note, Func<string, int> id)
    {
        foreach (var t in note.Terms)
        {
            if (note.AssertionOf(t.FirstToken, t.LastToken) == Assertion.Negated && id(t.Stem) is var i and >= 0)
            {
                yield return i;
            }
        }
    }

    private static long Pair(int a, int b) => ((long)(a + 1) << 32) | (uint)b;

    private int TokenId(string stem)
    {
        if (!_vocabulary.TryGetValue(stem, out var id))
        {
            id = _vocabulary.Count;
            _vocabulary.Add(stem, id);
        }

        return id;
    }

    private int CodeId(string code)
    {
        if (!_codeIds.TryGetValue(code, out var id))
        {
            id = _codes.Count;
            _codeIds.Add(code, id);
            _codes.Add(code);
        }

        return id;
    }

    private Snapshot GetSnapshot(SuggestionIndex index, SuggesterTuning tuning, Func<AnalyzedNote, Dictionary<int, Candidate>> findMentions)
    {
        var snap = Volatile.Read(ref _snapshot);
        if (snap is not null && ReferenceEquals(snap.Index, index) && ReferenceEquals(snap.Tuning, tuning))
        {
            return snap;
        }

        lock (_gate)
        {
            if (_snapshot is null || !ReferenceEquals(_snapshot.Index, index) || !ReferenceEquals(_snapshot.Tuning, tuning))
            {
                _snapshot = BuildSnapshot(index, tuning, findMentions);
            }

            return _snapshot;
        }
    }

    /// <summary>Builds the derived tables now rather than on the first suggestion (call after loading the history).</summary>
    internal void Prepare(SuggestionIndex index, SuggesterTuning tuning, Func<AnalyzedNote, Dictionary<int, Candidate>> findMentions) =>
        GetSnapshot(index, tuning, findMentions);

    /// <summary>Derives the lookup tables from what was learned; called under the lock.</summary>
    private Snapshot BuildSnapshot(SuggestionIndex index, SuggesterTuning tuning, Func<AnalyzedNote, Dictionary<int, Candidate>> findMentions)
    {
        var docs = _docCodes.Count;
        var codeFrequency = new int[_codes.Count];
        foreach (var codes in _docCodes)
        {
            foreach (var c in codes)
            {
                codeFrequency[c]++;
            }
        }

        var associations = new Dictionary<long, (int Code, double P)[]>();
        var counts = new Dictionary<int, int>();
        foreach (var (key, keyDocs) in _keyDocs)
        {
            if (keyDocs.Count < MinCooccurrence)
            {
                continue;
            }

            counts.Clear();
            foreach (var d in keyDocs)
            {
                foreach (var c in _docCodes[d])
                {
                    counts[c] = counts.GetValueOrDefault(c) + 1;
                }
            }

            var learned = new List<(int, double)>();
            foreach (var (c, n) in counts)
            {
                // Smoothed odds of the code given the wording, kept only when the wording clearly raises them and is how
                // the code is usually documented here (present in a good share of its encounters): a rare phrase that
                // happens to sit beside a frequent code twice is chance, not wording.
                var p = n / (keyDocs.Count + tuning.LexiconSmoothing);
                var without = (codeFrequency[c] - n + 1.0) / (docs - keyDocs.Count + 2.0);
                if (n >= MinCooccurrence && p >= tuning.MinLift * without && n >= tuning.MinTermRecall * codeFrequency[c])
                {
                    learned.Add((c, p));
                }
            }

            if (learned.Count > 0)
            {
                associations.Add(key, learned.ToArray());
            }
        }

        for (var pass = 0; pass < tuning.AnchorPasses; pass++)
        {
            associations = Anchor(associations, tuning);
        }

        var bm25 = Bm25Index.Build(_docTokens, _vocabulary.Count, SuggestionIndex.K1, SuggestionIndex.B);
        var indexCode = _codes.Select(c => MapToIndex(index, c)).ToArray();
        var vocabulary = new Dictionary<string, int>(_vocabulary, StringComparer.Ordinal);
        var calibration = MentionCalibration.Learn(_texts, _docCodes, indexCode, index, findMentions);
        return new Snapshot(index, tuning, docs, associations, bm25, _docCodes.ToArray(), indexCode,
            s => vocabulary.TryGetValue(s, out var i) ? i : -1, calibration);
    }

    /// <summary>
    /// Explaining away, in the manner of a hard-EM word alignment: each code of each encounter is credited to the one
    /// wording of that encounter that best predicts it, and odds are re-estimated from those credits. Wording that only
    /// keeps company with a code ("cells" beside "lymphadenopathy") loses its credit to the wording that names it.
    /// </summary>
    private Dictionary<long, (int Code, double P)[]> Anchor(Dictionary<long, (int Code, double P)[]> associations, SuggesterTuning tuning)
    {
        var credits = new Dictionary<(long Key, int Code), int>();
        var best = new Dictionary<int, (long Key, double P)>();
        for (var d = 0; d < _docKeys.Count; d++)
        {
            best.Clear();
            var codes = _docCodes[d];
            foreach (var key in _docKeys[d])
            {
                if (!associations.TryGetValue(key, out var assoc))
                {
                    continue;
                }

                foreach (var (code, p) in assoc)
                {
                    if (Array.IndexOf(codes, code) >= 0 && (!best.TryGetValue(code, out var b) || p > b.P))
                    {
                        best[code] = (key, p);
                    }
                }
            }

            foreach (var (code, (key, _)) in best)
            {
                credits[(key, code)] = credits.GetValueOrDefault((key, code)) + 1;
            }
        }

        var result = new Dictionary<long, List<(int, double)>>();
        foreach (var ((key, code), n) in credits)
        {
            if (n < MinCooccurrence)
            {
                continue;
            }

            if (!result.TryGetValue(key, out var list))
            {
                list = [];
                result.Add(key, list);
            }

            list.Add((code, n / (_keyDocs[key].Count + tuning.LexiconSmoothing)));
        }

        return result.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    /// <summary>
    /// The billable index code a learned code stands for: itself, the likely child of a header, or for a code from an
    /// older edition the first billable code below it (an initial-encounter variant when there is one); -1 if none.
    /// </summary>
    private static int MapToIndex(SuggestionIndex index, string code)
    {
        // History codes carry no system: an ICD-10-CM reading wins, then HCPCS.
        var i = index.Find(CodeSystems.Icd10Cm, code);
        if (i < 0)
        {
            i = index.Find(CodeSystems.Hcpcs, code);
        }

        if (i >= 0)
        {
            return index.Billable(i);
        }

        if (code.Length is >= 3 and < 7 && char.IsLetter(code[0]))
        {
            var withA = code.PadRight(6, 'X') + "A";
            var a = index.Find(CodeSystems.Icd10Cm, withA);
            if (a >= 0)
            {
                return index.Billable(a);
            }
        }

        return -1;
    }

    private sealed record Snapshot(
        SuggestionIndex Index,
        SuggesterTuning Tuning,
        int Docs,
        Dictionary<long, (int Code, double P)[]> Associations,
        Bm25Index Bm25,
        int[][] DocCodes,
        int[] IndexCode,
        Func<string, int> Lookup,
        MentionCalibration Calibration);
}
