using System.Text;
using RevenueCycle.X12.Errors;

namespace RevenueCycle.X12.Tests;

/// <summary>Broken envelopes, each a clear and located error, never an exception.</summary>
public sealed class X12ReaderEnvelopeTests
{
    private const string Isa = "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261127*0930*^*00501*000000001*0*T*:~\n";
    private const string Gs = "GS*FA*SENDER*RECEIVER*20261127*0930*1*X*005010X231A1~\n";
    private const string Body = "ST*999*0001*005010X231A1~\nAK1*HC*1*005010X222A1~\nAK9*A*1*1*1~\nSE*4*0001~\n";
    private const string Tail = "GE*1*1~\nIEA*1*000000001~\n";

    private static List<X12Error> Errors(string text) => X12Reader.Parse(text).Errors;

    [Fact]
    public void WellFormed999_HasNoErrors()
    {
        Assert.Empty(Errors(Isa + Gs + Body + Tail));
    }

    [Theory]
    [InlineData("JANE DOE DOB 19700501 123 MAIN ST~\n", false)] // a stray line between the transaction and the trailers
    [InlineData("jane*doe*19700501~\n", false)] // or shaped like a segment, with an id that is none
    [InlineData("JANE DOE*19700501~\n", true)] // inside the transaction, where the guide's loops place segments
    [InlineData("JANE DOE 19700501", false)] // at the end of a truncated file
    public void StrayText_IsNamedByItsLength_NeverQuoted(string stray, bool insideTheTransaction)
    {
        var text = insideTheTransaction ? Isa + Gs + Body.Replace("SE*4*", stray + "SE*5*", StringComparison.Ordinal) + Tail
            : stray.EndsWith('~') ? Isa + Gs + Body + stray + Tail : Isa + Gs + Body + stray;

        var errors = Errors(text);

        var id = stray.Split('*', '~')[0];
        var located = errors.Where(e => e.SegmentId == id).ToList(); // kept as sent, for the 999's IK301 only
        Assert.NotEmpty(located);
        Assert.All(located, e => Assert.Contains($"text of {id.Length} characters, not a known segment id", e.ToString(), StringComparison.Ordinal));
        Assert.All(errors, e => Assert.DoesNotContain("jane", e.Message + e.ToString(), StringComparison.OrdinalIgnoreCase));
        Assert.All(errors, e => Assert.DoesNotContain("1970", e.Message + e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void MissingIea_IsAnImproperEndOfFile()
    {
        var error = Assert.Single(Errors(Isa + Gs + Body + "GE*1*1~\n"));

        Assert.Equal((X12ErrorSyntax.Interchange, "023", "000000001"), (error.Syntax, error.Code, error.InterchangeControlNumber));
    }

    [Fact]
    public void TruncatedInsideASegment_SaysSoAndMissesEveryTrailer()
    {
        var text = Isa + Gs + Body;
        var errors = Errors(text[..^6]);

        Assert.Contains(errors, e => e.Code == "023" && e.Message.Contains("truncated", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is { Syntax: X12ErrorSyntax.Transaction, Code: "2" } or { Syntax: X12ErrorSyntax.Transaction, Code: "3" });
        Assert.Contains(errors, e => e is { Syntax: X12ErrorSyntax.Group, Code: "3" });
    }

    [Theory]
    [InlineData("GE*2*1~", X12ErrorSyntax.Group, "5")]
    [InlineData("GE*1*9~", X12ErrorSyntax.Group, "4")]
    [InlineData("GE*1*1~IEA*2*000000001~", X12ErrorSyntax.Interchange, "021")]
    [InlineData("GE*1*1~IEA*1*000000009~", X12ErrorSyntax.Interchange, "001")]
    public void TrailerCountsAndControlNumbers_AreChecked(string tail, X12ErrorSyntax syntax, string code)
    {
        var text = Isa + Gs + Body + tail + (tail.Contains("IEA", StringComparison.Ordinal) ? "" : "IEA*1*000000001~");

        var error = Assert.Single(Errors(text));

        Assert.Equal((syntax, code), (error.Syntax, error.Code));
    }

    [Fact]
    public void SegmentCountAndSeControlNumber_AreChecked()
    {
        var errors = Errors(Isa + Gs + Body.Replace("SE*4*0001", "SE*5*0002", StringComparison.Ordinal) + Tail);

        Assert.Contains(errors, e => e is { Syntax: X12ErrorSyntax.Transaction, Code: "4", SegmentPosition: 4, SegmentId: "SE", ElementPosition: 1 });
        Assert.Contains(errors, e => e is { Syntax: X12ErrorSyntax.Transaction, Code: "3", ElementPosition: 2 });
    }

    [Fact]
    public void File4010_IsRefusedByVersion()
    {
        var text = (Isa + Gs + Body + Tail).Replace("*00501*", "*00401*", StringComparison.Ordinal).Replace("005010X231A1", "004010X231A1", StringComparison.Ordinal);

        var errors = Errors(text);

        Assert.Contains(errors, e => e is { Syntax: X12ErrorSyntax.Interchange, Code: "017" } && e.Message.Contains("4010", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is { Syntax: X12ErrorSyntax.Group, Code: "2" });
    }

    [Fact]
    public void NonAsciiBytes_AreAnInvalidCharacterAtTheirElement()
    {
        var text = Isa + Gs + Body.Replace("AK1*HC*1", "AK1*HC*1é", StringComparison.Ordinal) + Tail;

        var error = Assert.Single(Errors(text), e => e.Syntax == X12ErrorSyntax.Element);

        Assert.Equal(("6", "AK1", 2, 2), (error.Code, error.SegmentId, error.SegmentPosition, error.ElementPosition));
    }

    [Fact]
    public void TransactionInTheWrongGroup_IsSaid()
    {
        var text = Isa + Gs.Replace("GS*FA", "GS*HC", StringComparison.Ordinal) + Body + Tail;

        Assert.Contains(Errors(text), e => e is { Syntax: X12ErrorSyntax.Transaction, Code: "6", SegmentId: "ST" });
    }

    [Theory]
    [InlineData("")]
    [InlineData("not x12 at all")]
    [InlineData("ISA*00*")]
    [InlineData("GS*HC*A*B~ST*837*1~SE*2*1~")]
    public void Garbage_GivesErrorsNotExceptions(string text)
    {
        var document = X12Reader.Parse(text);

        Assert.True(text.Length == 0 ? document.Interchanges.Count == 0 : document.Errors.Count > 0);
    }

    [Fact]
    public void SegmentsWithoutTheIsasTerminator_AreOneUnterminatedSegment()
    {
        var text = Isa + (Gs + Body + Tail).Replace("~\n", "\n", StringComparison.Ordinal);

        var document = X12Reader.Parse(new MemoryStream(Encoding.ASCII.GetBytes(text)));

        Assert.Contains(document.Errors, e => e is { Code: "023", SegmentId: "GS" } && e.ByteOffset == Isa.Length);
    }

    [Fact]
    public void AnnotationBetweenSegments_IsOneLocatedLine_AndTheSegmentAfterItIsRead()
    {
        var text = Isa + Gs + "ST*999*0001*005010X231A1~\n# corrected by hand, 2026-03-02\nAK1*HC*1*005010X222A1~\nAK9*A*1*1*1~\nSE*4*0001~\n" + Tail;

        var document = X12Reader.Parse(text);

        var error = Assert.Single(document.Errors);
        Assert.Equal(("AK1", X12ErrorSyntax.Segment), (error.SegmentId, error.Syntax));
        Assert.DoesNotContain('\n', error.ToString());
        Assert.Contains("not X12", error.Message);
        Assert.Equal(["ST", "AK1", "AK9", "SE"], document.Transactions.Single().Root.Flatten().Select(s => s.Id));
    }

    [Fact]
    public void ControlCharactersFromTheFile_NeverBreakAnErrorLine()
    {
        var errors = Errors(Isa + Gs + "ST*999*0001*005010X231A1~AK1*HC*1*005010X222A1~XY\tZ*1~AK9*A*1*1*1~SE*5*0001~" + Tail);

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.DoesNotContain(e.ToString(), c => char.IsControl(c)));
    }

    [Theory]
    [InlineData("005010X231")]
    public void LabelsPartnersSend_AreReadByTheAdoptedGuide_WithAWarning(string label)
    {
        var document = X12Reader.Parse(Isa + Gs.Replace("005010X231A1", label, StringComparison.Ordinal) + Body.Replace("005010X231A1", label, StringComparison.Ordinal) + Tail);

        Assert.True(document.IsValid, string.Join("\n", document.Errors));
        Assert.Equal("005010X231A1", document.Transactions.Single().Spec!.Version);
        Assert.Contains($"labelled {label}: read by the adopted guide 005010X231A1", Assert.Single(document.Warnings));
    }
}
