using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.Scrubbing.Domain.PayerRules;
using RevenueCycle.Scrubbing.Domain.Rules;
using RevenueCycle.Testing;

namespace RevenueCycle.Scrubbing.Tests.Domain.Rules;

/// <summary>The full CMS tables of ../shared/data (ICD-10-CM FY2024, HCPCS, MCE, NCCI 2024Q3), loaded once for the golden tests.</summary>
internal static class SharedTables
{
    /// <summary>In the NCCI 2024Q3 quarter and the ICD-10-CM FY2024 year.</summary>
    public static readonly DateOnly InQ3 = new(2024, 8, 15);

    private static readonly Lazy<ReferenceDataSet> Set = new(() => ReferenceDirectoryLoader.Load(SharedData.Data, ReferenceParts.All));

    public static ScrubContext Context => new(Set.Value, PayerRuleSet.Empty, InQ3.AddDays(30));

    /// <summary>The sample claim with these lines, numbered 1..n, dated <paramref name="dateOfService"/> (default <see cref="InQ3"/>).</summary>
    public static Claim Claim(DateOnly? dateOfService, params ServiceLine[] lines) => Samples.Claim("G1") with
    {
        PatientControlNumber = "G1",
        Lines = lines.Select((l, i) => l with { LineNumber = (uint)(i + 1), ServiceDateFrom = dateOfService ?? InQ3, ChargeCents = l.ChargeCents + i }).ToArray(),
    };

    public static ServiceLine Line(string code, params string[] modifiers) => Samples.Line(0, code, 10_000, [1], modifiers);

    public static List<Finding> Scrub(params ServiceLine[] lines) => ClaimScrubber.Scrub(Claim(null, lines), Context);

    /// <summary>The NCCI findings only (the CPT-not-loaded notice and the like are not the point here).</summary>
    public static List<Finding> Ncci(IEnumerable<Finding> findings) => findings.Where(f => f.RuleId.StartsWith("NCCI", StringComparison.Ordinal)).ToList();
}
