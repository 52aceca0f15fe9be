using System.Text;
using RevenueCycle.X12.Syntax;

namespace RevenueCycle.X12.Tests.Syntax;

public sealed class SegmentReaderTests
{
    private const string Isa = "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261127*0930*^*00501*000000001*0*T*:~";

    private static List<string> Ids(SegmentReader reader)
    {
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(Encoding.ASCII.GetString(reader.Id));
        }

        return ids;
    }

    [Fact]
    public void Read_TakesTheDelimitersFromTheIsa()
    {
        var text = "ISA|00|          |00|          |ZZ|SENDER         |ZZ|RECEIVER       |261127|0930|!|00501|000000001|0|T|>\nGS|HC|A|B|20261127|0930|1|X|005010X222A1\nSV1|HC>99213>25|100|UN|1!X\n";
        using var reader = SegmentReader.FromText(text);

        Assert.True(reader.Read());
        Assert.Equal(new Delimiters('|', '!', '>', '\n'), reader.Delimiters);
        Assert.True(reader.IsaFixedWidth);
        Assert.True(reader.Read());
        Assert.True(reader.Read());
        var sv1 = reader.ToSegment();
        Assert.Equal(["HC", "99213", "25"], sv1.Components(1));
        Assert.Equal(["1", "X"], sv1.Repetitions(4));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Read_ToleratesAByteOrderMarkAndLineBreaks()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.ASCII.GetBytes($"\r\n{Isa}\r\nGS*HC*A*B*20261127*0930*1*X*005010X222A1~\r\n\r\nGE*0*1~IEA*1*000000001~\r\n")).ToArray();
        using var reader = new SegmentReader(new MemoryStream(bytes));

        Assert.Equal(["ISA", "GS", "GE", "IEA"], Ids(reader));
        Assert.Null(reader.FatalError);
    }

    [Fact]
    public void Read_SegmentsLongerThanTheBuffer_AreStillWhole()
    {
        var longName = new string('A', 10_000);
        var text = $"{Isa}NM1*IL*1*{longName}~" + string.Concat(Enumerable.Repeat("REF*EI*123456789~", 2_000)) + "IEA*0*000000001~";
        using var reader = new SegmentReader(new MemoryStream(Encoding.ASCII.GetBytes(text)), bufferSize: 4096);

        reader.Read();
        reader.Read();
        Assert.Equal(longName, reader.ToSegment()[3]);
        var count = 0;
        while (reader.Read() && reader.IsSegment("REF"u8))
        {
            Assert.Equal("123456789", reader.ToSegment()[2]);
            count++;
        }

        Assert.Equal(2_000, count);
    }

    [Fact]
    public void Read_VariableWidthIsa_IsReadAndSaid()
    {
        using var reader = SegmentReader.FromText("ISA*00**00**ZZ*SENDER*ZZ*RECEIVER*261127*0930*^*00501*000000001*0*T*:~GS*HC~");

        Assert.True(reader.Read());
        Assert.False(reader.IsaFixedWidth);
        Assert.Equal(':', reader.Delimiters.Component);
        Assert.True(reader.Read());
        Assert.Equal("GS", Encoding.ASCII.GetString(reader.Id));
    }

    [Fact]
    public void Read_TruncatedFile_MarksTheLastSegmentUnterminated()
    {
        using var reader = SegmentReader.FromText($"{Isa}GS*HC*A*B*2026");

        Assert.True(reader.Read());
        Assert.True(reader.Read());
        Assert.True(reader.Unterminated);
        Assert.Equal(Isa.Length, reader.Offset);
    }

    [Fact]
    public void Read_EmptyInput_EndsWithoutASegmentOrAnError()
    {
        using var reader = SegmentReader.FromText("");

        Assert.False(reader.Read());
        Assert.Null(reader.FatalError);
    }

    [Theory]
    [InlineData("HELLO WORLD")]
    [InlineData("GS*HC*A~")]
    [InlineData("ISA*00")]
    public void Read_NotAnInterchange_StopsWithAReason(string text)
    {
        using var reader = SegmentReader.FromText(text);

        Assert.False(reader.Read());
        Assert.NotNull(reader.FatalError);
    }

    [Fact]
    public void Read_SecondInterchange_MayUseOtherDelimiters()
    {
        var second = "ISA|00|          |00|          |ZZ|SENDER         |ZZ|RECEIVER       |261127|0930|^|00501|000000002|0|T|:\n";
        using var reader = SegmentReader.FromText($"{Isa}IEA*0*000000001~{second}IEA|0|000000002\n");

        Assert.Equal(["ISA", "IEA", "ISA", "IEA"], Ids(reader));
        Assert.Equal('|', reader.Delimiters.Element);
    }

    [Fact]
    public void Read_4010RepetitionField_DoesNotSplitData()
    {
        using var reader = SegmentReader.FromText("ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261127*0930*U*00401*000000001*0*T*:~NM1*IL*1*USER~");

        reader.Read();
        reader.Read();
        Assert.Equal('\0', reader.Delimiters.Repetition);
        Assert.Equal('U', reader.IsaRepetition);
        Assert.Equal("USER", reader.ToSegment()[3]);
    }
}
