namespace RevenueCycle.Coding.Suggestion;

/// <summary>
/// Ranking constants, tuned by cross-validation on the CodiEsp train split only (two folds, history from the other fold).
/// Internal so the evaluation harness can vary them; the engine always runs with <see cref="Default"/>.
/// </summary>
internal sealed record SuggesterTuning
{
    public static SuggesterTuning Default { get; } = new();

    // --- Matching a title in a sentence ---

    /// <summary>Least share of a title's BM25 weight a sentence must cover.</summary>
    public double MinCoverage { get; init; } = 0.6;

    /// <summary>Least share of a title's words (qualifiers counting less) a match must hold.</summary>
    public double MinWordCoverage { get; init; } = 0.75;

    /// <summary>Extra words allowed inside a match window.</summary>
    public int WindowSlack { get; init; } = 2;

    /// <summary>Least BM25 coverage at which a title with a rare head is checked for a head-only match.</summary>
    public double MinHeadCoverage { get; init; } = 0.3;

    /// <summary>Score factor of a head-only match, in place of the coverage factor.</summary>
    public double HeadOnlyFactor { get; init; } = 0.6;

    /// <summary>Mention score grows with coverage to this power.</summary>
    public double CoveragePower { get; init; } = 2;

    /// <summary>Matched BM25 weight at which a mention's strength is one half (rare words make strong mentions).</summary>
    public double WeightHalf { get; init; } = 4;

    /// <summary>Factor for an inclusion term relative to the title itself.</summary>
    public double TermFactor { get; init; } = 0.97;

    /// <summary>Factor per specifying qualifier ("acute") a title names and the note does not.</summary>
    public double SpecifierFactor { get; init; } = 0.9;

    /// <summary>Factor for residual "Other ..." titles, which fit only when nothing more exact does.</summary>
    public double ResidualFactor { get; init; } = 0.8;

    /// <summary>Factor for a header's title, whose billable child is a guess: an exact billable title wins a tie.</summary>
    public double HeaderFactor { get; init; } = 0.85;

    /// <summary>Most mentions kept per sentence.</summary>
    public int MaxMentionsPerSentence { get; init; } = 12;

    // --- Routing and aggregating mentions ---

    /// <summary>Share of the remaining confidence repeated mentions of a code add (halving with each repeat).</summary>
    public double RepeatBonus { get; init; } = 0.3;

    /// <summary>Factor for an uncertain diagnosis kept under the inpatient rule.</summary>
    public double UncertainFactor { get; init; } = 0.9;

    /// <summary>Factor for a past condition offered as itself because no apt history code exists.</summary>
    public double PastConditionFactor { get; init; } = 0.7;

    // --- Learning from the coding history ---

    /// <summary>Number of similar learned encounters that vote.</summary>
    public int Neighbours { get; init; } = 10;

    /// <summary>Pseudo-count of the global calibration curve when calibrating one code's mentions.</summary>
    public double CalibrationPrior { get; init; } = 2;

    /// <summary>How much learned wording must raise a code's odds over encounters without the wording.</summary>
    public double MinLift { get; init; } = 2.0;

    /// <summary>Least share of a code's encounters learned wording must appear in.</summary>
    public double MinTermRecall { get; init; } = 0.4;

    /// <summary>Pseudo-count added to a word's encounters when estimating a code's odds given the word.</summary>
    public double LexiconSmoothing { get; init; } = 1;

    /// <summary>Rounds of crediting each learned code to the one wording that best explains it.</summary>
    public int AnchorPasses { get; init; } = 1;

    /// <summary>Weights of the history's signals in the noisy-or that gives a candidate's final score.</summary>
    public double MentionWeight { get; init; } = 1.0;

    public double LexiconWeight { get; init; } = 0.8;

    public double NeighbourWeight { get; init; } = 0.6;

    /// <summary>
    /// Final score with a history: a noisy-or of the calibrated odds that a found code is kept, the odds learned wording
    /// carries, and the similar encounters' vote, each weighted; any one strong signal is enough to rank a code high.
    /// </summary>
    public double Combine(Candidate c) =>
        1 - ((1 - (MentionWeight * c.Calibrated)) * (1 - (LexiconWeight * c.Lexicon)) * (1 - (NeighbourWeight * c.Neighbours)));
}
