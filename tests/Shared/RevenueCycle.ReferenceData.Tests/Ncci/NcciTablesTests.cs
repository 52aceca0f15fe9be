using RevenueCycle.ReferenceData.Io;
using RevenueCycle.ReferenceData.Ncci;
using RevenueCycle.Testing;

namespace RevenueCycle.ReferenceData.Tests.Ncci;

/// <summary>Golden rows of the full NCCI 2024Q3 practitioner tables in ../shared/data/ncci.</summary>
public sealed class NcciTablesTests
{
    private static readonly DateOnly Q3 = new(2024, 7, 1);

    private static readonly Lazy<PtpTable> Ptp = new(() => PtpReader.Read(SharedData.File("data", "ncci", "ptp_practitioner_2024q3.csv.gz"), "NCCI PTP practitioner 2024Q3", "practitioner", Q3));

    [RequiresSharedData]
    [Fact]
    public void Ptp_FullTable_LoadsEveryEdit()
    {
        Assert.Equal(2_546_017, Ptp.Value.Count);
        Assert.Equal(1_669_820, Ptp.Value.ActiveCount);
    }

    [RequiresSharedData]
    [Fact]
    public void Ptp_IndicatorZeroPair_IsNeverBypassable()
    {
        Assert.True(Ptp.Value.TryFindInForce("0001U", "96523", new DateOnly(2024, 8, 1), out var edit));
        Assert.Equal((ModifierIndicator.NotAllowed, 1), (edit.Indicator, edit.RationaleId));
    }

    [RequiresSharedData]
    [Fact]
    public void Ptp_IndicatorOnePair_IsFoundInForce()
    {
        Assert.True(Ptp.Value.TryFindInForce("99214", "99213", new DateOnly(2024, 8, 1), out var edit));
        Assert.Equal((ModifierIndicator.Allowed, 3, (DateOnly?)null), (edit.Indicator, edit.RationaleId, edit.DeletionDate));
        Assert.False(Ptp.Value.TryFindInForce("99213", "99214", new DateOnly(2024, 8, 1), out _)); // the edit has a direction
    }

    [RequiresSharedData]
    [Fact]
    public void Ptp_DeletedEdit_FiresBeforeItsDeletionDateOnly()
    {
        // 0001A/0591T was deleted on 2023-12-31 and never re-added.
        Assert.True(Ptp.Value.TryFindInForce("0001A", "0591T", new DateOnly(2023, 12, 31), out var before));
        Assert.Equal(new DateOnly(2023, 12, 31), before.DeletionDate);
        Assert.False(Ptp.Value.TryFindInForce("0001A", "0591T", new DateOnly(2024, 1, 1), out _));
    }

    [RequiresSharedData]
    [Fact]
    public void Ptp_PairDeletedAndReAdded_HasBothRows()
    {
        var rows = Ptp.Value.Find("20610", "99213").ToArray();

        Assert.Equal(2, rows.Length);
        Assert.Contains(rows, r => r.DeletionDate == new DateOnly(2019, 12, 31));
        Assert.Contains(rows, r => r.DeletionDate is null);
    }

    [Fact]
    public void Ptp_CmsDistributionLayout_IsRead()
    {
        var text = "Medicare NCCI 2024 Q3 Practitioner PTP Edits\nColumn 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier\tPTP Edit Rationale\n"
            + "99214\t99213\t\t20120101\t*\t1\tMisuse of Column Two code with Column One code\n"
            + "0001A\t0591T\t\t20201211\t20231231\t1\tCPT Manual or CMS manual coding instruction\n";

        var table = PtpReader.Read(new StringReader(text), "ccipra-v303r0-f1.txt", "t", "practitioner", Q3);

        Assert.True(table.TryFindInForce("99214", "99213", new DateOnly(2024, 8, 1), out var edit));
        Assert.Equal((new DateOnly(2012, 1, 1), 3), (edit.EffectiveDate!.Value, edit.RationaleId));
        Assert.False(table.TryFindInForce("99214", "99213", new DateOnly(2011, 12, 31), out _)); // before its effective date
    }

    [Fact]
    public void Ptp_BadIndicator_IsRefusedWithItsLine()
    {
        var csv = "column1,column2,deletion_date,modifier_indicator,rationale_id\n99214,99213,,1,3\n20610,99213,,2,1\n";

        var error = Assert.Throws<ReferenceDataException>(() => PtpReader.Read(new StringReader(csv), "ptp.csv", "t", "practitioner", Q3));

        Assert.Equal(("ptp.csv", 3), (error.File, error.Line));
    }

    [RequiresSharedData]
    [Fact]
    public void Mue_EachAdjudicationIndicator()
    {
        var mue = MueTable.Read(SharedData.File("data", "ncci", "mue_practitioner_2024q3.csv"), "MUE practitioner 2024Q3", "practitioner", Q3);

        Assert.Equal(14_677, mue.Count);
        Assert.Equal((1, MueAdjudication.DatePolicy), (mue.Find("G0439")!.Value.MaxUnits, mue.Find("G0439")!.Value.Adjudication));
        Assert.Equal((2, MueAdjudication.DateClinical), (mue.Find("99213")!.Value.MaxUnits, mue.Find("99213")!.Value.Adjudication));
        Assert.Equal((4, MueAdjudication.Line), (mue.Find("99486")!.Value.MaxUnits, mue.Find("99486")!.Value.Adjudication));
    }

    [RequiresSharedData]
    [Fact]
    public void AddOnCodes_ListPrimariesOrAnyForTypeTwo()
    {
        var aoc = AddOnCodeTable.Read(SharedData.File("data", "ncci", "aoc_add_on_code_edits_2024q3.csv"), "AOC 2024Q3", Q3);

        var prolonged = aoc.Find("99417")!.Value;
        Assert.Equal(1, prolonged.Type);
        Assert.Contains("99215", prolonged.Primaries);
        Assert.Equal(2, aoc.Find("0054T")!.Value.Type);
        Assert.Empty(aoc.Find("0054T")!.Value.Primaries);
        Assert.Null(aoc.Find("99213"));
    }
}
