using System.Text.RegularExpressions;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Coding.Domain.CodeSets;
using RevenueCycle.Coding.Domain.Model;

namespace RevenueCycle.Coding.Domain.Rules;

/// <summary>
/// Checks an encounter's diagnoses, procedures, modifiers and pointers against the code-set edition in force on
/// the date of service. Every finding names its rule, the field, the edition and the fix; none echoes PHI.
/// </summary>
public static partial class CodeValidator
{
    public const int MaxDiagnoses = 12;
    public const int MaxModifiers = 4;
    public const int MaxPointers = 4;

    [GeneratedRegex("^[A-Z][0-9][0-9A-Z]([0-9A-Z]{1,4})?$")]
    private static partial Regex IcdShape();

    [GeneratedRegex("^[0-9]{4}[0-9FTU]$")]
    private static partial Regex CptShape();

    [GeneratedRegex("^[A-V][0-9]{4}$")]
    private static partial Regex HcpcsShape();

    [GeneratedRegex("^[0-9A-Z]{2}$")]
    private static partial Regex ModifierShape();

    public static IReadOnlyList<Finding> Validate(CodeSet codes, IReadOnlyList<Diagnosis> diagnoses, IReadOnlyList<CodedProcedure> procedures)
    {
        var findings = new List<Finding>();
        var source = $"Code sets {codes.Version}";

        if (diagnoses.Count == 0)
        {
            findings.Add(Reject("DX-REQUIRED", "At least one diagnosis is required.", "diagnoses", source, "Code the diagnosis the documentation supports."));
        }

        if (diagnoses.Count > MaxDiagnoses)
        {
            findings.Add(Reject("DX-TOO-MANY", $"A claim carries at most {MaxDiagnoses} diagnoses; {diagnoses.Count} were given.", "diagnoses", source, "Keep the diagnoses the procedures point to."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < diagnoses.Count; i++)
        {
            var field = $"diagnoses[{i}].code";
            var code = CodeSet.Normalize(diagnoses[i].Code);
            if (!IcdShape().IsMatch(code))
            {
                findings.Add(Reject("DX-FORMAT", $"'{diagnoses[i].Code}' is not shaped like an ICD-10-CM code.", field, source, "Enter a code such as E11.9."));
                continue;
            }

            if (!seen.Add(code))
            {
                findings.Add(Finding("DX-DUPLICATE", Severity.Warning, $"{CodeSet.WithDot(code)} is listed more than once.", field, [], source, "Remove the repeated diagnosis."));
            }

            var entry = codes.Find(CodeSystem.Icd10Cm, code);
            if (entry is null)
            {
                findings.Add(Reject("DX-UNKNOWN", $"{CodeSet.WithDot(code)} is not in ICD-10-CM {codes.Version}.", field, source, "Check the code against the edition in force on the date of service."));
            }
            else if (!entry.Billable)
            {
                var children = codes.BillableChildren(code, 8);
                var options = children.Count > 0 ? $" Valid codes include {string.Join(", ", children)}." : "";
                findings.Add(Reject("DX-NOT-BILLABLE", $"{CodeSet.WithDot(code)} is a category and needs more specificity.{options}", field, source, "Code to the highest specificity the documentation supports, or query the provider."));
            }
        }

        for (var i = 0; i < procedures.Count; i++)
        {
            ValidateProcedure(codes, procedures[i], $"procedures[{i}]", (uint)(i + 1), diagnoses.Count, source, findings);
        }

        return findings;
    }

    public static bool HasRejects(IReadOnlyList<Finding> findings) => findings.Any(f => f.Severity == Severity.Reject);

    private static void ValidateProcedure(CodeSet codes, CodedProcedure procedure, string path, uint line, int diagnosisCount, string source, List<Finding> findings)
    {
        var code = CodeSet.Normalize(procedure.Code);
        uint[] lines = [line];
        if (CptShape().IsMatch(code))
        {
            if (codes.HasCpt && codes.Find(CodeSystem.Cpt, code) is null)
            {
                findings.Add(Reject("PX-UNKNOWN", $"CPT {code} is not in the loaded CPT file.", $"{path}.code", source, "Check the code against this year's CPT.", lines));
            }
            else if (!codes.HasCpt)
            {
                findings.Add(Finding("PX-CPT-NOT-LOADED", Severity.Info, $"CPT {code} was checked for shape only: no CPT file is loaded.", $"{path}.code", lines, source, "Load the licensed CPT file to check CPT codes."));
            }
        }
        else if (HcpcsShape().IsMatch(code))
        {
            if (codes.Find(CodeSystem.Hcpcs, code) is null)
            {
                findings.Add(Reject("PX-UNKNOWN", $"HCPCS {code} is not in HCPCS {codes.Version}.", $"{path}.code", source, "Check the code against the HCPCS file in force on the date of service.", lines));
            }
        }
        else
        {
            findings.Add(Reject("PX-FORMAT", $"'{procedure.Code}' is neither a CPT nor a HCPCS Level II code.", $"{path}.code", source, "Enter a five-character CPT or HCPCS code.", lines));
        }

        if (procedure.Units == 0)
        {
            findings.Add(Reject("PX-UNITS", "Units must be at least 1.", $"{path}.units", source, "Enter the units of service.", lines));
        }

        if (procedure.Modifiers.Count > MaxModifiers)
        {
            findings.Add(Reject("MOD-TOO-MANY", $"A line carries at most {MaxModifiers} modifiers.", $"{path}.modifiers", source, "Keep the modifiers that affect payment first.", lines));
        }

        for (var m = 0; m < procedure.Modifiers.Count; m++)
        {
            var modifier = procedure.Modifiers[m].Trim().ToUpperInvariant();
            if (!ModifierShape().IsMatch(modifier))
            {
                findings.Add(Reject("MOD-FORMAT", $"'{procedure.Modifiers[m]}' is not a two-character modifier.", $"{path}.modifiers[{m}]", source, "Enter a modifier such as 25 or LT.", lines));
            }
            else if (codes.Find(CodeSystem.Modifier, modifier) is null)
            {
                findings.Add(Finding("MOD-UNKNOWN", Severity.Warning, $"Modifier {modifier} is not in the modifier list {codes.Version}.", $"{path}.modifiers[{m}]", lines, source, "Check the modifier is valid for the date of service."));
            }
        }

        if (procedure.DiagnosisPointers.Count == 0)
        {
            findings.Add(Reject("PTR-REQUIRED", "The procedure points to no diagnosis.", $"{path}.diagnosis_pointers", source, "Point the line at the diagnosis that supports it.", lines));
        }

        if (procedure.DiagnosisPointers.Count > MaxPointers)
        {
            findings.Add(Reject("PTR-TOO-MANY", $"A line points to at most {MaxPointers} diagnoses.", $"{path}.diagnosis_pointers", source, "Keep the four most relevant pointers.", lines));
        }

        for (var p = 0; p < procedure.DiagnosisPointers.Count; p++)
        {
            var pointer = procedure.DiagnosisPointers[p];
            if (pointer < 1 || pointer > diagnosisCount)
            {
                findings.Add(Reject("PTR-INVALID", $"Diagnosis pointer {pointer} does not point to one of the {diagnosisCount} diagnoses.", $"{path}.diagnosis_pointers[{p}]", source, "Use a pointer between 1 and the number of diagnoses.", lines));
            }
        }
    }

    private static Finding Reject(string rule, string message, string field, string source, string fix, IReadOnlyList<uint>? lines = null) =>
        Finding(rule, Severity.Reject, message, field, lines ?? [], source, fix);

    private static Finding Finding(string rule, Severity severity, string message, string field, IReadOnlyList<uint> lines, string source, string fix) =>
        new(rule, severity, Owner.Coding, message, field, lines, source, fix);
}
