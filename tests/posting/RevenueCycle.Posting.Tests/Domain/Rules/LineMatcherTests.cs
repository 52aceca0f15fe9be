using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.Rules;

namespace RevenueCycle.Posting.Tests.Domain.Rules;

public sealed class LineMatcherTests
{
    private static readonly DateOnly Dos = new(2026, 3, 2);

    private static SubmittedLine Submitted(string licn, string code, params string[] modifiers) => new(licn, code, modifiers, Dos, 1, 10_000, "11");

    private static LinePayment Paid(string licn, string code, params string[] modifiers) => new(licn, code, modifiers, 10_000, 8_000, 1, Dos, [], [], 0);

    private static readonly SubmittedClaim Claim = new("C1", 1, "12345",
    [
        Submitted("C1-1", "99214", "25"),
        Submitted("C1-2", "20610", "RT", "59"),
        Submitted("C1-3", "J1030"),
        Submitted("C1-4", "J1030"),
    ]);

    [Fact]
    public void Match_ByControlNumber_EvenWhenTheCodeDiffers()
    {
        var match = LineMatcher.Match([Paid("C1-2", "20611")], Claim).Single();

        Assert.Equal(("C1-2", LineMatcher.ByControlNumber), (match.Submitted?.LineItemControlNumber, match.How));
    }

    [Fact]
    public void Match_PayerDroppedAModifier_StillFindsTheLine()
    {
        var matches = LineMatcher.Match([Paid("", "99214"), Paid("", "20610", "RT")], Claim);

        Assert.Equal(["C1-1", "C1-2"], matches.Select(m => m.Submitted?.LineItemControlNumber));
        Assert.All(matches, m => Assert.Equal(LineMatcher.ModifiersDropped, m.How));
    }

    [Fact]
    public void Match_PayerReorderedModifiers_IsAnExactMatch()
    {
        var match = LineMatcher.Match([Paid("", "20610", "59", "rt")], Claim).Single();

        Assert.Equal(("C1-2", LineMatcher.ByProcedure), (match.Submitted?.LineItemControlNumber, match.How));
    }

    [Fact]
    public void Match_TwoIdenticalLines_EachTakenOnce_AndAThirdIsUnmatched()
    {
        var matches = LineMatcher.Match([Paid("", "J1030"), Paid("", "J1030"), Paid("", "J1030")], Claim);

        Assert.Equal(["C1-3", "C1-4", null], matches.Select(m => m.Submitted?.LineItemControlNumber));
        Assert.Equal("no submitted line of the claim has procedure J1030 on 2026-03-02", matches[2].How);
    }

    [Fact]
    public void Match_ControlNumbersComeFirst_SoAProcedureMatchCannotStealANamedLine()
    {
        var matches = LineMatcher.Match([Paid("", "J1030"), Paid("C1-3", "J1030")], Claim);

        Assert.Equal(["C1-4", "C1-3"], matches.Select(m => m.Submitted?.LineItemControlNumber));
    }

    [Fact]
    public void Match_UnknownControlNumber_FallsBackToTheProcedureAndSaysSo()
    {
        var match = LineMatcher.Match([Paid("XYZ-9", "99214", "25")], Claim).Single();

        Assert.Equal("C1-1", match.Submitted?.LineItemControlNumber);
        Assert.Equal($"{LineMatcher.ByProcedure} (REF*6R XYZ-9 is not a line of the claim)", match.How);
    }

    [Fact]
    public void Match_OtherDate_IsUnmatched()
    {
        var line = Paid("", "99214", "25") with { ServiceDate = new DateOnly(2026, 3, 9) };

        Assert.False(LineMatcher.Match([line], Claim).Single().Matched);
    }

    [Fact]
    public void Match_TwoCandidatesWithDifferentModifiers_IsAmbiguous()
    {
        var claim = Claim with { Lines = [Submitted("C1-1", "11042", "59"), Submitted("C1-2", "11042", "XS")] };

        var match = LineMatcher.Match([Paid("", "11042", "76")], claim).Single();

        Assert.Equal((false, "2 submitted lines with procedure 11042 could be it and their modifiers do not tell"), (match.Matched, match.How));
    }
}
