using RevenueCycle.ReferenceData.Icd10Cm;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.Testing;

namespace RevenueCycle.ReferenceData.Tests.Icd10Cm;

public sealed class TabularNotesTests
{
    private static readonly Lazy<TabularNotes> FromCsv = new(() => TabularNotesReader.Read(SharedData.File("data", "icd10cm", "icd10cm_tabular_notes_fy2021.csv"), "csv"));
    private static readonly Lazy<TabularNotes> FromXml = new(() => TabularNotesReader.Read(SharedData.File("data", "icd10cm", "icd10cm_tabular_fy2021.xml.gz"), "xml"));

    public static TheoryData<string> Sources() => ["csv", "xml"];

    private static TabularNotes Notes(string source) => source == "csv" ? FromCsv.Value : FromXml.Value;

    [RequiresSharedData]
    [Theory]
    [MemberData(nameof(Sources))]
    public void Excludes1_OfACategory_AppliesToItsCodes(string source)
    {
        var references = Notes(source).For("E11.9", TabularNotes.Excludes1).SelectMany(n => n.References).ToArray();

        Assert.Contains(references, r => r.Matches("E0800")); // diabetes mellitus due to underlying condition (E08.-)
        Assert.Contains(references, r => r.Matches("O24410")); // gestational diabetes (O24.4-)
        Assert.DoesNotContain(references, r => r.Matches("I10"));
    }

    [RequiresSharedData]
    [Theory]
    [MemberData(nameof(Sources))]
    public void SeventhCharacters_ComeFromTheCategory(string source)
    {
        var characters = Notes(source).SeventhCharacters("S72.001");

        Assert.NotNull(characters);
        Assert.Equal("initial encounter for closed fracture", characters['A']);
        Assert.Contains('S', characters.Keys);
        Assert.Null(Notes(source).SeventhCharacters("E11.9"));
    }

    [RequiresSharedData]
    [Theory]
    [MemberData(nameof(Sources))]
    public void InclusionTerms_AreAvailableForSearch(string source)
    {
        Assert.Contains(Notes(source).InclusionTerms("I10"), t => t.Contains("hypertension", StringComparison.OrdinalIgnoreCase));
    }

    [RequiresSharedData]
    [Fact]
    public void XmlAndCsv_CarryTheSameExcludes1Notes()
    {
        static int Count(TabularNotes notes, string code) => notes.For(code, TabularNotes.Excludes1).Count();

        foreach (var code in new[] { "E11.9", "J45.909", "I10", "N18.30", "S72.001A" })
        {
            Assert.Equal(Count(FromCsv.Value, code), Count(FromXml.Value, code));
        }
    }

    [Fact]
    public void References_ParseCodesPrefixesAndRanges()
    {
        var references = TabularNotes.ParseNoteReferences("pregnancy with abortive outcome (O00-O07, O08.8) and gestational diabetes (O24.4-), tuberculosis (A18.32)");

        Assert.Equal(["O00-O07", "O08.8", "O24.4-", "A18.32"], references.Select(r => r.ToString()));
        Assert.True(references[0].Matches("O039"));
        Assert.False(references[0].Matches("O10"));
    }

    [Fact]
    public void Xml_Malformed_IsRefusedWithItsLine()
    {
        var xml = "<ICD10CM.tabular>\n<chapter>\n<diag><name>A00</name>\n<excludes1><note>x (A01.-)</note></excludes1>\n</chapter>";

        var error = Assert.Throws<ReferenceDataException>(() => TabularNotesReader.ReadXml(new StringReader(xml), "tabular.xml", "t"));

        Assert.Equal("tabular.xml", error.File);
        Assert.True(error.Line > 1);
    }
}
