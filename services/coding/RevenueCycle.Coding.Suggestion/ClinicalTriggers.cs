using Kind = RevenueCycle.Coding.Suggestion.ClinicalContext.TriggerKind;

namespace RevenueCycle.Coding.Suggestion;

/// <summary>
/// Trigger phrases for <see cref="ClinicalContext"/>, written for this engine in the NegEx/ConText style. Phrases are
/// matched on folded lower-case words (hyphens split words, apostrophes join them: "don't" is "dont").
/// </summary>
internal static class ClinicalTriggers
{
    private static readonly string[] PreNegation =
    [
        "no", "not", "without", "w/o", "denies", "denied", "deny", "denying", "negative for", "neg for",
        "free of", "free from", "clear of", "absence of", "absent", "no evidence of", "no evidence for", "no evidence",
        "no sign of", "no signs of", "no symptoms of", "no complaints of", "no history of", "never", "never had",
        "never developed", "nor", "neither", "rules out", "ruled him out", "ruled her out", "ruled the patient out",
        "fails to reveal", "failed to reveal", "did not reveal", "does not reveal", "did not show", "does not show",
        "did not demonstrate", "does not demonstrate", "not demonstrate", "did not exhibit", "not appear",
        "cannot see", "unremarkable for", "declined", "declines", "doesnt", "dont", "didnt", "isnt", "wasnt", "arent",
        "werent", "hasnt", "havent", "hadnt", "lack of", "lacks", "lacked", "nothing to suggest", "resolution of",
        "no further evidence of", "no new", "not had", "absence", "ve for", "no findings suggesting",
        "no findings suggestive of", "no findings of", "not suggestive of", "not consistent with", "not compatible with",
        "no suggestion of", "not suggest", "did not suggest", "does not suggest", "no features of",
        "vaccinated against", "vaccine against", "vaccination against", "immunized against", "prophylaxis against",
        "prophylaxis for", "prevention of",
    ];

    // Negate only the next word: "non-tender", "non-productive cough" (the cough is present), "non-insulin dependent".
    private static readonly string[] PreNegationOneWord = ["non", "un"];

    private static readonly string[] PostNegation =
    [
        "free", "was ruled out", "is ruled out", "are ruled out", "were ruled out", "have been ruled out",
        "has been ruled out", "being ruled out", "was excluded", "is excluded", "were excluded", "has been excluded",
        "have been excluded", "unlikely", "is unlikely", "was negative", "is negative", "were negative", "are negative",
        "not seen", "not identified", "not present", "not visualized", "not visualised",
        "not noted", "not found", "not detected", "not appreciated", "not demonstrated", "not observed",
        "not evident", "not apparent", "not elicited", "not palpable", "not palpated", "not felt", "not shown",
        "not revealed", "resolved", "has resolved", "vaccine", "vaccination", "immunization", "vaccines", "have resolved", "was denied", "were denied",
    ];

    // Name what follows when something follows ("negative chest film"), else what went before ("cultures negative").
    private static readonly string[] PreOrPostNegation = ["ruled out", "excluded", "negative", "neg", "absent"];

    // Look like negation but are not: the finding is still present or the statement is about something else.
    private static readonly string[] Pseudo =
    [
        "no increase", "no change", "no significant change", "no interval change", "no definite change",
        "no suspicious change", "no significant interval change", "no further", "not only", "not necessarily",
        "not certain whether", "not certain if", "not extend", "not cause", "not drain", "not rule out",
        "not ruled out", "not been ruled out", "not be ruled out", "cannot be ruled out", "can not be ruled out",
        "could not be ruled out", "cannot rule out", "can not rule out", "cannot exclude", "can not exclude",
        "cannot be excluded", "could not be excluded", "not excluded", "without difficulty", "gram negative",
        "no improvement", "no relief", "no response", "not improved", "without improvement", "no resolution",
        "not resolved", "no decrease", "no worsening", "no reduction", "not responding", "not respond",
        "not responded", "no significant improvement", "whether or not", "not clear", "negative pressure",
        "no longer than", "not well controlled", "not controlled", "poorly controlled", "non compliance",
        "non compliant", "not compliant", "not tolerate", "not tolerated", "did not tolerate", "no better",
    ];

    private static readonly string[] Terminators =
    [
        "but", "however", "although", "though", "yet", "except", "aside from", "apart from", "other than", "which",
        "who", "whom", "whose", "still", "cause of", "cause for", "causes of", "etiology of", "etiology for",
        "origin of", "origin for", "reason for", "reasons for", "source of", "source for", "secondary to",
        "presenting", "presents", "presented", "complains", "complained", "complaining", "reports", "reported",
        "reporting", "admitted", "developed", "develops", "positive for", "now", "currently", "today", "since",
        "consulted", "came", "comes", "attended", "showed", "shows", "revealed", "reveals", "there is", "there was",
        "there are", "there were", "while", "whereas", "after",
    ];

    private static readonly string[] PreUncertain =
    [
        "possible", "possibly", "probable", "probably", "suspected", "suspect", "suspicion of", "suspicion for",
        "suspicious for", "suspicious of", "concern for", "concerning for", "question of", "questionable",
        "rule out", "r/o", "to rule out", "rule him out", "rule her out", "evaluate for", "evaluation for",
        "may have", "may be", "might be", "might have", "could be", "likely", "presumed", "presumably",
        "presumptive", "differential diagnosis", "ddx", "cannot rule out", "can not rule out", "cannot exclude",
        "can not exclude", "consistent with", "compatible with", "suggestive of", "suggesting", "suggests",
        "worrisome for", "equivocal", "working diagnosis", "at risk for", "risk of", "if", "whether", "unclear",
        "versus", "vs", "impression of", "screening for", "screened for", "tested for", "test for", "testing for",
    ];

    private static readonly string[] PostUncertain =
    [
        "is possible", "was possible", "was suspected", "is suspected", "were suspected", "suspected", "is likely",
        "was likely", "cannot be excluded", "can not be excluded", "could not be excluded", "cannot be ruled out",
        "can not be ruled out", "could not be ruled out", "not excluded", "not ruled out", "not been ruled out",
        "is questioned", "was questioned", "is probable", "was probable", "to be ruled out", "to be excluded",
    ];

    private static readonly string[] PreHistorical =
    [
        "history of", "hx of", "h/o", "past history of", "past medical history of", "past medical history",
        "medical history of", "personal history of", "past history", "pmh", "pmhx", "pmh of", "previous",
        "previously", "prior", "prior history of", "status post", "s/p", "formerly", "remote history of",
        "history significant for", "history notable for",
    ];

    private static readonly string[] PostHistorical =
    [
        "in the past", "years ago", "months ago", "previously", "in childhood", "as a child", "during childhood",
        "years earlier", "years before", "in his youth", "in her youth",
    ];

    private static readonly string[] Relatives =
    [
        "mother", "father", "sister", "brother", "sibling", "siblings", "parent", "parents", "grandmother",
        "grandfather", "grandparent", "grandparents", "aunt", "uncle", "cousin", "daughter", "son", "twin",
        "mom", "dad", "sisters", "brothers", "aunts", "uncles", "cousins", "daughters", "sons", "relatives",
        "relative",
    ];

    private static readonly string[] RelativeVerbs =
    [
        "had", "has", "have", "with", "died of", "died from", "diagnosed with", "suffered from", "suffers from",
        "history of", "hx of", "was diagnosed with", "is diagnosed with", "suffered", "suffers",
    ];

    private static readonly string[] PreFamily =
    [
        "family history of", "family history", "fh", "fhx", "family hx", "familial history of", "family history is",
        "family history was", "family medical history", "family history significant for", "fh of", "fhx of",
    ];

    /// <summary>Every trigger by its first word, longest first.</summary>
    public static readonly IReadOnlyDictionary<string, (string[] Words, Kind Kind)[]> ByFirstWord = Build();

    private static Dictionary<string, (string[] Words, Kind Kind)[]> Build()
    {
        var all = new Dictionary<string, Kind>(StringComparer.Ordinal);
        void Add(IEnumerable<string> phrases, Kind kind)
        {
            foreach (var p in phrases)
            {
                // First definition wins so a phrase cannot silently change meaning by appearing twice.
                all.TryAdd(string.Join(' ', TextNormalizer.Words(p)), kind);
            }
        }

        var family = new List<string>(PreFamily);
        var postFamily = new List<string> { "in the family", "in family", "in his family", "in her family", "in their family" };
        foreach (var r in Relatives)
        {
            foreach (var v in RelativeVerbs)
            {
                family.Add($"{r} {v}");
            }

            foreach (var det in new[] { "his", "her", "the", "a", "their", "one" })
            {
                postFamily.Add($"in {det} {r}");
            }

            postFamily.Add($"in {r}");
        }

        Add(Pseudo, Kind.Pseudo);
        Add(family, Kind.PreFamily);
        Add(postFamily, Kind.PostFamily);
        Add(PreOrPostNegation, Kind.PreOrPostNeg);
        Add(PostUncertain, Kind.PostUncertain);
        Add(PreUncertain, Kind.PreUncertain);
        Add(PostNegation.Where(p => p.Contains(' ', StringComparison.Ordinal)), Kind.PostNeg);
        Add(PreNegation, Kind.PreNeg);
        Add(PreNegationOneWord, Kind.PreNegOneWord);
        Add(PostNegation, Kind.PostNeg);
        Add(PreHistorical, Kind.PreHistorical);
        Add(PostHistorical, Kind.PostHistorical);
        Add(Terminators, Kind.Terminator);

        return all
            .Select(kv => (Words: kv.Key.Split(' '), kv.Value))
            .GroupBy(t => t.Words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Words.Length).ToArray(), StringComparer.Ordinal);
    }
}
