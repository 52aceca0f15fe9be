using RevenueCycle.Posting.Domain.Rules;
using RevenueCycle.ReferenceData.Fees;

namespace RevenueCycle.Posting.Api;

/// <summary>Configuration section <c>Posting</c> (the appeal windows, <c>AppealDays</c> and <c>AppealDaysByPayer</c>, become <c>PostingSettings</c>).</summary>
public sealed class PostingOptions
{
    /// <summary>Where an uploaded 835 is kept while it is checked and posted (deleted after); empty: the temp directory.</summary>
    public string SpoolDirectory { get; set; } = "";

    /// <summary>Largest 835 file accepted.</summary>
    public long MaxFileBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Directory with the Medicare Physician Fee Schedule files (searched recursively: the newest <c>pprrvu*.csv</c>
    /// and <c>gpci*.csv</c>, gzip allowed), the baseline for underpayments; empty: no Medicare baseline.
    /// </summary>
    public string FeeSchedule { get; set; } = "";

    /// <summary>The contracted rates CSV (<c>payer_id,hcpcs,modifier,allowed,percent_of_medicare</c>); empty: none.</summary>
    public string Contracts { get; set; } = "";

    /// <summary>Medicare locality the practice bills from, as MAC:locality (e.g. <c>01112:05</c>); empty: national GPCIs.</summary>
    public string Locality { get; set; } = "";

    /// <summary>A line is underpaid when the shortfall exceeds both this many cents and this percent of the expected amount.</summary>
    public long UnderpaymentThresholdCents { get; set; } = 100;

    public decimal UnderpaymentThresholdPercent { get; set; } = 2m;

    /// <summary>Loads the fee schedules named here; a file that cannot be read stops the service with its file and line.</summary>
    public ExpectedPayments LoadExpectedPayments()
    {
        PhysicianFeeSchedule? medicare = null;
        if (FeeSchedule.Length > 0)
        {
            string? Newest(string prefix) => Directory.EnumerateFiles(FeeSchedule, prefix + "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => Path.GetFileName(f), StringComparer.OrdinalIgnoreCase).LastOrDefault();
            var rvu = Newest("pprrvu") ?? throw new FileNotFoundException($"Posting:FeeSchedule {FeeSchedule} holds no pprrvu*.csv");
            medicare = PhysicianFeeSchedule.Load(rvu, Newest("gpci"));
        }

        var contracts = Contracts.Length > 0 ? ContractFeeSchedule.Load(Contracts) : ContractFeeSchedule.Empty;
        return new ExpectedPayments(medicare, contracts,
            new UnderpaymentSettings(UnderpaymentThresholdCents, UnderpaymentThresholdPercent, Locality));
    }
}
