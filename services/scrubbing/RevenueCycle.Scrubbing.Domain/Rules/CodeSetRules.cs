using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Edits;

namespace RevenueCycle.Scrubbing.Domain.Rules;

/// <summary>
/// The claim's codes against the code sets in force, with the same <see cref="CodeEdits"/> the coding service runs:
/// diagnoses valid and billable with their 7th characters, age and sex conflicts, manifestation first, Excludes1;
/// procedure codes and modifiers valid on each line's date; diagnosis pointers.
/// </summary>
public static class CodeSetRules
{
    public static void Check(Claim claim, Func<DateOnly, CodeSetView> codesOn, DateOnly claimDate, List<Finding> findings)
    {
        var codes = codesOn(claimDate);
        var patient = PatientContext.On(claim.Patient?.DateOfBirth, claim.Patient?.Sex ?? Sex.Unspecified, claimDate);
        if (!CodeEdits.Diagnoses(codes, patient, claim.Diagnoses, "claim.", findings))
        {
            return;
        }

        var cptNotLoaded = 0;
        for (var i = 0; i < claim.Lines.Count; i++)
        {
            var line = claim.Lines[i];
            var number = LineNumbers.Of(line, i);
            var path = $"claim.lines[{i}]";
            if (line.ProcedureCode.Trim().Length > 0)
            {
                var before = findings.Count;
                CodeEdits.Procedure(codesOn(line.ServiceDateFrom ?? claimDate), line.ProcedureCode, line.Modifiers, path, number, findings, "procedure_code");
                for (var k = findings.Count - 1; k >= before; k--)
                {
                    if (findings[k].RuleId == "PX-CPT-NOT-LOADED")
                    {
                        findings.RemoveAt(k);
                        cptNotLoaded++;
                    }
                }
            }

            if (claim.Type == ClaimType.Professional)
            {
                CodeEdits.Pointers(line.DiagnosisPointers, claim.Diagnoses.Count, path, number, codes.Version, findings);
            }
        }

        if (cptNotLoaded > 0)
        {
            // Once per claim rather than on every CPT line.
            findings.Add(new Finding("PX-CPT-NOT-LOADED", Severity.Info, Owner.Coding,
                $"{cptNotLoaded} CPT code{(cptNotLoaded == 1 ? " was" : "s were")} checked for shape only: no CPT file is loaded.", "claim.lines", [], codes.Version,
                "Load the licensed CPT file into the reference directory to check CPT codes."));
        }
    }
}
