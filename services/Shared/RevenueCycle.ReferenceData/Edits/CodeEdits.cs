using System.Text.RegularExpressions;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Icd10Cm;
using RevenueCycle.ReferenceData.Mce;

namespace RevenueCycle.ReferenceData.Edits;

/// <summary>
/// The code edits coding and scrubbing share, so a code is judged by one set of rules wherever it is checked:
/// each diagnosis exists in the ICD-10-CM edition in force, is a billable leaf, has its 7th character and
/// placeholder X, passes the MCE age, sex and manifestation edits and no Excludes1 pair; each procedure exists
/// and is active; modifiers are valid for the procedure; pointers point at diagnoses. Every finding names the
/// field, the table and version it comes from, and the fix; none echoes PHI. Never throws on bad codes.
/// </summary>
public static partial class CodeEdits
{
    public const int MaxModifiers = 4;
    public const int MaxPointers = 4;

    /// <summary>Anatomic modifiers: sides, digits, eyelids and coronary arteries (NCCI-associated as well).</summary>
    public static readonly IReadOnlySet<string> AnatomicModifiers = new HashSet<string>(StringComparer.Ordinal)
    {
        "LT", "RT", "50", "E1", "E2", "E3", "E4", "FA", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9",
        "TA", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "LC", "LD", "LM", "RC", "RI",
    };

    /// <summary>E/M codes (CPT 99202-99499): where 25 and 57 belong and anatomic modifiers do not.</summary>
    public static bool IsEvaluationAndManagement(ReadOnlySpan<char> code) =>
        code.Length == 5 && code.StartsWith("99", StringComparison.Ordinal) && int.TryParse(code, out var n) && n is >= 99202 and <= 99499;

    [GeneratedRegex("^[A-Z][0-9][0-9A-Z]([0-9A-Z]{1,4})?$")]
    private static partial Regex IcdShape();

    [GeneratedRegex("^[0-9]{4}[0-9FTU]$")]
    private static partial Regex CptShape();

    [GeneratedRegex("^[A-V][0-9]{4}$")]
    private static partial Regex HcpcsShape();

    [GeneratedRegex("^[0-9A-Z]{2}$")]
    private static partial Regex ModifierShape();

    /// <summary>
    /// Checks the diagnoses (field paths <c>{prefix}diagnoses[i].code</c>). Returns false, with a finding, when no
    /// ICD-10-CM edition is loaded at all.
    /// </summary>
    public static bool Diagnoses(CodeSetView codes, PatientContext patient, IReadOnlyList<Diagnosis> diagnoses, string prefix, List<Finding> findings)
    {
        var icd = codes.Icd10Cm;
        var source = codes.Version;
        if (icd is null)
        {
            findings.Add(Finding("DX-NO-CODE-SET", Severity.Reject, "No ICD-10-CM edition is loaded.", $"{prefix}date_of_service", [], source, "Load the ICD-10-CM release in force."));
            return false;
        }

        if (!codes.Icd10CmCurrent)
        {
            findings.Add(Finding("DX-EDITION", Severity.Warning,
                $"The date of service is outside {icd.Version} ({icd.EffectiveFrom:yyyy-MM-dd} to {icd.EffectiveTo:yyyy-MM-dd}), the newest edition loaded; codes were checked against it.",
                $"{prefix}date_of_service", [], source, "Load the ICD-10-CM release in force on the date of service."));
        }

        var valid = new List<(int Index, string Code)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < diagnoses.Count; i++)
        {
            var field = $"{prefix}diagnoses[{i}].code";
            var code = Icd10CmEdition.Normalize(diagnoses[i].Code);
            if (!IcdShape().IsMatch(code))
            {
                findings.Add(Reject("DX-FORMAT", "The diagnosis is not shaped like an ICD-10-CM code.", field, source, "Enter a code such as E11.9."));
                continue;
            }

            if (!seen.Add(code))
            {
                findings.Add(Finding("DX-DUPLICATE", Severity.Warning, $"{Icd10CmEdition.WithDot(code)} is listed more than once.", field, [], source, "Remove the repeated diagnosis."));
                continue;
            }

            if (CheckDiagnosisCode(icd, code, field, source, findings))
            {
                valid.Add((i, code));
                CheckMce(codes.Mce, patient, code, i, field, findings);
            }
        }

        CheckExcludes1(icd, valid, prefix, findings);
        return true;
    }

    /// <summary>The procedure code on the date of service and its modifiers (field paths under <paramref name="path"/>).</summary>
    public static void Procedure(CodeSetView codes, string procedureCode, IReadOnlyList<string> modifiers, string path, uint line, List<Finding> findings, string codeField = "code")
    {
        var source = codes.Version;
        var code = procedureCode.Trim().ToUpperInvariant();
        uint[] lines = [line];
        if (CptShape().IsMatch(code))
        {
            if (codes.Cpt is null)
            {
                findings.Add(Finding("PX-CPT-NOT-LOADED", Severity.Info, $"CPT {code} was checked for its shape only: no CPT file is loaded.", $"{path}.{codeField}", lines, source, "Load the licensed CPT file to check CPT codes."));
            }
            else if (!codes.Cpt.Contains(code))
            {
                findings.Add(Reject("PX-UNKNOWN", $"CPT {code} is not in {codes.Cpt.Version}.", $"{path}.{codeField}", source, "Check the code against this year's CPT.", lines));
            }
        }
        else if (HcpcsShape().IsMatch(code))
        {
            var hcpcs = codes.Hcpcs?.Find(code);
            if (hcpcs is null)
            {
                findings.Add(Reject("PX-UNKNOWN", $"HCPCS {code} is not in {codes.Hcpcs?.Version ?? "any loaded HCPCS release"}.", $"{path}.{codeField}", source, "Check the code against the HCPCS release in force on the date of service.", lines));
            }
            else if (!hcpcs.ActiveOn(codes.DateOfService))
            {
                var when = hcpcs.Terminated is { } end && end < codes.DateOfService ? $"was terminated {end:yyyy-MM-dd}" : $"takes effect {hcpcs.Added:yyyy-MM-dd}";
                findings.Add(Reject("PX-INACTIVE", $"HCPCS {code} {when}: it is not valid on the date of service.", $"{path}.{codeField}", source, "Use the code in force on the date of service.", lines));
            }
        }
        else
        {
            findings.Add(Reject("PX-FORMAT", "The procedure is neither a CPT nor a HCPCS Level II code.", $"{path}.{codeField}", source, "Enter a five-character CPT or HCPCS code.", lines));
        }

        CheckModifiers(codes, code, modifiers, path, lines, source, findings);
    }

    /// <summary>A line's diagnosis pointers: at least one, at most four, each naming one of the diagnoses.</summary>
    public static void Pointers(IReadOnlyList<uint> pointers, int diagnosisCount, string path, uint line, string source, List<Finding> findings)
    {
        uint[] lines = [line];
        if (pointers.Count == 0)
        {
            findings.Add(Reject("PTR-REQUIRED", "The procedure points to no diagnosis.", $"{path}.diagnosis_pointers", source, "Point the line at the diagnosis that supports it.", lines));
        }

        if (pointers.Count > MaxPointers)
        {
            findings.Add(Reject("PTR-TOO-MANY", $"A line points to at most {MaxPointers} diagnoses.", $"{path}.diagnosis_pointers", source, "Keep the four most relevant pointers.", lines));
        }

        for (var p = 0; p < pointers.Count; p++)
        {
            if (pointers[p] < 1 || pointers[p] > diagnosisCount)
            {
                findings.Add(Reject("PTR-INVALID", $"Diagnosis pointer {pointers[p]} does not point to one of the {diagnosisCount} diagnoses.", $"{path}.diagnosis_pointers[{p}]", source,
                    "Use a pointer between 1 and the number of diagnoses.", lines));
            }
        }
    }

    /// <summary>Existence, billable leaf, 7th character and placeholder X. Returns whether the code is a valid billable code.</summary>
    private static bool CheckDiagnosisCode(Icd10CmEdition icd, string code, string field, string source, List<Finding> findings)
    {
        var display = Icd10CmEdition.WithDot(code);
        var entry = icd.Find(code);
        if (entry is { Billable: true })
        {
            return true;
        }

        // T14.90A typed for T14.90XA: the 7th character is there but the placeholder is not.
        if (entry is null && code.Length is >= 5 and < 7 && char.IsAsciiLetter(code[^1]))
        {
            var withPlaceholder = code[..^1].PadRight(6, 'X') + code[^1];
            if (icd.Find(withPlaceholder) is { Billable: true })
            {
                findings.Add(Reject("DX-PLACEHOLDER-X", $"{display} is missing its placeholder X: the code is {Icd10CmEdition.WithDot(withPlaceholder)}.",
                    field, source, $"Use {Icd10CmEdition.WithDot(withPlaceholder)}."));
                return false;
            }
        }

        var seventh = icd.Notes.SeventhCharacters(code);
        if (seventh is not null && code.Length < 7)
        {
            var examples = Completions(icd, code, seventh);
            var values = string.Join("; ", seventh.OrderBy(p => p.Key).Select(p => $"{p.Key} = {p.Value}"));
            findings.Add(Reject("DX-SEVENTH-CHARACTER", $"{display} needs a 7th character ({values}).{(examples.Count > 0 ? $" For example {string.Join(", ", examples)}." : "")}",
                field, $"{source} (tabular notes {icd.Notes.Version})", "Add the 7th character for the encounter; use placeholder X where the code is shorter than six characters."));
            return false;
        }

        if (entry is null)
        {
            findings.Add(Reject("DX-UNKNOWN", $"{display} is not in {icd.Version}.", field, source, "Check the code against the edition in force on the date of service."));
            return false;
        }

        var children = icd.BillableChildren(code, 8);
        var options = children.Count > 0 ? $" Valid codes include {string.Join(", ", children.Select(c => Icd10CmEdition.WithDot(c.Code)))}." : "";
        findings.Add(Reject("DX-NOT-BILLABLE", $"{display} is a category and needs more specificity.{options}", field, source,
            "Code to the highest specificity the documentation supports, or query the provider."));
        return false;
    }

    /// <summary>A few billable completions of a code that lacks its 7th character, for the message.</summary>
    private static IReadOnlyList<string> Completions(Icd10CmEdition icd, string code, IReadOnlyDictionary<char, string> seventh) =>
        seventh.Keys.Order().Select(c => code.PadRight(6, 'X') + c).Where(c => icd.Find(c) is { Billable: true }).Take(3).Select(Icd10CmEdition.WithDot).ToArray();

    private static void CheckMce(MceEdits mce, PatientContext patient, string code, int index, string field, List<Finding> findings)
    {
        if (mce.For(code) is not { } edit)
        {
            return;
        }

        var display = Icd10CmEdition.WithDot(code);
        var source = mce.Version;
        if (edit.Sex == SexEdit.MaleOnly && patient.Sex == Sex.Female || edit.Sex == SexEdit.FemaleOnly && patient.Sex == Sex.Male)
        {
            findings.Add(Reject("MCE-SEX", $"{display} is a {(edit.Sex == SexEdit.MaleOnly ? "male" : "female")}-only diagnosis and the patient's sex is recorded otherwise.",
                field, source, "Check the diagnosis and the patient's registered sex."));
        }

        if (edit.MinAge is { } min && edit.MaxAge is { } max && patient.AgeYears is { } age && (age < min || age > max))
        {
            findings.Add(Finding("MCE-AGE", Severity.Warning, $"{display} is for {edit.AgeRule} patients; the patient's age is outside that range.",
                field, [], source, "Check the diagnosis against the patient's age."));
        }

        if (edit.Manifestation && index == 0)
        {
            findings.Add(Reject("MCE-MANIFESTATION", $"{display} is a manifestation code and may not be the first-listed diagnosis.",
                field, source, "List the underlying condition first (\"code first\"), then the manifestation."));
        }
    }

    /// <summary>Pairs of the claim's diagnoses that an Excludes1 note says may not be reported together.</summary>
    private static void CheckExcludes1(Icd10CmEdition icd, List<(int Index, string Code)> diagnoses, string prefix, List<Finding> findings)
    {
        if (diagnoses.Count < 2)
        {
            return;
        }

        var reported = new HashSet<(int, int)>();
        foreach (var (index, code) in diagnoses)
        {
            foreach (var note in icd.Notes.For(code, TabularNotes.Excludes1))
            {
                foreach (var (otherIndex, other) in diagnoses)
                {
                    if (otherIndex == index || !note.References.Any(r => r.Matches(other)) || !reported.Add((Math.Min(index, otherIndex), Math.Max(index, otherIndex))))
                    {
                        continue;
                    }

                    findings.Add(Finding("DX-EXCLUDES1", Severity.Warning,
                        $"{Icd10CmEdition.WithDot(code)} has an Excludes1 note for {Icd10CmEdition.WithDot(other)} (\"{note.Text}\"): the two are not coded together.",
                        $"{prefix}diagnoses[{otherIndex}].code", [], $"{icd.Version} (tabular notes {icd.Notes.Version})",
                        "Keep the code the documentation supports; report both only if the conditions are unrelated (the Excludes1 exception)."));
                }
            }
        }
    }

    private static void CheckModifiers(CodeSetView codes, string code, IReadOnlyList<string> modifiers, string path, uint[] lines, string source, List<Finding> findings)
    {
        if (modifiers.Count > MaxModifiers)
        {
            findings.Add(Reject("MOD-TOO-MANY", $"A line carries at most {MaxModifiers} modifiers.", $"{path}.modifiers", source, "Keep the modifiers that affect payment first.", lines));
        }

        if (modifiers.Count == 0)
        {
            return;
        }

        var evaluationAndManagement = IsEvaluationAndManagement(code);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var m = 0; m < modifiers.Count; m++)
        {
            var modifier = modifiers[m].Trim().ToUpperInvariant();
            var field = $"{path}.modifiers[{m}]";
            if (!ModifierShape().IsMatch(modifier))
            {
                findings.Add(Reject("MOD-FORMAT", "The modifier is not two letters or digits.", field, source, "Enter a modifier such as 25 or LT.", lines));
                continue;
            }

            if (!seen.Add(modifier))
            {
                findings.Add(Finding("MOD-DUPLICATE", Severity.Warning, $"Modifier {modifier} is on the line twice.", field, lines, source, "Remove the repeated modifier."));
                continue;
            }

            var known = codes.FindModifier(modifier);
            if (known is null)
            {
                findings.Add(Finding("MOD-UNKNOWN", Severity.Warning, $"Modifier {modifier} is not in the loaded modifier lists.", field, lines, source, "Check the modifier is valid on the date of service."));
            }
            else if (!known.ActiveOn(codes.DateOfService))
            {
                findings.Add(Reject("MOD-INACTIVE", $"Modifier {modifier} is not valid on the date of service.", field, source, "Use a modifier in force on the date of service.", lines));
            }

            if (modifier is "25" or "57" && !evaluationAndManagement)
            {
                findings.Add(Reject("MOD-EM-ONLY", $"Modifier {modifier} applies only to evaluation and management services (99202-99499), not to {code}.",
                    field, source, $"Move {modifier} to the E/M line, or remove it.", lines));
            }

            if (evaluationAndManagement && (AnatomicModifiers.Contains(modifier) || modifier is "26" or "TC"))
            {
                findings.Add(Reject("MOD-NOT-FOR-EM", $"Modifier {modifier} does not apply to an evaluation and management service.",
                    field, source, "Remove the modifier from the E/M line.", lines));
            }
        }

        if (seen.Contains("LT") && seen.Contains("RT"))
        {
            findings.Add(Finding("MOD-LT-RT", Severity.Warning, "LT and RT are on the same line.", $"{path}.modifiers", lines, source,
                "Report modifier 50 for a bilateral procedure, or one line per side, as the payer requires."));
        }
    }

    private static Finding Reject(string rule, string message, string field, string source, string fix, IReadOnlyList<uint>? lines = null) =>
        Finding(rule, Severity.Reject, message, field, lines ?? [], source, fix);

    private static Finding Finding(string rule, Severity severity, string message, string field, IReadOnlyList<uint> lines, string source, string fix) =>
        new(rule, severity, Owner.Coding, message, field, lines, source, fix);
}
