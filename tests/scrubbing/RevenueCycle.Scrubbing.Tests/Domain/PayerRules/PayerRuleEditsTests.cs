using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Scrubbing.Domain.PayerRules;
using RevenueCycle.Testing;

namespace RevenueCycle.Scrubbing.Tests.Domain.PayerRules;

public sealed class PayerRuleEditsTests
{
    private static readonly PayerRuleSet Rules = PayerRuleReader.Read("""
        {
          "version": "t1",
          "payers": [
            { "payerId": "*", "rules": [
              { "id": "ALL-GT", "when": { "modifiers": ["GT"] }, "require": { "noModifier": ["GT"] }, "owner": "coding", "message": "GT retired.", "fix": "Use 95." } ] },
            { "payerId": "12345", "timelyFilingDays": 90, "rules": [
              { "id": "P-95", "effectiveFrom": "2026-01-01", "when": { "placesOfService": ["10"] }, "require": { "anyModifier": ["95"] }, "owner": "coding", "message": "Needs 95.", "fix": "Append 95." },
              { "id": "P-AUTH", "when": { "procedures": ["70551-70553"] }, "require": { "priorAuthorization": true }, "owner": "front-end", "message": "Needs authorization.", "fix": "Get it." },
              { "id": "P-UNITS", "severity": "warning", "when": { "procedures": ["J1100"] }, "require": { "maxUnits": 10 }, "owner": "billing", "message": "Too many units.", "fix": "Check." },
              { "id": "P-DX", "when": { "procedures": ["G0439"] }, "require": { "anyDiagnosisPrefix": ["Z00"] }, "owner": "coding", "message": "Wellness needs Z00.", "fix": "Point at Z00.00." },
              { "id": "P-DENY-KIDS", "when": { "procedures": ["97110"], "maxAge": 17 }, "require": { "deny": true }, "owner": "front-end", "message": "Not covered under 18.", "fix": "Bill the other plan." } ] }
          ]
        }
        """u8.ToArray(), "t.json", "t.json");

    private static readonly DateOnly Today = Samples.DateOfService.AddDays(30);

    private static List<Finding> Check(Claim claim, DateOnly? today = null)
    {
        var findings = new List<Finding>();
        PayerRuleEdits.Check(claim, Rules, today ?? Today, findings);
        return findings;
    }

    private static Claim With(params ServiceLine[] lines) => Samples.Claim("P1") with { PatientControlNumber = "P1", Lines = lines };

    [Fact]
    public void CleanClaim_PassesEveryRule()
    {
        Assert.Empty(Check(Samples.Claim("P1")));
    }

    [Fact]
    public void Telehealth_WithoutModifier95_IsRejectedOnThatLine()
    {
        var claim = With(Samples.Line(1, "99213", 10_000, [1]) with { PlaceOfService = "10" }, Samples.Line(2, "99213", 10_000, [1], "95") with { PlaceOfService = "10" });

        var finding = Assert.Single(Check(claim));

        Assert.Equal(("P-95", Severity.Reject, Owner.Coding, "claim.lines[0].modifiers"), (finding.RuleId, finding.Severity, finding.Owner, finding.Field));
        Assert.Equal([1u], finding.LineNumbers);
        Assert.Equal("Payer rules t1: P-95", finding.Source);
    }

    [Fact]
    public void RuleBeforeItsEffectiveDate_DoesNotApply()
    {
        var claim = With(Samples.Line(1, "99213", 10_000, [1]) with { PlaceOfService = "10", ServiceDateFrom = new DateOnly(2025, 12, 31) });

        Assert.DoesNotContain(Check(claim, new DateOnly(2026, 1, 15)), f => f.RuleId == "P-95");
    }

    [Fact]
    public void PriorAuthorization_MissingOnce_NamesEveryLineThatNeedsIt()
    {
        var claim = With(Samples.Line(1, "70551", 90_000, [1]), Samples.Line(2, "70553", 120_000, [1]));

        var finding = Assert.Single(Check(claim));
        Assert.Equal(("P-AUTH", Owner.FrontEnd, "claim.prior_authorization_number"), (finding.RuleId, finding.Owner, finding.Field));
        Assert.Equal([1u, 2u], finding.LineNumbers);
        Assert.Empty(Check(claim with { PriorAuthorizationNumber = "AUTH-1" }));
    }

    [Fact]
    public void EveryPayerRule_AppliesToAnyPayer()
    {
        var claim = With(Samples.Line(1, "99213", 10_000, [1], "GT")) with { Payer = Samples.Claim().Payer! with { PayerId = "OTHER" } };

        Assert.Equal("ALL-GT", Assert.Single(Check(claim)).RuleId);
    }

    [Fact]
    public void UnitsDiagnosesAndDenials_FollowTheirRules()
    {
        var claim = With(
            Samples.Line(1, "J1100", 500, [1]) with { Units = 12 },
            Samples.Line(2, "G0439", 17_500, [2]),
            Samples.Line(3, "97110", 4_000, [1]));
        var child = claim with { Patient = claim.Patient! with { DateOfBirth = Samples.DateOfService.AddYears(-10) } };

        Assert.Equal(["P-DX", "P-UNITS"], Check(claim).Select(f => f.RuleId).Order());
        Assert.Equal(Severity.Warning, Check(claim).Single(f => f.RuleId == "P-UNITS").Severity);
        Assert.Equal(["P-DENY-KIDS", "P-DX", "P-UNITS"], Check(child).Select(f => f.RuleId).Order());
    }

    [Theory]
    [InlineData(30, null)]
    [InlineData(80, "TIMELY-FILING-NEAR")]
    [InlineData(91, "TIMELY-FILING")]
    public void TimelyFiling_UsesThePayersLimit(int daysAfterService, string? rule)
    {
        var findings = Check(Samples.Claim("P1"), Samples.DateOfService.AddDays(daysAfterService));

        Assert.Equal(rule, findings.SingleOrDefault()?.RuleId);
        if (rule is not null)
        {
            Assert.Equal("Payer rules t1: payer 12345 timely filing 90 days", findings[0].Source);
        }
    }
}
