using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Scrubbing.Domain.Rules;
using RevenueCycle.Testing;

namespace RevenueCycle.Scrubbing.Tests.Domain.Rules;

public sealed class DuplicateRulesTests
{
    private static readonly Claim Base = Samples.Claim("D1") with { PatientControlNumber = "D1" };

    private static List<Finding> Check(params ServiceLine[] lines)
    {
        var findings = new List<Finding>();
        DuplicateRules.Check(Base with { Lines = lines }, findings);
        return findings;
    }

    [Fact]
    public void SameServiceTwice_IsAnExactDuplicate()
    {
        var finding = Assert.Single(Check(Samples.Line(1, "99213", 12_500, [1]), Samples.Line(2, "82947", 2_000, [1]), Samples.Line(3, "99213", 12_500, [2])));

        Assert.Equal(("DUP-LINE", Severity.Reject, Owner.Billing), (finding.RuleId, finding.Severity, finding.Owner));
        Assert.Equal([1u, 3u], finding.LineNumbers);
    }

    [Theory]
    [InlineData("charge")]
    [InlineData("date")]
    [InlineData("place")]
    [InlineData("performer")]
    [InlineData("component")]
    [InlineData("side")]
    [InlineData("repeat")]
    public void AnyOfTheEightFieldsOrARepeatModifier_MakesItDistinct(string difference)
    {
        var first = Samples.Line(1, "73560", 5_000, [1]);
        var second = Samples.Line(2, "73560", 5_000, [1]);
        second = difference switch
        {
            "charge" => second with { ChargeCents = 5_001 },
            "date" => second with { ServiceDateFrom = Samples.DateOfService.AddDays(1) },
            "place" => second with { PlaceOfService = "22" },
            "performer" => second with { RenderingProvider = Samples.BillingProvider() with { Npi = "1245319599" } },
            "component" => second with { Modifiers = ["26"] },
            "side" => second with { Modifiers = ["RT"] },
            "repeat" => second with { Modifiers = ["76"] },
            _ => throw new ArgumentOutOfRangeException(nameof(difference)),
        };

        Assert.Empty(Check(first, second));
    }

    [Fact]
    public void Keys_HashTheMemberId_NeverCarryIt()
    {
        var keys = DuplicateRules.Keys(Base);

        Assert.Equal(2, keys.Count);
        Assert.All(keys, k => Assert.DoesNotContain("MEMBER001", k.Hash, StringComparison.Ordinal));
        Assert.NotEqual(keys[0].Hash, DuplicateRules.Keys(Base with { Subscriber = Base.Subscriber! with { MemberId = "MEMBER002" } })[0].Hash);
    }
}
