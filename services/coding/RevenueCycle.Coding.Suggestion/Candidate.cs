namespace RevenueCycle.Coding.Suggestion;

/// <summary>
/// A code being considered for one note: what supports it (direct mentions, learned wording, similar encounters), its
/// evidence token ranges and basis, and the final score derived from those signals.
/// </summary>
internal sealed class Candidate(int code, string basis)
{
    private double _best;

    public int Code { get; } = code;

    public string Basis { get; set; } = basis;

    /// <summary>Direct-mention score in [0, 1] (best mention plus a little for repeats); 0 when not mentioned.</summary>
    public double Mention { get; private set; }

    public int Mentions { get; private set; }

    /// <summary>Odds, learned from the history, that coders keep this code when the engine finds it; 0 when not mentioned.</summary>
    public double Calibrated { get; set; }

    /// <summary>Best odds of the code given one affirmed word or word pair of the note, from the history.</summary>
    public double Lexicon { get; set; }

    /// <summary>Share of the similar encounters' similarity that voted for the code.</summary>
    public double Neighbours { get; set; }

    /// <summary>Final score in [0, 1].</summary>
    public double Score { get; set; }

    public List<(int First, int Last)> Evidence { get; } = [];

    public void AddMention(double score, int first, int last, double repeatBonus)
    {
        Mentions++;
        _best = Math.Max(_best, score);
        Evidence.Add((first, last));

        // Repeated mentions add a little confidence, with diminishing returns.
        Mention = _best + (1 - _best) * repeatBonus * (1 - Math.Pow(0.5, Mentions - 1));
        Score = Mention;
    }
}
