using RevenueCycle.ReferenceData.Hcpcs;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.ReferenceData.Modifiers;
using RevenueCycle.Testing;

namespace RevenueCycle.ReferenceData.Tests.Hcpcs;

public sealed class HcpcsReaderTests
{
    [RequiresSharedData]
    [Fact]
    public void Csv_January2026File_LoadsCodesAndModifiersWithDates()
    {
        var (codes, modifiers) = HcpcsReader.Read(SharedData.File("data", "hcpcs", "hcpcs_2026_jan_anweb.csv"));
        var edition = new HcpcsEdition("HCPCS 2026 January", new DateOnly(2026, 1, 1), codes, modifiers);

        Assert.Equal(8_623, codes.Count);
        Assert.Equal(383, modifiers.Count);
        var awv = edition.Find("G0439")!;
        Assert.StartsWith("Annual wellness visit", awv.Description);
        Assert.Equal(new DateOnly(2011, 1, 1), awv.Added);
        Assert.True(awv.ActiveOn(new DateOnly(2026, 3, 2)));
        Assert.False(awv.ActiveOn(new DateOnly(2010, 12, 31)));
        Assert.Contains(codes, c => c.Terminated is not null && !c.ActiveOn(new DateOnly(2026, 3, 2)));
        Assert.Equal("HCPCS", edition.FindModifier("XE")!.Kind);
        Assert.Null(edition.Find("99213")); // CPT is not in the HCPCS Level II file
    }

    [Fact]
    public void FixedWidth_CmsLayout_JoinsContinuationLines()
    {
        var text = string.Join('\n',
            Record("G0439", "", "3", "Annual wellness visit, includes a personalized prevention plan of service (pps),", "Ppps, subseq visit", "20110101", ""),
            Record("G0439", "", "4", "subsequent visit", "", "", ""),
            Record("", "XE", "7", "Separate encounter, a service that is distinct because it occurred during a", "Separate encounter", "20150101", ""),
            Record("", "XE", "8", "separate encounter", "", "", ""),
            Record("A4000", "", "3", "Retired test code", "Retired", "19850101", "20201231"));
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "HCPC2026_JAN_ANWEB.txt");
        File.WriteAllText(path, text);

        var (codes, modifiers) = HcpcsReader.Read(path);

        Assert.Equal("Annual wellness visit, includes a personalized prevention plan of service (pps), subsequent visit", codes[0].Description);
        Assert.Equal("Ppps, subseq visit", codes[0].ShortDescription);
        Assert.Equal(new DateOnly(2020, 12, 31), codes[1].Terminated);
        Assert.Equal(("XE", "Separate encounter, a service that is distinct because it occurred during a separate encounter"), (modifiers[0].Code, modifiers[0].Description));
    }

    [Fact]
    public void FixedWidth_BadDate_IsRefusedWithItsLine()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "HCPC2026_JAN_ANWEB.txt");
        File.WriteAllText(path, Record("G0439", "", "3", "Annual wellness visit", "AWV", "20111301", ""));

        var error = Assert.Throws<ReferenceDataException>(() => HcpcsReader.Read(path));

        Assert.Equal(1, error.Line);
        Assert.Contains("20111301", error.Message);
    }

    [RequiresSharedData]
    [Fact]
    public void ModifierLists_KeepCptCodesWithoutAmaTitles()
    {
        var medicare = ModifierListReader.Read(SharedData.File("data", "modifiers", "modifiers_cpt_hcpcs_medicare_2024.csv"));
        var level2 = ModifierListReader.Read(SharedData.File("data", "modifiers", "hcpcs_level2_modifiers_2026_jan.csv"));

        var twentyFive = medicare.Single(m => m.Code == "25");
        Assert.Equal(("CPT", ""), (twentyFive.Kind, twentyFive.Description));
        Assert.Contains(level2, m => m.Code == "KX" && m.Added == new DateOnly(2002, 7, 1));
    }

    /// <summary>A 320-character record in the CMS layout (positions from the 2026 record layout).</summary>
    private static string Record(string code, string modifier, string recid, string longText, string shortText, string added, string terminated)
    {
        var record = new char[320];
        Array.Fill(record, ' ');
        void Put(int start, string value) => value.CopyTo(0, record, start - 1, value.Length);
        Put(1, code);
        Put(4, modifier);
        Put(6, "00010");
        Put(11, recid);
        Put(12, longText);
        Put(92, shortText);
        Put(269, added);
        Put(285, terminated);
        return new string(record);
    }
}
