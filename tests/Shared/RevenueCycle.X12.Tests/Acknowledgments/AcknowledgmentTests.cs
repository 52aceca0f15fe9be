using RevenueCycle.Testing;
using RevenueCycle.X12.Acknowledgments;
using RevenueCycle.X12.Syntax;
using RevenueCycle.X12.Writing;

namespace RevenueCycle.X12.Tests.Acknowledgments;

public sealed class AcknowledgmentTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 3, 6, 0, 0, TimeSpan.Zero);

    private static X12.Model.X12Document Interchange(string functionalId, string version, string type, List<Segment> body) =>
        X12Reader.Parse(X12Writer.Write(new InterchangeBuilder(X12Writer.Isa("ZZ", "PAYER", "ZZ", "PROVIDER", At, 9, false, Delimiters.Default), Delimiters.Default)
            .Group(functionalId, "PAYER", "PROVIDER", At, 9, version, type, [("0001", body)]).Build()));

    [RequiresSharedData]
    [Fact]
    public void Ack999_ForABrokenClaimFile_NamesTheSegmentsAndElementsInError()
    {
        using var stream = File.OpenRead(SharedData.File("x12-samples", "invalid", "837p-segment-errors.txt"));
        var received = X12Reader.Parse(stream);

        var ack = Acknowledgment999Builder.For(received.Interchanges[0].Groups[0], received.Errors);
        var document = Interchange("FA", Acknowledgment999Builder.Version, "999", Acknowledgment999Builder.Body(ack));

        Assert.True(document.IsValid, string.Join("\n", document.Errors));
        var read = Acknowledgment999Builder.Read(document.Transactions.Single());
        Assert.Equal(("HC", "1", "R"), (read.FunctionalId, read.GroupControlNumber, read.GroupStatus));
        var transaction = Assert.Single(read.Transactions);
        Assert.Equal(("987654", "R", false), (transaction.ControlNumber, transaction.Status, transaction.Accepted));
        Assert.Contains("4", transaction.SyntaxCodes); // the SE count
        // IK303 is at most four characters: the base standard's loop id (2010AA is loop 2010).
        Assert.Contains(transaction.Errors, e => e is { SegmentId: "REF", SegmentPosition: 10, LoopId: "2010", SegmentCode: "5" });
        Assert.Contains(transaction.Errors, e => e is { SegmentId: "HI", LoopId: "2300", SegmentCode: "3" });
        Assert.All(transaction.Errors, e => Assert.True(e.LoopId.Length <= 4, e.LoopId));
    }

    [Theory]
    [InlineData("2010AA", "2010")]
    [InlineData("2300", "2300")]
    [InlineData("1000A", "1000")]
    [InlineData("2110", "2110")]
    [InlineData("", "")]
    public void Ik303_IsTheLoopIdOfTheTransactionSetDiagram(string guideLoop, string ik303)
    {
        Assert.Equal(ik303, Acknowledgment999Builder.LoopIdentifier(guideLoop));
    }

    [RequiresSharedData]
    [Fact]
    public void Ack999_ForACleanFile_AcceptsEverything()
    {
        using var stream = File.OpenRead(SharedData.File("x12-samples", "837P", "uhin-837p.edi"));
        var received = X12Reader.Parse(stream);

        var ack = Acknowledgment999Builder.For(received.Interchanges[0].Groups[0], received.Errors);

        Assert.Equal(("A", 1, 1, 1), (ack.GroupStatus, ack.Included, ack.Received, ack.AcceptedCount));
        Assert.True(Interchange("FA", Acknowledgment999Builder.Version, "999", Acknowledgment999Builder.Body(ack)).IsValid);
    }

    [RequiresSharedData]
    [Theory]
    [InlineData("JANE DOE*19700501", "JAN")] // a pasted line: no id, so IK301 holds at most its 3 characters
    [InlineData("ZZ*1", "ZZ")] // an id the guide does not know, echoed as sent
    public void Ack999_ForStrayTextInATransaction_StaysValid_AndEchoesAtMostThreeCharacters(string stray, string ik301)
    {
        var text = File.ReadAllText(SharedData.File("x12-samples", "837P", "uhin-837p.edi"));
        var bht = text.IndexOf("BHT*", StringComparison.Ordinal);
        var received = X12Reader.Parse(text.Insert(text.IndexOf('~', bht) + 1, stray + "~"));

        var ack = Acknowledgment999Builder.For(received.Interchanges[0].Groups[0], received.Errors);
        var document = Interchange("FA", Acknowledgment999Builder.Version, "999", Acknowledgment999Builder.Body(ack));

        Assert.True(document.IsValid, string.Join("\n", document.Errors));
        var error = Assert.Single(Acknowledgment999Builder.Read(document.Transactions.Single()).Transactions.Single().Errors);
        Assert.Equal(ik301, error.SegmentId);
    }

    [RequiresSharedData]
    [Fact]
    public void SharedRejected999_Reads()
    {
        using var stream = File.OpenRead(SharedData.File("x12-samples", "999", "x12_999_rejected.txt"));
        var ack = Acknowledgment999Builder.Read(X12Reader.Parse(stream).Transactions.Single());

        Assert.Equal(("HC", "28", "R"), (ack.FunctionalId, ack.GroupControlNumber, ack.GroupStatus));
        Assert.Equal(new AcknowledgedError("NM", 17, "", "1", 0, 0, "", ""), ack.Transactions.Single().Errors.Single());
    }

    [Fact]
    public void Ack277CA_WritesAcceptedAndRejectedClaims_AndReadsThemBack()
    {
        var ack = new ClaimAcknowledgment277("SAMPLE HEALTH PLAN", "12345", "SAMPLE CLEARINGHOUSE", "CLEARINGHOUSE", "B-77", new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 3),
        [
            new ClaimStatus277("C1", "ICN-1", "A1", "20", "PR", 14_500, new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 2), null, "DOE", "JANE", "MEMBER001"),
            new ClaimStatus277("C2", "", "A7", "164", "IL", 5_000, new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 4), "ROE", "RICH", "BADMEMBER"),
        ]);

        var document = Interchange("HN", ClaimAcknowledgment277Builder.Version, "277", ClaimAcknowledgment277Builder.Body(ack, "SAMPLE FAMILY PRACTICE", "1234567893", At));

        Assert.True(document.IsValid, string.Join("\n", document.Errors));
        var read = ClaimAcknowledgment277Builder.Read(document.Transactions.Single());
        Assert.Equivalent(ack, read, strict: true);
        Assert.Equal([true, false], read.Claims.Select(c => c.Accepted));
    }

    [RequiresSharedData]
    [Fact]
    public void Shared277CA_ReadsItsClaimStatus()
    {
        using var stream = File.OpenRead(SharedData.File("x12-samples", "277CA", "x12_277CA_rejected.txt"));
        var ack = ClaimAcknowledgment277Builder.Read(X12Reader.Parse(stream).Transactions.Single());

        var claim = Assert.Single(ack.Claims);
        Assert.Equal(("3920394930203", "1107000000001120", "A7", "562", false), (claim.PatientControlNumber, claim.PayerClaimControlNumber, claim.CategoryCode, claim.StatusCode, claim.Accepted));
    }
}
