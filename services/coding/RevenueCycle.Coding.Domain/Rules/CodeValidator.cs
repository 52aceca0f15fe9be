using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Coding.Domain.Model;
using RevenueCycle.Coding.Domain.UseCases;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Edits;
using RevenueCycle.ReferenceData.Icd10Cm;

namespace RevenueCycle.Coding.Domain.Rules;

/// <summary>
/// Checks an encounter's codes against the code sets in force on the date of service with the shared
/// <see cref="CodeEdits"/> (the scrubber runs the same ones), then flags combinations this payer denied before.
/// Never throws on bad codes.
/// </summary>
public static class CodeValidator
{
    public const int MaxDiagnoses = 12;

    public static IReadOnlyList<Finding> Validate(
        CodeSetView codes,
        PatientContext patient,
        IReadOnlyList<Diagnosis> diagnoses,
        IReadOnlyList<CodedProcedure> procedures,
        IReadOnlyList<DenialPattern>? denialHistory = null)
    {
        var findings = new List<Finding>();
        var source = codes.Version;
        if (!CodeEdits.Diagnoses(codes, patient, diagnoses, "", findings))
        {
            return findings;
        }

        if (diagnoses.Count == 0)
        {
            findings.Add(Reject("DX-REQUIRED", "At least one diagnosis is required.", "diagnoses", source, "Code the diagnosis the documentation supports."));
        }

        if (diagnoses.Count > MaxDiagnoses)
        {
            findings.Add(Reject("DX-TOO-MANY", $"A professional claim carries at most {MaxDiagnoses} diagnoses; {diagnoses.Count} were given.", "diagnoses", source, "Keep the diagnoses the procedures point to."));
        }

        for (var i = 0; i < procedures.Count; i++)
        {
            var procedure = procedures[i];
            var path = $"procedures[{i}]";
            var line = (uint)(i + 1);
            CodeEdits.Procedure(codes, procedure.Code, procedure.Modifiers, path, line, findings);
            if (procedure.Units == 0)
            {
                findings.Add(Reject("PX-UNITS", "Units must be at least 1.", $"{path}.units", source, "Enter the units of service.", [line]));
            }

            CodeEdits.Pointers(procedure.DiagnosisPointers, diagnoses.Count, path, line, source, findings);
        }

        CheckDenialHistory(denialHistory ?? [], diagnoses, procedures, findings);
        return findings;
    }

    public static bool HasRejects(IReadOnlyList<Finding> findings) => findings.Any(f => f.Severity == Severity.Reject);

    /// <summary>Warns when this payer recently denied the line's procedure with its modifier and a diagnosis it points to.</summary>
    private static void CheckDenialHistory(IReadOnlyList<DenialPattern> history, IReadOnlyList<Diagnosis> diagnoses, IReadOnlyList<CodedProcedure> procedures, List<Finding> findings)
    {
        for (var i = 0; i < procedures.Count; i++)
        {
            var procedure = procedures[i];
            var code = procedure.Code.Trim().ToUpperInvariant();
            var modifiers = procedure.Modifiers.Select(m => m.Trim().ToUpperInvariant()).DefaultIfEmpty(DenialStatistics.NoModifier).ToHashSet();
            var pointed = procedure.DiagnosisPointers.Where(p => p >= 1 && p <= diagnoses.Count).Select(p => Icd10CmEdition.Normalize(diagnoses[(int)p - 1].Code)).ToHashSet();
            // A pattern without a diagnosis (the claim's lines were not known) matches any diagnosis.
            foreach (var pattern in history.Where(h => h.ProcedureCode == code && modifiers.Contains(h.Modifier) && (h.DiagnosisCode.Length == 0 || pointed.Contains(h.DiagnosisCode))))
            {
                var with = pattern.Modifier == DenialStatistics.NoModifier ? "without a modifier" : $"with modifier {pattern.Modifier}";
                var and = pattern.DiagnosisCode.Length == 0 ? "" : $" and {Icd10CmEdition.WithDot(pattern.DiagnosisCode)}";
                findings.Add(Finding("DENIAL-HISTORY", Severity.Warning,
                    $"Payer {pattern.PayerId} denied {code} {with}{and} {Times(pattern.Count)} in the last {DenialStatistics.WindowDays} days (CARC {string.Join(", ", pattern.ReasonCodes)}).",
                    $"procedures[{i}]", [(uint)(i + 1)], "RevenueCycle denial history",
                    "Check the documentation supports this combination, or correct the codes before the claim goes out."));
            }
        }
    }

    private static string Times(int count) => count switch { 1 => "once", 2 => "twice", _ => $"{count} times" };

    private static Finding Reject(string rule, string message, string field, string source, string fix, IReadOnlyList<uint>? lines = null) =>
        Finding(rule, Severity.Reject, message, field, lines ?? [], source, fix);

    private static Finding Finding(string rule, Severity severity, string message, string field, IReadOnlyList<uint> lines, string source, string fix) =>
        new(rule, severity, Owner.Coding, message, field, lines, source, fix);
}
