using RevenueCycle.ReferenceData.Icd10Cm;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.Testing;

namespace RevenueCycle.ReferenceData.Tests.Icd10Cm;

public sealed class Icd10CmReaderTests
{
    private static readonly Lazy<Icd10CmEdition> Fy2024 = new(() =>
        new Icd10CmEdition("ICD-10-CM FY2024", new DateOnly(2023, 10, 1), new DateOnly(2024, 9, 30),
            Icd10CmReader.Read(SharedData.File("data", "icd10cm", "icd10cm_order_fy2024.csv.gz"))));

    [RequiresSharedData]
    [Fact]
    public void Csv_FullFy2024List_LoadsEveryCodeWithItsFlag()
    {
        var edition = Fy2024.Value;

        Assert.Equal(97_296, edition.Count);
        Assert.Equal(74_044, edition.Codes.Count(c => c.Billable));
        Assert.True(edition.Find("E11.9")!.Billable);
        Assert.False(edition.Find("E11")!.Billable);
        Assert.True(edition.Find("S72001A")!.Billable);
        Assert.Null(edition.Find("E11.A")); // added in FY2025
        Assert.Contains(edition.BillableChildren("E11.6", 50), c => c.Code == "E1165");
    }

    [Fact]
    public void OrderFile_CmsFixedWidthLayout_IsRead()
    {
        // Two records in the CMS order-file layout: order 1-5, code 7-13, header flag 15, short 17-76, long 78-.
        var lines = string.Join('\n',
            Record(4339, "E119", true, "Type 2 diabetes mellitus without complications"),
            Record(4305, "E11", false, "Type 2 diabetes mellitus"));

        var codes = Icd10CmReader.Read(new StringReader(lines), "icd10cm_order_2024.txt");

        Assert.Equal([("E119", true), ("E11", false)], codes.Select(c => (c.Code, c.Billable)));
        Assert.Equal("Type 2 diabetes mellitus without complications", codes[0].Description);
    }

    [Fact]
    public void OrderFile_ShortRecord_IsRefusedWithItsLine()
    {
        var text = Record(1, "A00", false, "Cholera") + "\n00002 A000    1 too short";

        var error = Assert.Throws<ReferenceDataException>(() => Icd10CmReader.Read(new StringReader(text), "icd10cm_order_2024.txt"));

        Assert.Equal(("icd10cm_order_2024.txt", 2), (error.File, error.Line));
    }

    [Fact]
    public void Csv_BadCode_IsRefusedWithItsLine()
    {
        var csv = "order,code,code_nodot,billable,long_description\n1,A00,A00,0,Cholera\n2,A00.0,A00!,1,Cholera due to Vibrio cholerae\n";

        var error = Assert.Throws<ReferenceDataException>(() => Icd10CmReader.Read(new StringReader(csv), "codes.csv"));

        Assert.Equal(3, error.Line);
        Assert.Contains("A00!", error.Message);
    }

    private static string Record(int order, string code, bool billable, string description) =>
        $"{order:D5} {code,-7} {(billable ? 1 : 0)} {description,-60} {description}";
}
