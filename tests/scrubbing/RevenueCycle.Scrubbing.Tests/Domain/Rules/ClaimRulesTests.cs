using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Scrubbing.Domain.Rules;
using RevenueCycle.Testing;

namespace RevenueCycle.Scrubbing.Tests.Domain.Rules;

public sealed class ClaimRulesTests
{
    private static Claim Clean() => Samples.Claim("C1") with { PatientControlNumber = "C1" };

    [Fact]
    public void Check_CleanClaim_HasNoFindings()
    {
        Assert.Empty(ClaimRules.Check(Clean()));
    }

    public static TheoryData<string, string, Owner> Defects() => new()
    {
        { "BP-NPI", "npi", Owner.Billing },
        { "BP-ZIP9", "zip5", Owner.Billing },
        { "BP-TAX-ID", "taxid", Owner.Billing },
        { "BP-TAXONOMY", "taxonomy", Owner.Billing },
        { "SUB-ID", "member", Owner.FrontEnd },
        { "PAYER-ID", "payer", Owner.Billing },
        { "CLM-POS", "pos", Owner.Billing },
        { "CLM-FREQ-ICN", "replacement", Owner.Billing },
        { "CLM-TOTAL", "total", Owner.Billing },
        { "LN-CHARGE", "charge", Owner.Billing },
        { "LN-UNITS", "units", Owner.Billing },
        { "LN-DOS", "dos", Owner.Billing },
        { "RP-NPI", "rendering", Owner.Billing },
        { "LN-RENDERING-NPI", "linerendering", Owner.Billing },
        { "LN-LICN-DUPLICATE", "licn", Owner.Billing },
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public void Check_OneDefect_GivesThatFindingWithItsOwner(string rule, string defect, Owner owner)
    {
        var claim = Clean();
        var line = claim.Lines[0];
        claim = defect switch
        {
            "npi" => claim with { BillingProvider = claim.BillingProvider! with { Npi = "1234567890" } },
            "zip5" => claim with { BillingProvider = claim.BillingProvider! with { Address = Samples.Address("43215") } },
            "taxid" => claim with { BillingProvider = claim.BillingProvider! with { TaxId = "12-345678" } },
            "taxonomy" => claim with { BillingProvider = claim.BillingProvider! with { TaxonomyCode = "" } },
            "member" => claim with { Subscriber = claim.Subscriber! with { MemberId = " " } },
            "payer" => claim with { Payer = null },
            "pos" => claim with { PlaceOfService = "1" },
            "replacement" => claim with { Frequency = ClaimFrequency.Replacement },
            "total" => claim with { TotalChargeCents = 1 },
            "charge" => claim with { Lines = [line with { ChargeCents = 0 }, claim.Lines[1]] },
            "units" => claim with { Lines = [line with { Units = 0 }, claim.Lines[1]] },
            "dos" => claim with { Lines = [line with { ServiceDateFrom = null }, claim.Lines[1]] },
            "rendering" => claim with { RenderingProvider = Samples.BillingProvider() with { Npi = "1234567890" } },
            "linerendering" => claim with { Lines = [line with { RenderingProvider = Samples.BillingProvider() with { Npi = "123456789" } }, claim.Lines[1]] },
            "licn" => claim with { Lines = [line with { LineItemControlNumber = "X" }, claim.Lines[1] with { LineItemControlNumber = "X" }] },
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        var findings = ClaimRules.Check(claim);

        var finding = Assert.Single(findings);
        Assert.Equal(rule, finding.RuleId);
        Assert.Equal(owner, finding.Owner);
        Assert.Equal(Severity.Reject, finding.Severity);
        Assert.Equal(ClaimRules.Version, finding.Source);
        Assert.False(string.IsNullOrWhiteSpace(finding.Fix));
    }

    [Fact]
    public void Check_LineFinding_NamesTheLineAndField()
    {
        var claim = Clean();
        claim = claim with { Lines = [claim.Lines[0], claim.Lines[1] with { ChargeCents = -5 }] };

        var finding = Assert.Single(ClaimRules.Check(claim));

        Assert.Equal([2u], finding.LineNumbers);
        Assert.Equal("claim.lines[1].charge_cents", finding.Field);
    }

    [Fact]
    public void Check_EmptyClaim_GivesFindingsNeverAnException()
    {
        var empty = new Claim("", ClaimType.Unspecified, "", ClaimFrequency.Unspecified, "", "", "", null, null, null, null, null, null, "", "", [], [], 0, null, "");

        var rules = ClaimRules.Check(empty).Select(f => f.RuleId).ToHashSet();

        Assert.Superset(new HashSet<string> { "CLM-TYPE", "CLM-PCN", "BP-REQUIRED", "SUB-ID", "PAYER-ID", "PAT-ID", "DX-REQUIRED", "LN-REQUIRED" }, rules);
    }

    [Fact]
    public void Check_HostileAmounts_GiveFindingsNotOverflow()
    {
        var claim = Clean();
        claim = claim with { Lines = [claim.Lines[0] with { ChargeCents = long.MaxValue }, claim.Lines[1] with { ChargeCents = long.MaxValue }], TotalChargeCents = 5 };

        var rules = ClaimRules.Check(claim).Select(f => f.RuleId).ToArray();

        Assert.Equal(["CLM-TOTAL", "LN-CHARGE", "LN-CHARGE"], rules.Order());
    }

    [Fact]
    public void Check_DiagnosisLimit_DependsOnTheClaimType()
    {
        var diagnoses = Enumerable.Range(0, 20).Select(_ => new Diagnosis("E11.9", "Y")).ToArray();
        var professional = Clean() with { Diagnoses = diagnoses };
        var institutional = Clean() with
        {
            Type = ClaimType.Institutional, Diagnoses = diagnoses, PlaceOfService = "",
            Institutional = new InstitutionalInfo("0131", null, "", "", "", null, "", "01", null, ""),
            Lines = Clean().Lines.Select(l => l with { RevenueCode = "0450" }).ToArray(),
        };

        Assert.Contains(ClaimRules.Check(professional), f => f.RuleId == "DX-TOO-MANY");
        Assert.DoesNotContain(ClaimRules.Check(institutional), f => f.RuleId == "DX-TOO-MANY");
    }

    [Fact]
    public void Check_LineOrder_DoesNotChangeTheFindings()
    {
        var claim = Clean();
        claim = claim with { Lines = [claim.Lines[0] with { Units = 0 }, claim.Lines[1] with { ChargeCents = 0 }] };
        var reversed = claim with { Lines = claim.Lines.Reverse().ToArray() };

        static IEnumerable<string> Key(IEnumerable<Finding> findings) => findings.Select(f => $"{f.RuleId}:{string.Join(',', f.LineNumbers)}").Order();

        Assert.Equal(Key(ClaimRules.Check(claim)), Key(ClaimRules.Check(reversed)));
    }
}
