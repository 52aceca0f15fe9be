namespace RevenueCycle.ReferenceData.Ncci;

/// <summary>
/// One quarterly NCCI release: the PTP tables (practitioner and, when supplied, outpatient hospital), the MUE tables
/// (practitioner, outpatient hospital, DME supplier) and the add-on code edits. Any table may be absent; the scrubber
/// says so rather than passing a claim it could not check.
/// </summary>
public sealed class NcciRelease(
    string quarter,
    DateOnly effectiveFrom,
    DateOnly? effectiveTo,
    PtpTable? ptpPractitioner,
    PtpTable? ptpOutpatientHospital,
    MueTable? muePractitioner,
    MueTable? mueOutpatientHospital,
    MueTable? mueDmeSupplier,
    AddOnCodeTable? addOns)
{
    /// <summary>E.g. "2024Q3".</summary>
    public string Quarter { get; } = quarter;

    public DateOnly EffectiveFrom { get; } = effectiveFrom;

    /// <summary>Last day of the quarter; null for an open-ended release (the demo pack).</summary>
    public DateOnly? EffectiveTo { get; } = effectiveTo;

    public PtpTable? PtpPractitioner { get; } = ptpPractitioner;

    public PtpTable? PtpOutpatientHospital { get; } = ptpOutpatientHospital;

    public MueTable? MuePractitioner { get; } = muePractitioner;

    public MueTable? MueOutpatientHospital { get; } = mueOutpatientHospital;

    public MueTable? MueDmeSupplier { get; } = mueDmeSupplier;

    public AddOnCodeTable? AddOns { get; } = addOns;

    /// <summary>The quarter's own dates include the date of service.</summary>
    public bool Covers(DateOnly date) => EffectiveFrom <= date && (EffectiveTo is null || date <= EffectiveTo);

    /// <summary>Every table of the release, for listing.</summary>
    public IEnumerable<(string Version, int Count)> Tables =>
        new (string?, int)[]
        {
            (PtpPractitioner?.Version, PtpPractitioner?.Count ?? 0), (PtpOutpatientHospital?.Version, PtpOutpatientHospital?.Count ?? 0),
            (MuePractitioner?.Version, MuePractitioner?.Count ?? 0), (MueOutpatientHospital?.Version, MueOutpatientHospital?.Count ?? 0),
            (MueDmeSupplier?.Version, MueDmeSupplier?.Count ?? 0), (AddOns?.Version, AddOns?.Count ?? 0),
        }.Where(t => t.Item1 is not null).Select(t => (t.Item1!, t.Item2));

    /// <summary>The quarter a date falls in, e.g. 2024-08-15 -> ("2024Q3", 2024-07-01, 2024-09-30).</summary>
    public static (string Quarter, DateOnly From, DateOnly To) QuarterOf(int year, int quarter)
    {
        var from = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
        return ($"{year}Q{quarter}", from, from.AddMonths(3).AddDays(-1));
    }
}
