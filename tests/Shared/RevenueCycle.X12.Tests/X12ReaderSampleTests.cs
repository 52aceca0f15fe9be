using RevenueCycle.Testing;
using RevenueCycle.X12.Errors;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Writing;

namespace RevenueCycle.X12.Tests;

/// <summary>The real X12 files in ../shared/x12-samples: the valid ones read clean and round-trip; the invalid ones are located.</summary>
[RequiresSharedData]
public sealed class X12ReaderSampleTests
{
    public static TheoryData<string> ValidSamples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(SharedData.File("x12-samples"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}invalid{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(SharedData.File("x12-samples"), file));
        }

        return data;
    }

    private static X12Document Read(string relative)
    {
        using var stream = File.OpenRead(SharedData.File("x12-samples", relative));
        return X12Reader.Parse(stream);
    }

    /// <summary>Every segment with the loop it was placed in, in file order.</summary>
    private static List<string> Shape(X12Document document) =>
        document.Interchanges.SelectMany(i => new[] { i.Isa.ToString() }
            .Concat(i.Groups.SelectMany(g => new[] { g.Gs.ToString() }.Concat(g.Transactions.SelectMany(t => Placed(t.Root, ""))).Append(g.Ge?.ToString() ?? "")))
            .Append(i.Iea?.ToString() ?? "")).ToList();

    private static IEnumerable<string> Placed(X12Loop loop, string path)
    {
        foreach (var item in loop.Items)
        {
            if (item.Segment is { } segment)
            {
                yield return $"{path}|{segment}";
            }
            else
            {
                foreach (var line in Placed(item.Loop!, $"{path}/{item.Loop!.Id}"))
                {
                    yield return line;
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValidSamples))]
    public void ValidSample_ReadsWithoutErrors_AgainstItsGuide(string file)
    {
        var document = Read(file);

        Assert.True(document.Errors.Count == 0, string.Join("\n", document.Errors));
        Assert.All(document.Transactions, t => Assert.NotNull(t.Spec));
    }

    [Theory]
    [MemberData(nameof(ValidSamples))]
    public void ValidSample_RoundTrips_ToTheSameModel(string file)
    {
        var document = Read(file);

        var written = X12Writer.Write(document);
        var again = X12Reader.Parse(written);

        Assert.Equal(Shape(document), Shape(again));
        Assert.Equal(document.Errors.Count, again.Errors.Count);
    }

    /// <summary>Labels trading partners really send: read by the adopted guide with a warning, never refused.</summary>
    [Theory]
    [InlineData("837P/uhin-837p.edi", "005010X222A1", "005010X222A2")]
    [InlineData("837I/x223-ppo-repriced-claim.edi", "005010X223A2", "005010X223A3")]
    [InlineData("271/dependent-health-benefit-check.271", "005010X279A1", "005010X279")]
    public void PartnerLabel_IsReadByTheAdoptedGuide_WithAWarning(string file, string adopted, string label)
    {
        var text = File.ReadAllText(SharedData.File("x12-samples", file)).Replace(adopted, label, StringComparison.Ordinal);

        var document = X12Reader.Parse(text);

        Assert.True(document.IsValid, string.Join("\n", document.Errors));
        Assert.All(document.Transactions, t => Assert.Equal(adopted, t.Spec!.Version));
        Assert.Contains($"labelled {label}: read by the adopted guide {adopted}", document.Warnings.First());
    }

    [Fact]
    public void Invalid837_EveryErrorIsLocated()
    {
        var document = Read(Path.Combine("invalid", "837p-segment-errors.txt"));

        // ISA11 is 4010's "U"; the billing provider loop lacks its address (N3) and repeats REF*EI; the claim has no
        // HI; SE01 miscounts.
        Assert.Contains(document.Errors, e => e is { Syntax: X12ErrorSyntax.Interchange, Code: "016" });
        Assert.Contains(document.Errors, e => e is { Syntax: X12ErrorSyntax.Segment, Code: "3", SegmentId: "N3", LoopId: "2010AA" });
        Assert.Contains(document.Errors, e => e is { Syntax: X12ErrorSyntax.Segment, Code: "5", SegmentId: "REF", LoopId: "2010AA", SegmentPosition: 10 });
        Assert.Contains(document.Errors, e => e is { Syntax: X12ErrorSyntax.Segment, Code: "3", SegmentId: "HI", LoopId: "2300" });
        Assert.Contains(document.Errors, e => e is { Syntax: X12ErrorSyntax.Transaction, Code: "4", SegmentId: "SE" });
        Assert.All(document.Errors, e => Assert.Equal("000000905", e.InterchangeControlNumber));
        Assert.All(document.Errors.Where(e => e.Syntax is X12ErrorSyntax.Segment or X12ErrorSyntax.Element), e => Assert.Equal("987654", e.TransactionControlNumber));
    }

    [Fact]
    public void Invalid835_EveryErrorIsLocated()
    {
        var document = Read(Path.Combine("invalid", "835-validation-issues.edi"));

        var unknown = Assert.Single(document.Errors, e => e is { Syntax: X12ErrorSyntax.Segment, SegmentId: "XX" });
        Assert.Equal(("1", 21), (unknown.Code, unknown.SegmentPosition));
        Assert.Contains(document.Errors, e => e is { Syntax: X12ErrorSyntax.Transaction, Code: "4" });
        Assert.Contains(document.Errors, e => e is { Syntax: X12ErrorSyntax.Segment, Code: "3", SegmentId: "TRN", SegmentPosition: 3 }); // due after BPR
        Assert.All(document.Errors, e => Assert.Equal("191511902", e.InterchangeControlNumber));
    }
}
