using RevenueCycle.Posting.Domain.Model;

namespace RevenueCycle.Posting.Domain.Rules;

/// <summary>How one paid service line was tied to a submitted line, or why it was not.</summary>
public sealed record LineMatch(LinePayment Line, SubmittedLine? Submitted, string How)
{
    public bool Matched => Submitted is not null;
}

/// <summary>
/// Ties the payer's service lines (835 SVC) to the submitted lines: by the REF*6R line item control number we sent;
/// else by procedure, date of service and modifiers, where a payer that reorders modifiers still matches exactly and
/// one that drops some still matches the line whose modifiers include the rest. Each submitted line is taken once,
/// so two identical lines paid separately match one each. What cannot be tied is reported with the reason.
/// </summary>
public static class LineMatcher
{
    public const string ByControlNumber = "REF*6R";
    public const string ByProcedure = "procedure, modifiers and date";
    public const string ModifiersDropped = "procedure and date; the payer dropped modifiers";
    public const string ModifiersDiffer = "procedure and date; the only candidate, modifiers differ";

    public static IReadOnlyList<LineMatch> Match(IReadOnlyList<LinePayment> paid, SubmittedClaim claim)
    {
        var taken = new HashSet<SubmittedLine>(ReferenceEqualityComparer.Instance);
        var matches = new LineMatch[paid.Count];
        // Control numbers first, so a line matched by procedure cannot take a line another one names.
        for (var i = 0; i < paid.Count; i++)
        {
            var licn = paid[i].LineItemControlNumber.Trim();
            if (licn.Length > 0 && claim.Lines.FirstOrDefault(l => l.LineItemControlNumber == licn && !taken.Contains(l)) is { } named)
            {
                taken.Add(named);
                matches[i] = new LineMatch(paid[i], named, ByControlNumber);
            }
        }

        for (var i = 0; i < paid.Count; i++)
        {
            matches[i] ??= ByContent(paid[i], claim, taken);
        }

        return matches;
    }

    private static LineMatch ByContent(LinePayment line, SubmittedClaim claim, HashSet<SubmittedLine> taken)
    {
        var modifiers = Normalize(line.Modifiers);
        var candidates = claim.Lines.Where(l => !taken.Contains(l)
            && string.Equals(l.ProcedureCode, line.ProcedureCode, StringComparison.OrdinalIgnoreCase)
            && (line.ServiceDate is null || l.ServiceDate is null || l.ServiceDate == line.ServiceDate)).ToList();
        var exact = candidates.FirstOrDefault(l => Normalize(l.Modifiers).SetEquals(modifiers));
        var (submitted, how) = exact is not null ? (exact, ByProcedure)
            : candidates.FirstOrDefault(l => modifiers.IsSubsetOf(Normalize(l.Modifiers))) is { } dropped ? (dropped, ModifiersDropped)
            : candidates.Count == 1 ? (candidates[0], ModifiersDiffer)
            : (null, candidates.Count == 0
                ? $"no submitted line of the claim has procedure {line.ProcedureCode}{(line.ServiceDate is { } d ? $" on {d:yyyy-MM-dd}" : "")}"
                : $"{candidates.Count} submitted lines with procedure {line.ProcedureCode} could be it and their modifiers do not tell");
        if (submitted is not null)
        {
            taken.Add(submitted);
        }

        var named = line.LineItemControlNumber.Trim();
        return new LineMatch(line, submitted, submitted is not null && named.Length > 0 ? $"{how} (REF*6R {named} is not a line of the claim)" : how);
    }

    private static HashSet<string> Normalize(IReadOnlyList<string> modifiers) =>
        modifiers.Select(m => m.Trim().ToUpperInvariant()).Where(m => m.Length > 0).ToHashSet(StringComparer.Ordinal);
}
