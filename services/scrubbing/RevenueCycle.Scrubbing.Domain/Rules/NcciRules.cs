using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Edits;
using RevenueCycle.ReferenceData.Ncci;

namespace RevenueCycle.Scrubbing.Domain.Rules;

/// <summary>
/// The NCCI edits on the lines one provider performed for the patient on one day: procedure-to-procedure pairs
/// (indicator 0 never bypassed; 1 bypassed by an NCCI-associated modifier that applies to the pair, on either line of
/// it, as the NCCI Policy Manual allows; 9 not applied; deleted edits not applied after their deletion date), medically
/// unlikely units by MAI (1 per line, 2 and 3 per day) and add-on codes without their primary. Professional claims use
/// the practitioner tables (DME suppliers the DME supplier MUE table), institutional claims the outpatient hospital ones.
/// </summary>
public static class NcciRules
{
    /// <summary>On a procedure (not an E/M): distinct service (59, X{EPSU}), global surgery (58, 78, 79), repeat lab (91).</summary>
    private static readonly HashSet<string> ProcedureModifiers = ["59", "XE", "XS", "XP", "XU", "58", "78", "79", "91"];

    private static readonly HashSet<string> DistinctModifiers = ["59", "XE", "XS", "XP", "XU"];

    /// <summary>On the E/M of an E/M-versus-procedure pair: separately identifiable (25), decision for surgery (57), unrelated postoperative (24).</summary>
    private static readonly HashSet<string> EvaluationModifiers = ["25", "57", "24"];

    /// <summary>Two hospital outpatient E/M visits the same day in separate clinics.</summary>
    private const string SeparateClinics = "27";

    private readonly record struct Service(int Index, uint Number, string Code, string[] Modifiers, bool IsEvaluation, uint Units);

    public static void Check(Claim claim, Func<DateOnly, CodeSetView> codesOn, List<Finding> findings)
    {
        var groups = new Dictionary<(DateOnly, string), List<Service>>();
        for (var i = 0; i < claim.Lines.Count; i++)
        {
            var line = claim.Lines[i];
            var code = line.ProcedureCode.Trim().ToUpperInvariant();
            if (line.ServiceDateFrom is not { } date || code.Length != 5)
            {
                continue; // the claim-data edits report the missing date or code
            }

            var provider = line.RenderingProvider?.Npi ?? claim.RenderingProvider?.Npi ?? claim.BillingProvider?.Npi ?? "";
            if (!groups.TryGetValue((date, provider), out var services))
            {
                groups[(date, provider)] = services = [];
            }

            var modifiers = line.Modifiers.Count == 0 ? [] : line.Modifiers.Select(m => m.Trim().ToUpperInvariant()).ToArray();
            services.Add(new Service(i, LineNumbers.Of(line, i), code, modifiers, CodeEdits.IsEvaluationAndManagement(code), line.Units));
        }

        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ((date, _), services) in groups)
        {
            var release = codesOn(date).Ncci;
            if (release is null)
            {
                missing.Add("NCCI tables");
                continue;
            }

            var institutional = claim.Type == ClaimType.Institutional;
            // A DME supplier (NUCC taxonomy 332B...) bills under the DME supplier MUE table.
            var dmeSupplier = !institutional && claim.BillingProvider?.TaxonomyCode.StartsWith("332B", StringComparison.Ordinal) == true;
            var ptp = institutional ? release.PtpOutpatientHospital : release.PtpPractitioner;
            var mue = institutional ? release.MueOutpatientHospital : dmeSupplier ? release.MueDmeSupplier : release.MuePractitioner;
            if (ptp is null)
            {
                missing.Add($"NCCI PTP {(institutional ? "outpatient hospital" : "practitioner")} {release.Quarter}");
            }
            else
            {
                CheckPairs(services, ptp, date, findings);
            }

            if (mue is null)
            {
                missing.Add($"NCCI MUE {(institutional ? "outpatient hospital" : dmeSupplier ? "DME supplier" : "practitioner")} {release.Quarter}");
            }
            else
            {
                CheckUnits(services, mue, date, findings);
            }

            if (release.AddOns is { } addOns)
            {
                CheckAddOns(services, addOns, findings);
            }
        }

        if (missing.Count > 0)
        {
            findings.Add(new Finding("NCCI-NOT-LOADED", Severity.Warning, Owner.Billing,
                $"The claim was not checked against {string.Join(", ", missing)}: not loaded for its dates of service.", "claim.lines", [], "RevenueCycle scrubber",
                "Load the NCCI release for the quarter of the dates of service into the scrubber's reference directory."));
        }
    }

    private static void CheckPairs(List<Service> services, PtpTable ptp, DateOnly date, List<Finding> findings)
    {
        for (var i = 0; i < services.Count; i++)
        {
            for (var j = 0; j < services.Count; j++)
            {
                var (column1, column2) = (services[i], services[j]);
                if (i == j || column1.Code == column2.Code || !ptp.TryFindInForce(column1.Code, column2.Code, date, out var edit) || edit.Indicator == ModifierIndicator.NotApplicable)
                {
                    continue;
                }

                var source = $"{ptp.Version}: {column1.Code} / {column2.Code}, modifier indicator {(int)edit.Indicator}";
                var rationale = edit.RationaleId > 0 && edit.RationaleId < PtpReader.Rationales.Count ? PtpReader.Rationales[edit.RationaleId] : "NCCI edit";
                var what = $"{column2.Code} (line {column2.Number}) is not paid with {column1.Code} (line {column1.Number}) for the same patient, provider and day (rationale: {rationale})";
                uint[] lines = [Math.Min(column1.Number, column2.Number), Math.Max(column1.Number, column2.Number)];
                var field = $"claim.lines[{column2.Index}].modifiers";
                if (edit.Indicator == ModifierIndicator.NotAllowed)
                {
                    findings.Add(Reject("NCCI-PTP", what + "; no modifier allows both (modifier indicator 0).", $"claim.lines[{column2.Index}].procedure_code", lines, source,
                        $"Remove {column2.Code}: it is included in {column1.Code} and no modifier bypasses this edit."));
                    continue;
                }

                var bypass = Bypass(column1, column2);
                if (bypass.Modifier is { } modifier && bypass.Line is { } carrier)
                {
                    findings.Add(new Finding("NCCI-PTP-BYPASSED", Severity.Info, Owner.Coding,
                        $"{column2.Code} (line {column2.Number}) is paid with {column1.Code} (line {column1.Number}) only because of modifier {modifier} on line {carrier.Number}; the record must show a distinct service.",
                        $"claim.lines[{carrier.Index}].modifiers", lines, source, "Keep the documentation that supports the modifier; payers audit NCCI bypasses."));
                    if (carrier.Index == column1.Index && !column1.IsEvaluation && !column2.IsEvaluation && !CodeEdits.AnatomicModifiers.Contains(modifier))
                    {
                        // CMS takes the modifier on either code of the pair; some payers look for it on the column two code only.
                        findings.Add(new Finding("NCCI-PTP-MODIFIER-COLUMN-ONE", Severity.Info, Owner.Coding,
                            $"Modifier {modifier} is on {column1.Code} (line {column1.Number}), the column one code of the pair; CMS accepts it on either code, some payers only on the column two code {column2.Code}.",
                            $"claim.lines[{column1.Index}].modifiers", lines, source, $"If this payer wants the modifier on the column two code, move {modifier} to {column2.Code}."));
                    }
                }
                else
                {
                    findings.Add(Reject("NCCI-PTP", what + (bypass.Misplaced is null ? "." : $"; modifier {bypass.Misplaced} does not apply to this pair."), field, lines, source, Fix(column1, column2, bypass.Misplaced)));
                }
            }
        }
    }

    /// <summary>
    /// Whether an NCCI-associated modifier bypasses an indicator-1 edit: the modifier and the line carrying it, or a
    /// modifier on the pair that does not apply to it (for the message). The NCCI Policy Manual lets the modifier stand
    /// on either code of the pair; what it must do is apply: 25/57/24 to the E/M of an E/M-procedure pair, 59/X{EPSU},
    /// 58/78/79/91 to a procedure (never to an E/M), 27 to two E/M visits, and anatomic modifiers only when the two
    /// lines name different sites (LT against RT or none, F1 against F2; the same side on both does not bypass).
    /// </summary>
    private static (string? Modifier, Service? Line, string? Misplaced) Bypass(Service column1, Service column2)
    {
        Service[] pair = [column1, column2];
        if (column1.IsEvaluation != column2.IsEvaluation)
        {
            var (evaluation, procedure) = column1.IsEvaluation ? (column1, column2) : (column2, column1);
            if (evaluation.Modifiers.FirstOrDefault(EvaluationModifiers.Contains) is { } onEvaluation)
            {
                return (onEvaluation, evaluation, null);
            }

            if (procedure.Modifiers.FirstOrDefault(ProcedureModifiers.Contains) is { } onProcedure)
            {
                return (onProcedure, procedure, null);
            }

            return (null, null, evaluation.Modifiers.FirstOrDefault(m => DistinctModifiers.Contains(m) || m == SeparateClinics)
                ?? procedure.Modifiers.FirstOrDefault(m => EvaluationModifiers.Contains(m) || m == SeparateClinics));
        }

        // Two E/M services: one visit a day, except hospital outpatient E/M in separate clinics (27).
        if (column1.IsEvaluation)
        {
            return pair.FirstOrDefault(s => s.Modifiers.Contains(SeparateClinics)) is { Code: not null } clinic
                ? (SeparateClinics, clinic, null)
                : (null, null, pair.SelectMany(s => s.Modifiers).FirstOrDefault(m => DistinctModifiers.Contains(m) || EvaluationModifiers.Contains(m)));
        }

        // Two procedures: a distinct-service, global-surgery or repeat modifier on either line; anatomic modifiers
        // on either line that the other line does not carry (different sites). Bilateral 50 is not an NCCI bypass.
        foreach (var line in new[] { column2, column1 })
        {
            if (line.Modifiers.FirstOrDefault(ProcedureModifiers.Contains) is { } distinct)
            {
                return (distinct, line, null);
            }
        }

        foreach (var (line, other) in new[] { (column2, column1), (column1, column2) })
        {
            if (line.Modifiers.FirstOrDefault(m => CodeEdits.AnatomicModifiers.Contains(m) && m != "50" && !other.Modifiers.Contains(m)) is { } site)
            {
                return (site, line, null);
            }
        }

        return (null, null, pair.SelectMany(s => s.Modifiers).FirstOrDefault(m => EvaluationModifiers.Contains(m) || m == SeparateClinics || CodeEdits.AnatomicModifiers.Contains(m)));
    }

    private static string Fix(Service column1, Service column2, string? misplaced)
    {
        if (column1.IsEvaluation != column2.IsEvaluation)
        {
            var (evaluation, procedure) = column1.IsEvaluation ? (column1, column2) : (column2, column1);
            return $"Append 25 to {evaluation.Code} if the E/M was significant and separately identifiable from {procedure.Code} (57 if it was the decision for major surgery); otherwise remove {evaluation.Code}."
                + (misplaced is not null && DistinctModifiers.Contains(misplaced) ? $" Modifier {misplaced} does not apply to an E/M." : "");
        }

        if (column1.IsEvaluation)
        {
            return $"Report one E/M for the day: combine the work of {column1.Code} and {column2.Code} into the level the documentation supports.";
        }

        return (misplaced is not null && CodeEdits.AnatomicModifiers.Contains(misplaced) ? $"The same site ({misplaced}) on both lines is one service. " : "")
            + $"If {column2.Code} was distinct from {column1.Code} (separate encounter, structure, practitioner or non-overlapping service), append XE, XS, XP or XU (or 59), "
            + $"or anatomic modifiers naming different sites (e.g. LT/RT, F1-F9), to {column2.Code}; otherwise remove {column2.Code}.";
    }

    private static void CheckUnits(List<Service> services, MueTable mue, DateOnly date, List<Finding> findings)
    {
        foreach (var byCode in services.GroupBy(s => s.Code))
        {
            if (mue.Find(byCode.Key) is not { } edit)
            {
                continue;
            }

            var source = $"{mue.Version}: {edit.Code}, MUE {edit.MaxUnits}, MAI {(int)edit.Adjudication}";
            var why = edit.Rationale.Length > 0 ? $", {edit.Rationale}" : "";
            if (edit.MaxUnits == 0)
            {
                var lines = byCode.Select(s => s.Number).Order().ToArray();
                findings.Add(Reject("NCCI-MUE", $"{edit.Code} has an MUE of 0 for this provider type: it is not payable here ({why.TrimStart(',', ' ')}).", $"claim.lines[{byCode.MinBy(s => s.Number).Index}].procedure_code", lines, source,
                    $"Check the code; {edit.Code} is billed by another provider type or not at all."));
                continue;
            }

            if (edit.Adjudication == MueAdjudication.Line)
            {
                foreach (var service in byCode.Where(s => s.Units > edit.MaxUnits))
                {
                    findings.Add(Reject("NCCI-MUE", $"{edit.Code} on line {service.Number} reports {service.Units} units; the MUE is {edit.MaxUnits} per line (MAI 1{why}).",
                        $"claim.lines[{service.Index}].units", [service.Number], source,
                        $"Report the units the record supports; medically necessary units above {edit.MaxUnits} go on separate lines with a modifier that explains them (76, 77, 91 or anatomic)."));
                }

                continue;
            }

            var total = byCode.Sum(s => (long)s.Units);
            if (total > edit.MaxUnits)
            {
                var lines = byCode.Select(s => s.Number).Order().ToArray();
                var policy = edit.Adjudication == MueAdjudication.DatePolicy;
                findings.Add(Reject("NCCI-MUE",
                    $"{total} units of {edit.Code} on {date:yyyy-MM-dd}; the MUE is {edit.MaxUnits} a day (MAI {(int)edit.Adjudication}{why}): " +
                    (policy ? "units above it are never paid and the denial cannot be appealed." : "units above it are denied; records may support more on appeal."),
                    $"claim.lines[{byCode.MinBy(s => s.Number).Index}].units", lines, source,
                    policy ? $"Bill at most {Units(edit.MaxUnits)} of {edit.Code} for the day." : $"Bill at most {Units(edit.MaxUnits)}, or keep the records ready to appeal if more were medically necessary."));
            }
        }
    }

    private static void CheckAddOns(List<Service> services, AddOnCodeTable addOns, List<Finding> findings)
    {
        foreach (var service in services)
        {
            if (addOns.Find(service.Code) is not { } edit)
            {
                continue;
            }

            var source = $"{addOns.Version}: {service.Code}, edit type {edit.Type}";
            var primaries = edit.Primaries;
            var present = services.Any(s => s.Code != service.Code && primaries.Contains(s.Code));
            var listed = string.Join(", ", primaries.Order(StringComparer.Ordinal).Take(6)) + (primaries.Count > 6 ? $" and {primaries.Count - 6} more" : "");
            var field = $"claim.lines[{service.Index}].procedure_code";
            if (edit.Type == 1 && !present)
            {
                findings.Add(Reject("NCCI-AOC", $"Add-on code {service.Code} (line {service.Number}) is billed without one of its primary procedures on the same day by the same provider ({listed}).",
                    field, [service.Number], source, $"Add the primary procedure that was performed, or remove {service.Code}."));
            }
            else if (edit.Type == 3 && !present)
            {
                findings.Add(new Finding("NCCI-AOC", Severity.Warning, Owner.Coding,
                    $"Add-on code {service.Code} (line {service.Number}) is billed without any of its CMS-listed primaries ({listed}); the contractor may accept another primary.",
                    field, [service.Number], source, $"Check that the primary procedure performed with {service.Code} is billed and is accepted by this payer."));
            }
            else if (edit.Type == 2 && !services.Any(s => s.Code != service.Code && !addOns.IsAddOn(s.Code)))
            {
                findings.Add(new Finding("NCCI-AOC", Severity.Warning, Owner.Coding,
                    $"Add-on code {service.Code} (line {service.Number}) is billed with no primary procedure on the same day.",
                    field, [service.Number], source, $"Add the primary procedure that was performed, or remove {service.Code}."));
            }
        }
    }

    private static string Units(int count) => count == 1 ? "1 unit" : $"{count} units";

    private static Finding Reject(string rule, string message, string field, uint[] lines, string source, string fix) =>
        new(rule, Severity.Reject, Owner.Coding, message, field, lines, source, fix);
}
