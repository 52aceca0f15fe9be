using RevenueCycle.X12.Syntax;
using RevenueCycle.X12.Writing;

namespace RevenueCycle.X12.Tests.Writing;

public sealed class X12WriterTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);

    private static InterchangeBuilder Builder() =>
        new(X12Writer.Isa("ZZ", "SENDER", "ZZ", "RECEIVER", At, 42, production: false, Delimiters.Default), Delimiters.Default);

    [Fact]
    public void Isa_IsTheFixed106Characters()
    {
        var text = X12Writer.Write(Builder().Build(), lineBreaks: false);

        Assert.Equal(106, text.IndexOf('~', StringComparison.Ordinal) + 1);
        Assert.StartsWith("ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261127*0930*^*00501*000000042*0*T*:~", text);
    }

    [Fact]
    public void Builder_FillsCountsAndControlNumbers_AndTheResultReadsBackClean()
    {
        var body = new List<Segment> { new("BHT", "0019", "00", "X1", "20261127", "0930", "CH") };
        var interchange = Builder().Group("HC", "SENDER", "RECEIVER", At, 7, "005010X222A1", "837", [("0001", body), ("0002", body)]).Build();

        var text = X12Writer.Write(interchange);
        var document = X12Reader.Parse(text);

        Assert.Contains("SE*3*0001~", text);
        Assert.Contains("GE*2*7~", text);
        Assert.Contains("IEA*1*000000042~", text);
        Assert.DoesNotContain(document.Errors, e => e.Syntax is Errors.X12ErrorSyntax.Interchange or Errors.X12ErrorSyntax.Group || e.Syntax == Errors.X12ErrorSyntax.Transaction && e.Code is "2" or "3" or "4");
    }

    [Fact]
    public void Write_DataHoldingADelimiter_IsRefused()
    {
        var body = new List<Segment> { new("NM1", "IL", "1", "SMITH*JONES") };
        var interchange = Builder().Group("HC", "S", "R", At, 1, "005010X222A1", "837", [("0001", body)]).Build();

        var error = Assert.Throws<X12WriteException>(() => X12Writer.Write(interchange));

        Assert.Equal(("NM1", 3), (error.SegmentId, error.Element));
    }

    [Fact]
    public void Write_TrailingEmptyElementsAndComponents_AreDropped()
    {
        var segment = new Segment("SV1", Segment.Composite("HC", "99213", "", ""), "100", "UN", "1", "", "", "");

        Assert.Equal("SV1*HC:99213*100*UN*1", X12Text.Format(segment, Delimiters.Default));
    }
}
