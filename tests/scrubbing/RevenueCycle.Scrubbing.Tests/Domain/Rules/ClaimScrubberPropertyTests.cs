using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Scrubbing.Domain.Rules;
using static RevenueCycle.Scrubbing.Tests.Domain.Rules.SharedTables;
using RevenueCycle.Testing;

namespace RevenueCycle.Scrubbing.Tests.Domain.Rules;

/// <summary>
/// Properties of the whole engine on random claims built from codes that interact in the full NCCI tables: the order
/// of the lines never changes the findings, and an unrelated clean line never removes one. Seeded, so a failure
/// reproduces.
/// </summary>
[RequiresSharedData]
public sealed class ClaimScrubberPropertyTests
{
    private const int Claims = 300;

    private static readonly string[] Codes =
        ["20610", "20611", "99213", "99214", "29881", "29877", "11042", "11045", "97597", "73560", "73562", "A0425", "96372", "96374", "J1100", "0001A", "0591T", "G0439"];

    private static readonly string[] Modifiers = ["25", "59", "XS", "XU", "RT", "LT", "76", "57", "F1"];

    /// <summary>Codes that might be unrelated to a claim; each is checked against the tables before use.</summary>
    private static readonly string[] Candidates = ["81002", "87880", "36415", "G0008", "90471", "93000", "82947", "85025"];

    [Fact]
    public void LineOrder_NeverChangesTheFindings()
    {
        var random = new Random(20240815);
        for (var n = 0; n < Claims; n++)
        {
            var claim = RandomClaim(random);
            var shuffled = claim with { Lines = claim.Lines.OrderBy(_ => random.Next()).ToArray() };

            Assert.Equal(Projection(ClaimScrubber.Scrub(claim, Context), withMessage: true), Projection(ClaimScrubber.Scrub(shuffled, Context), withMessage: true));
        }
    }

    [Fact]
    public void AddingAnUnrelatedCleanLine_NeverRemovesAFinding()
    {
        var random = new Random(20240701);
        var added = 0;
        for (var n = 0; n < Claims; n++)
        {
            var claim = RandomClaim(random);
            if (Unrelated(claim) is not { } code)
            {
                continue;
            }

            var line = Line(code) with { LineNumber = (uint)claim.Lines.Count + 1, ServiceDateFrom = InQ3, ChargeCents = 4_321 };
            var before = Projection(ClaimScrubber.Scrub(claim, Context), withMessage: false);
            var after = Projection(ClaimScrubber.Scrub(claim with { Lines = [.. claim.Lines, line] }, Context), withMessage: false);

            Assert.Empty(before.Except(after));
            added++;
        }

        Assert.True(added > Claims / 2, $"only {added} claims had an unrelated code to add");
    }

    private static Claim RandomClaim(Random random)
    {
        var lines = new ServiceLine[random.Next(1, 7)];
        for (var i = 0; i < lines.Length; i++)
        {
            var modifiers = Enumerable.Range(0, random.Next(0, 3)).Select(_ => Modifiers[random.Next(Modifiers.Length)]).Distinct().ToArray();
            lines[i] = Line(Codes[random.Next(Codes.Length)], modifiers) with
            {
                LineNumber = (uint)(i + 1),
                Units = (uint)random.Next(1, 4),
                ChargeCents = 1_000 * random.Next(1, 4), // repeats on purpose: exact duplicates happen
                ServiceDateFrom = random.Next(5) == 0 ? InQ3.AddDays(1) : InQ3,
                DiagnosisPointers = random.Next(10) == 0 ? [3] : [1],
            };
        }

        return Claim(null) with { Lines = lines };
    }

    /// <summary>A candidate code with no PTP edit against any code on the claim, not an add-on and no add-on's primary.</summary>
    private static string? Unrelated(Claim claim)
    {
        var release = Context.ReferenceData.For(InQ3).Ncci!;
        var codes = claim.Lines.Select(l => l.ProcedureCode).ToHashSet();
        return Candidates.FirstOrDefault(candidate =>
            !codes.Contains(candidate)
            && !release.AddOns!.IsAddOn(candidate)
            && !codes.Any(c => release.AddOns.Find(c) is { } edit && edit.Primaries.Contains(candidate))
            && !codes.Any(c => release.PtpPractitioner!.Find(c, candidate).Any() || release.PtpPractitioner.Find(candidate, c).Any()));
    }

    private static List<string> Projection(IEnumerable<Finding> findings, bool withMessage) => findings
        .Select(f => $"{f.RuleId}|{f.Severity}|{f.Owner}|{string.Join(',', f.LineNumbers.Order())}|{f.Source}{(withMessage ? "|" + f.Message : "")}")
        .Order(StringComparer.Ordinal)
        .ToList();
}
