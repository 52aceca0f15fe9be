namespace RevenueCycle.Coding.Suggestion;

/// <summary>
/// A code the engine can suggest. <paramref name="Code"/> is ICD-10-CM without the dot (E119) or HCPCS Level II (J1100);
/// <paramref name="System"/> is <see cref="CodeSystems.Icd10Cm"/> or <see cref="CodeSystems.Hcpcs"/>.
/// <paramref name="Terms"/> are inclusion or index terms that also name the code (may be empty).
/// </summary>
public sealed record CodeDescriptor(string Code, string System, bool Billable, string Description, IReadOnlyList<string> Terms);

/// <summary>Where in the input text a suggestion was found: character offsets into the text passed to <c>CodeSuggester.Suggest</c>.</summary>
public sealed record EvidenceSpan(int Start, int Length);

/// <summary>
/// One suggested code, best first. <paramref name="Score"/> is a relative confidence in [0, 1] (comparable within one
/// note, not a probability). <paramref name="Evidence"/> locates the supporting words (empty when only similar
/// encounters support the code). <paramref name="Basis"/> says why in a few words: "mention" (the condition is
/// documented), "symptom", "history" (a personal history code, or a past condition with no apt one), "family history",
/// "uncertain" (a possible diagnosis kept under the inpatient rule), "learned term" (wording this organisation codes
/// this way) or "similar encounters".
/// </summary>
public sealed record CodeSuggestion(string Code, string System, string Description, double Score, IReadOnlyList<EvidenceSpan> Evidence, string Basis);

/// <summary>
/// Options for one suggestion call. <paramref name="Outpatient"/> applies the outpatient rule (uncertain diagnoses such as
/// "probable" or "rule out" are not coded, their symptoms are); inpatient coding codes them as if established.
/// </summary>
public sealed record SuggestOptions(int MaxResults = 10, bool Outpatient = true, bool IncludeHcpcs = true);

/// <summary>How a finding is asserted in its sentence.</summary>
public enum Assertion
{
    /// <summary>Present in the patient now.</summary>
    Affirmed,

    /// <summary>Denied or ruled out ("denies chest pain", "no evidence of pneumonia").</summary>
    Negated,

    /// <summary>Possible, probable, suspected or to be ruled out.</summary>
    Uncertain,

    /// <summary>The patient's past ("history of", "status post").</summary>
    Historical,

    /// <summary>A relative's condition ("mother had breast cancer").</summary>
    FamilyHistory,
}

/// <summary>The code system names used in <see cref="CodeDescriptor.System"/> and <see cref="CodeSuggestion.System"/>.</summary>
public static class CodeSystems
{
    /// <summary>ICD-10-CM diagnoses.</summary>
    public const string Icd10Cm = "ICD-10-CM";

    /// <summary>HCPCS Level II.</summary>
    public const string Hcpcs = "HCPCS";
}
