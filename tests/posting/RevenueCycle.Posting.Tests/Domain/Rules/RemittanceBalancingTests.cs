using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Posting.Domain.Rules;
using static RevenueCycle.Posting.Tests.Remittances;

namespace RevenueCycle.Posting.Tests.Domain.Rules;

public sealed class RemittanceBalancingTests
{
    [Fact]
    public void Validate_BalancedRemittance_Passes()
    {
        // A paid line with CO-45 and PR-2, a zero-paid CO-97 line, and the claim's PR share: every level balances.
        var remittance = WithCodingDenial();

        Assert.Null(Record.Exception(() => RemittanceBalancing.Validate(remittance)));
        Assert.Equal(remittance.TotalPaidCents, remittance.Claims.Sum(c => c.PaidCents));
    }

    [Fact]
    public void Validate_LineThatDoesNotBalance_IsLocatedWithItsAmounts()
    {
        var remittance = WithCodingDenial();
        var claim = remittance.Claims[0];
        remittance = remittance with { Claims = [claim with { Lines = [claim.Lines[0] with { PaidCents = 6_900 }, claim.Lines[1]] }] };

        var error = Assert.Throws<ValidationException>(() => RemittanceBalancing.Validate(remittance));

        Assert.Equal("remittance.claims[0].lines[0]", error.Violations.Single().Field);
        Assert.Contains("paid 6900", error.Violations[0].Description);
    }

    [Fact]
    public void Validate_ClaimAdjustmentsMissing_IsLocated()
    {
        var remittance = WithCodingDenial();
        remittance = remittance with { Claims = [remittance.Claims[0] with { ChargeCents = 15_000 }] };

        var error = Assert.Throws<ValidationException>(() => RemittanceBalancing.Validate(remittance));

        Assert.Equal("remittance.claims[0]", error.Violations.Single().Field);
    }

    [Fact]
    public void Validate_HostileAmounts_AreLocatedNotOverflowed()
    {
        var remittance = WithCodingDenial();
        var claim = remittance.Claims[0];
        remittance = remittance with { Claims = [claim with { Lines = [claim.Lines[0], claim.Lines[1] with { Adjustments = [Co("97", long.MaxValue), Co("97", long.MaxValue)] }] }] };

        var error = Assert.Throws<ValidationException>(() => RemittanceBalancing.Validate(remittance));

        Assert.Contains(error.Violations, v => v.Field == "remittance.claims[0].lines[1].adjustments[0].amount_cents");
    }

    [Fact]
    public void Validate_UnknownGroupCode_IsLocated()
    {
        var remittance = WithCodingDenial();
        var claim = remittance.Claims[0];
        remittance = remittance with { Claims = [claim with { Lines = [claim.Lines[0], claim.Lines[1] with { Adjustments = [claim.Lines[1].Adjustments[0] with { GroupCode = "XX" }] }] }] };

        var error = Assert.Throws<ValidationException>(() => RemittanceBalancing.Validate(remittance));

        Assert.Equal("remittance.claims[0].lines[1].adjustments[0].group_code", error.Violations.Single().Field);
    }
}
