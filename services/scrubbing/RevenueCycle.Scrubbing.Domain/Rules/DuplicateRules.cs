using System.Security.Cryptography;
using System.Text;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.ReferenceData.Edits;

namespace RevenueCycle.Scrubbing.Domain.Rules;

/// <summary>One line's exact-duplicate key: a hash, because the fields it covers include the member id.</summary>
public readonly record struct DuplicateKey(int Index, uint LineNumber, string Hash);

/// <summary>
/// Medicare's exact-duplicate rule for a service line: same beneficiary, same from and through dates, same type of
/// service, same procedure code, same place of service, same billed amount and same performing provider. Type of
/// service here is what the line's modifiers say of it: professional or technical component (26, TC) and the
/// anatomic site (LT, RT, F1 ...). Lines marked as repeats (76, 77, 91) are never duplicates.
/// </summary>
public static class DuplicateRules
{
    public const string Version = "Medicare exact-duplicate criteria (IOM 100-04 ch. 1 §120.2)";

    private static readonly HashSet<string> RepeatModifiers = ["76", "77", "91"];

    /// <summary>Each line's key, hashed for the store (the text carries the member id).</summary>
    public static IReadOnlyList<DuplicateKey> Keys(Claim claim) =>
        Texts(claim).Select(k => new DuplicateKey(k.Index, k.LineNumber, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(k.Text)), 0, 16))).ToArray();

    /// <summary>Lines of the same claim that are exact duplicates of each other (compared in memory, no hashing).</summary>
    public static void Check(Claim claim, List<Finding> findings)
    {
        var keys = Texts(claim);
        if (keys.Count < 2)
        {
            return;
        }

        foreach (var group in keys.GroupBy(k => k.Text, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var lines = group.Select(k => k.LineNumber).Order().ToArray();
            findings.Add(new Finding("DUP-LINE", Severity.Reject, Owner.Billing,
                $"Lines {string.Join(" and ", lines)} are the same service (same patient, dates, type of service, procedure, place of service, charge and performing provider); the payer denies all but one as exact duplicates.",
                $"claim.lines[{group.MinBy(k => k.LineNumber).Index}]", lines, Version,
                "Remove the repeated line or report the units on one line; if the service was truly repeated, add 76, 77 or 91, or the anatomic modifiers of the different sites."));
        }
    }

    private readonly record struct LineKey(int Index, uint LineNumber, string Text);

    private static List<LineKey> Texts(Claim claim)
    {
        var beneficiary = $"{claim.Payer?.PayerId.Trim()}|{claim.Subscriber?.MemberId.Trim().ToUpperInvariant()}|{claim.Patient?.PatientId.Trim()}";
        var keys = new List<LineKey>(claim.Lines.Count);
        for (var i = 0; i < claim.Lines.Count; i++)
        {
            var line = claim.Lines[i];
            var modifiers = line.Modifiers.Count == 0 ? [] : line.Modifiers.Select(m => m.Trim().ToUpperInvariant()).ToArray();
            if (line.ServiceDateFrom is not { } from || line.ProcedureCode.Trim().Length == 0 || modifiers.Any(RepeatModifiers.Contains))
            {
                continue;
            }

            var typeOfService = modifiers.Length == 0 ? "" : string.Join(',', modifiers.Where(m => m is "26" or "TC" || CodeEdits.AnatomicModifiers.Contains(m)).Order(StringComparer.Ordinal));
            var performer = line.RenderingProvider?.Npi ?? claim.RenderingProvider?.Npi ?? claim.BillingProvider?.Npi ?? "";
            var place = line.PlaceOfService.Length > 0 ? line.PlaceOfService : claim.PlaceOfService;
            var text = $"{beneficiary}|{from:yyyyMMdd}|{line.ServiceDateTo ?? from:yyyyMMdd}|{typeOfService}|{line.ProcedureCode.Trim().ToUpperInvariant()}|{place}|{line.ChargeCents}|{performer}";
            keys.Add(new LineKey(i, LineNumbers.Of(line, i), text));
        }

        return keys;
    }

    /// <summary>A line that repeats a service already billed on another claim.</summary>
    public static Finding AlreadyBilled(DuplicateKey key, string otherClaimId, uint otherLine) => new(
        "DUP-CLAIM", Severity.Reject, Owner.Billing,
        $"Line {key.LineNumber} repeats line {otherLine} of claim {otherClaimId}: same patient, dates, type of service, procedure, place of service, charge and performing provider.",
        $"claim.lines[{key.Index}]", [key.LineNumber], Version,
        $"Do not send the service twice: follow up on claim {otherClaimId}, or send a replacement (frequency 7) of it to change what was billed.");
}
