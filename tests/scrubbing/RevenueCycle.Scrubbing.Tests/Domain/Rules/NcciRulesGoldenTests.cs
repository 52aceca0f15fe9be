using RevenueCycle.BuildingBlocks.Claims;
using static RevenueCycle.Scrubbing.Tests.Domain.Rules.SharedTables;
using RevenueCycle.Testing;

namespace RevenueCycle.Scrubbing.Tests.Domain.Rules;

/// <summary>Golden cases from real rows of the full NCCI 2024Q3 practitioner tables in ../shared/data/ncci.</summary>
[RequiresSharedData]
public sealed class NcciRulesGoldenTests
{
    [Fact]
    public void Ptp_IndicatorZeroPair_RejectsTheColumnTwoLineWhateverTheModifier()
    {
        // 29881,29877,,0,3: knee arthroscopy with meniscectomy includes the debridement.
        foreach (var modifier in new[] { "", "59", "XS", "RT" })
        {
            var findings = Ncci(Scrub(Line("29881"), modifier.Length == 0 ? Line("29877") : Line("29877", modifier)));

            var finding = Assert.Single(findings);
            Assert.Equal(("NCCI-PTP", Severity.Reject, Owner.Coding), (finding.RuleId, finding.Severity, finding.Owner));
            Assert.Equal("NCCI PTP practitioner 2024Q3: 29881 / 29877, modifier indicator 0", finding.Source);
            Assert.Equal("claim.lines[1].procedure_code", finding.Field);
            Assert.Equal([1u, 2u], finding.LineNumbers);
            Assert.StartsWith("Remove 29877", finding.Fix);
        }
    }

    [Fact]
    public void Ptp_IndicatorOneEmWithProcedure_NeedsModifier25OnTheEm()
    {
        // 20610,99213,,1,1: an E/M the same day as a joint injection.
        var without = Assert.Single(Ncci(Scrub(Line("20610"), Line("99213"))));
        var with25 = Assert.Single(Ncci(Scrub(Line("20610"), Line("99213", "25"))));
        var with59 = Assert.Single(Ncci(Scrub(Line("20610"), Line("99213", "59"))));

        Assert.Equal((Severity.Reject, "NCCI PTP practitioner 2024Q3: 20610 / 99213, modifier indicator 1"), (without.Severity, without.Source));
        Assert.Contains("Append 25 to 99213", without.Fix);
        Assert.Equal(("NCCI-PTP-BYPASSED", Severity.Info), (with25.RuleId, with25.Severity));
        Assert.Contains("modifier 25", with25.Message);
        Assert.Equal(Severity.Reject, with59.Severity); // 59 does not apply to an E/M
        Assert.Contains("Modifier 59 does not apply to an E/M", with59.Fix);
    }

    /// <summary>
    /// Indicator-1 pairs as the NCCI Policy Manual (chapter I, section E) applies them: an NCCI-associated modifier
    /// bypasses the edit on either code of the pair when it applies to the pair — 25/57/24 on the E/M of an
    /// E/M-procedure pair; 59, XE/XP/XS/XU, 58, 78, 79 and 91 on a procedure, never on an E/M; 27 between two E/M
    /// visits; anatomic modifiers when the two lines name different sites, whichever line carries them. A modifier on
    /// the column one code bypasses too, with an info finding for payers that look on the column two code only.
    /// Expected: "reject", "bypass" (by the modifier named) or "bypass on column one".
    /// </summary>
    [Theory]
    // 11042,97597,,1,1: debridement of the same wound (two procedures).
    [InlineData("11042", "", "97597", "", "reject", "")]
    [InlineData("11042", "", "97597", "XS", "bypass", "XS")]
    [InlineData("11042", "", "97597", "59", "bypass", "59")]
    [InlineData("11042", "XS", "97597", "", "bypass on column one", "XS")]
    [InlineData("11042", "59", "97597", "", "bypass on column one", "59")]
    [InlineData("11042", "XE", "97597", "", "bypass on column one", "XE")]
    [InlineData("11042", "XP", "97597", "", "bypass on column one", "XP")]
    [InlineData("11042", "XU", "97597", "", "bypass on column one", "XU")]
    [InlineData("11042", "58", "97597", "", "bypass on column one", "58")]
    [InlineData("11042", "", "97597", "78", "bypass", "78")]
    [InlineData("11042", "79", "97597", "", "bypass on column one", "79")]
    [InlineData("11042", "", "97597", "91", "bypass", "91")]
    [InlineData("11042", "25", "97597", "", "reject", "")] // 25 belongs on an E/M
    [InlineData("11042", "", "97597", "57", "reject", "")]
    [InlineData("11042", "", "97597", "27", "reject", "")] // 27 is for two E/M visits
    [InlineData("11042", "", "97597", "50", "reject", "")] // bilateral is not an NCCI bypass
    [InlineData("11042", "RT", "97597", "", "bypass", "RT")]
    [InlineData("11042", "", "97597", "RT", "bypass", "RT")]
    [InlineData("11042", "RT", "97597", "RT", "reject", "")]
    [InlineData("11042", "LT", "97597", "RT", "bypass", "RT")]
    // 73562,73560,,1,5: knee X-rays; two knees are two services, one knee is one.
    [InlineData("73562", "LT", "73560", "RT", "bypass", "RT")]
    [InlineData("73562", "LT", "73560", "LT", "reject", "")]
    [InlineData("73562", "LT", "73560", "", "bypass", "LT")]
    [InlineData("73562", "", "73560", "LT", "bypass", "LT")]
    [InlineData("73562", "F1", "73560", "F2", "bypass", "F2")]
    [InlineData("73562", "F1", "73560", "F1", "reject", "")]
    // 20610,99213,,1,1: a joint injection and an E/M the same day.
    [InlineData("20610", "", "99213", "25", "bypass", "25")]
    [InlineData("20610", "", "99213", "57", "bypass", "57")]
    [InlineData("20610", "", "99213", "24", "bypass", "24")]
    [InlineData("20610", "XS", "99213", "", "bypass", "XS")] // on the procedure, which here is column one
    [InlineData("20610", "25", "99213", "", "reject", "")] // 25 on the procedure does not apply
    [InlineData("20610", "", "99213", "59", "reject", "")] // 59 never applies to an E/M
    [InlineData("20610", "", "99213", "XU", "reject", "")]
    // 99214,99213,,1,3: two E/M visits are one, except in separate hospital clinics.
    [InlineData("99214", "", "99213", "27", "bypass", "27")]
    [InlineData("99214", "27", "99213", "", "bypass", "27")]
    [InlineData("99214", "", "99213", "25", "reject", "")]
    [InlineData("99214", "59", "99213", "", "reject", "")]
    // 29881,29877,,0,3: indicator 0, whatever the modifier and wherever it is.
    [InlineData("29881", "59", "29877", "", "reject", "")]
    [InlineData("29881", "", "29877", "XS", "reject", "")]
    [InlineData("29881", "RT", "29877", "LT", "reject", "")]
    public void Ptp_ModifierOnEitherLine_BypassesWhenItAppliesToThePair(string code1, string modifier1, string code2, string modifier2, string expected, string modifier)
    {
        var findings = Ncci(Scrub(Line(code1, Modifiers(modifier1)), Line(code2, Modifiers(modifier2))));

        switch (expected)
        {
            case "reject":
                var reject = Assert.Single(findings);
                Assert.Equal(("NCCI-PTP", Severity.Reject), (reject.RuleId, reject.Severity));
                break;
            case "bypass":
                var bypass = Assert.Single(findings);
                Assert.Equal(("NCCI-PTP-BYPASSED", Severity.Info), (bypass.RuleId, bypass.Severity));
                Assert.Contains($"modifier {modifier} on line", bypass.Message);
                break;
            default:
                Assert.Equal(["NCCI-PTP-BYPASSED", "NCCI-PTP-MODIFIER-COLUMN-ONE"], findings.Select(f => f.RuleId).Order(StringComparer.Ordinal));
                Assert.All(findings, f => Assert.Equal(Severity.Info, f.Severity));
                var columnOne = findings.Single(f => f.RuleId == "NCCI-PTP-MODIFIER-COLUMN-ONE");
                Assert.Equal("claim.lines[0].modifiers", columnOne.Field);
                Assert.Contains($"move {modifier} to {code2}", columnOne.Fix);
                break;
        }
    }

    private static string[] Modifiers(string modifier) => modifier.Length == 0 ? [] : [modifier];

    [Fact]
    public void Ptp_AnatomicModifiers_BypassOnlyForDifferentSites()
    {
        // 73562,73560,,1,5: knee X-rays; two knees are two services.
        var differentKnees = Assert.Single(Ncci(Scrub(Line("73562", "LT"), Line("73560", "RT"))));
        var sameKnee = Assert.Single(Ncci(Scrub(Line("73562", "LT"), Line("73560", "LT"))));

        Assert.Equal("NCCI-PTP-BYPASSED", differentKnees.RuleId);
        Assert.Equal(("NCCI-PTP", Severity.Reject), (sameKnee.RuleId, sameKnee.Severity));
    }

    [Fact]
    public void Ptp_TwoEmVisits_AreOneVisitForThePractitioner()
    {
        // 99214,99213,,1,3.
        var finding = Assert.Single(Ncci(Scrub(Line("99214"), Line("99213", "25"))));

        Assert.Equal(Severity.Reject, finding.Severity);
        Assert.StartsWith("Report one E/M for the day", finding.Fix);
    }

    [Fact]
    public void Ptp_DeletedEdit_FiresBeforeItsDeletionDateOnly()
    {
        // 0001A,0591T,20231231,1,1: deleted at the end of 2023.
        var before = ClaimScrubberFor(new DateOnly(2023, 12, 15), Line("0001A"), Line("0591T"));
        var after = ClaimScrubberFor(new DateOnly(2024, 1, 2), Line("0001A"), Line("0591T"));

        Assert.Contains(before, f => f is { RuleId: "NCCI-PTP", Severity: Severity.Reject });
        Assert.DoesNotContain(after, f => f.RuleId.StartsWith("NCCI-PTP", StringComparison.Ordinal));
    }

    [Fact]
    public void Ptp_DifferentDaysOrProviders_AreNotPaired()
    {
        var claim = Claim(null, Line("20610"), Line("99213"));
        var nextDay = claim with { Lines = [claim.Lines[0], claim.Lines[1] with { ServiceDateFrom = InQ3.AddDays(1) }] };
        var otherProvider = claim with { Lines = [claim.Lines[0], claim.Lines[1] with { RenderingProvider = Testing.Samples.BillingProvider() with { Npi = "1245319599" } }] };

        Assert.DoesNotContain(Scrubbing.Domain.Rules.ClaimScrubber.Scrub(nextDay, Context), f => f.RuleId.StartsWith("NCCI-PTP", StringComparison.Ordinal));
        Assert.DoesNotContain(Scrubbing.Domain.Rules.ClaimScrubber.Scrub(otherProvider, Context), f => f.RuleId.StartsWith("NCCI-PTP", StringComparison.Ordinal));
    }

    [Fact]
    public void Mue_Mai1_CountsEachLine()
    {
        // A0425,250,1: ground ambulance mileage, 250 a line.
        var over = Assert.Single(Ncci(Scrub(Line("A0425") with { Units = 251 })));
        var split = Ncci(Scrub(Line("A0425") with { Units = 200 }, Line("A0425") with { Units = 200 }));

        Assert.Equal(("NCCI-MUE", "NCCI MUE practitioner 2024Q3: A0425, MUE 250, MAI 1", "claim.lines[0].units"), (over.RuleId, over.Source, over.Field));
        Assert.Empty(split);
    }

    [Fact]
    public void Mue_Mai2_IsAbsolutePerDay()
    {
        // 11042,1,2: one unit a day, by CPT instruction.
        var finding = Assert.Single(Ncci(Scrub(Line("11042"), Line("11042", "XS"))));

        Assert.Equal([1u, 2u], finding.LineNumbers);
        Assert.Contains("cannot be appealed", finding.Message);
        Assert.Contains("MAI 2", finding.Source);
    }

    [Fact]
    public void Mue_Mai3_IsPerDayAndAppealable()
    {
        // 20610,2,3: two joint injections a day on clinical data.
        var within = Ncci(Scrub(Line("20610", "RT"), Line("20610", "LT")));
        var over = Assert.Single(Ncci(Scrub(Line("20610", "RT") with { Units = 2 }, Line("20610", "LT"))));

        Assert.Empty(within);
        Assert.Contains("3 units of 20610", over.Message);
        Assert.Contains("appeal", over.Message);
    }

    [Fact]
    public void Mue_DmeSupplier_UsesTheDmeSupplierTable()
    {
        var claim = Claim(null, Line("E0114") with { Units = 3 });
        var supplier = claim with { BillingProvider = claim.BillingProvider! with { TaxonomyCode = "332B00000X" } };

        var finding = Assert.Single(Ncci(Scrubbing.Domain.Rules.ClaimScrubber.Scrub(supplier, Context)), f => f.RuleId == "NCCI-MUE");

        Assert.StartsWith("NCCI MUE DME supplier 2024Q3: E0114", finding.Source);
    }

    [Fact]
    public void AddOn_Type1_NeedsItsPrimaryTheSameDay()
    {
        // 11042,11045,1: each additional 20 sq cm of debridement.
        var alone = Assert.Single(Ncci(Scrub(Line("11045"))));
        var withPrimary = Ncci(Scrub(Line("11042"), Line("11045")));

        Assert.Equal(("NCCI-AOC", Severity.Reject, "NCCI add-on codes 2024Q3: 11045, edit type 1"), (alone.RuleId, alone.Severity, alone.Source));
        Assert.Contains("11042", alone.Message);
        Assert.Empty(withPrimary);
    }

    [Fact]
    public void AddOn_Types2And3_Warn()
    {
        var typeTwo = Assert.Single(Ncci(Scrub(Line("0054T"))));          // CCCCC: no listed primary
        var typeThree = Assert.Single(Ncci(Scrub(Line("96160"), Line("G0439")))); // listed primaries are new-patient visits

        Assert.Equal((Severity.Warning, "NCCI add-on codes 2024Q3: 0054T, edit type 2"), (typeTwo.Severity, typeTwo.Source));
        Assert.Equal((Severity.Warning, "NCCI add-on codes 2024Q3: 96160, edit type 3"), (typeThree.Severity, typeThree.Source));
    }

    [Fact]
    public void OutpatientHospitalClaim_WithoutThatTable_SaysSoRatherThanPassing()
    {
        var claim = Claim(null, Line("20610"), Line("99213")) with
        {
            Type = ClaimType.Institutional, PlaceOfService = "",
            Institutional = new InstitutionalInfo("0131", null, "", "", "", null, "", "01", null, ""),
        };

        var findings = Scrubbing.Domain.Rules.ClaimScrubber.Scrub(claim with { Lines = claim.Lines.Select(l => l with { RevenueCode = "0450" }).ToArray() }, Context);

        var missing = Assert.Single(findings, f => f.RuleId == "NCCI-NOT-LOADED");
        Assert.Contains("NCCI PTP outpatient hospital 2024Q3", missing.Message);
        Assert.DoesNotContain(findings, f => f.RuleId == "NCCI-PTP");
    }

    [Fact]
    public void ClaimMissingEverything_GetsFindingsNeverAnException()
    {
        var empty = new Claim("", ClaimType.Unspecified, "", ClaimFrequency.Unspecified, "", "", "", null, null, null, null, null, null, "", "", [],
            [new ServiceLine(0, "", [], 0, 0, "", [], "", null, null, null, null, ""), new ServiceLine(0, "9", ["???", ""], 0, -1, "x", [0, 99], "", InQ3, InQ3.AddDays(-3), null, null, "")], 0, null, "");

        var findings = Scrubbing.Domain.Rules.ClaimScrubber.Scrub(empty, Context);

        Assert.Contains(findings, f => f.RuleId == "BP-REQUIRED");
        Assert.Contains(findings, f => f.RuleId == "LN-DOS-RANGE");
        Assert.Contains(findings, f => f.RuleId == "PX-FORMAT");
        Assert.Contains(findings, f => f.RuleId == "MOD-FORMAT");
        Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Fix)));
    }

    private static List<Finding> ClaimScrubberFor(DateOnly dateOfService, params ServiceLine[] lines) =>
        Scrubbing.Domain.Rules.ClaimScrubber.Scrub(Claim(dateOfService, lines), Context with { Today = dateOfService.AddDays(10) });
}
