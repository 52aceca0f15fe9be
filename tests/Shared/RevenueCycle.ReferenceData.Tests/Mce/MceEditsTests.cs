using RevenueCycle.ReferenceData.Io;
using RevenueCycle.ReferenceData.Mce;
using RevenueCycle.Testing;

namespace RevenueCycle.ReferenceData.Tests.Mce;

public sealed class MceEditsTests
{
    private static readonly Lazy<MceEdits> Fy2024 = new(() => MceEdits.Read(SharedData.File("data", "mce", "mce_code_edits_v41_1_fy2024.csv"), "MCE v41.1", new DateOnly(2023, 10, 1)));

    [RequiresSharedData]
    [Fact]
    public void Read_RealList_GivesSexAgeAndManifestationEdits()
    {
        var edits = Fy2024.Value;

        Assert.Equal(SexEdit.FemaleOnly, edits.For("O80")!.Sex);
        Assert.Equal(SexEdit.MaleOnly, edits.For("N47.0")!.Sex);
        Assert.Equal((0, 0), (edits.For("A33")!.MinAge, edits.For("A33")!.MaxAge));
        Assert.Contains(Enumerable.Range(0, 100).Select(_ => edits), e => e.For("E11.9") is null);
        Assert.True(File.ReadLines(SharedData.File("data", "mce", "mce_code_edits_v41_1_fy2024.csv")).Skip(1)
            .Where(l => l.Contains("Manifestation", StringComparison.Ordinal))
            .Select(l => l.Split(',')[0]).All(code => edits.For(code)!.Manifestation));
    }

    [Fact]
    public void Read_UnknownRule_IsRefusedWithItsLine()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "mce_code_edits_fy2024.csv");
        File.WriteAllText(path, "icd10cm_code,description,conflict_group,conflict_rule\nO80,Delivery,Sex,Female Only\nA33,Tetanus,Age,Newborns only\n");

        var error = Assert.Throws<ReferenceDataException>(() => MceEdits.Read(path, "t", DateOnly.MinValue));

        Assert.Equal(3, error.Line);
    }
}
