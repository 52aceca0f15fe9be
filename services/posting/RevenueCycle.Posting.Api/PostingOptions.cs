using RevenueCycle.Posting.Domain.Rules;
using RevenueCycle.Posting.Domain.UseCases;
using RevenueCycle.ReferenceData.Fees;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.ReferenceData.Remittance;
using RevenueCycle.ServiceDefaults.Hosting;

namespace RevenueCycle.Posting.Api;

/// <summary>Configuration section <c>Posting</c>.</summary>
public sealed class PostingOptions
{
    /// <summary>Days to appeal a denial from the remittance date, unless the payer has its own window.</summary>
    public int AppealDays { get; set; } = PostingSettings.Default.DefaultAppealDays;

    public Dictionary<string, int> AppealDaysByPayer { get; set; } = [];

    /// <summary>The same options with relative paths resolved (see <see cref="ConfiguredPath"/>).</summary>
    public PostingOptions Resolved()
    {
        SpoolDirectory = ConfiguredPath.Resolve(SpoolDirectory);
        FeeSchedule = ConfiguredPath.Resolve(FeeSchedule);
        Contracts = ConfiguredPath.Resolve(Contracts);
        AdjustmentCodes = ConfiguredPath.Resolve(AdjustmentCodes);
        return this;
    }

    /// <summary>Appeal windows and code lists; a list that cannot be read stops the service with its file and line.</summary>
    public PostingSettings LoadSettings() => new(AppealDays, AppealDaysByPayer, LoadCodeList("carc"), LoadCodeList("rarc"));

    /// <summary>How often the fee schedule, contracts and code lists are checked for a new release.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Every table, freshly read: what posting starts with and what a changed release is swapped for.</summary>
    public PostingTables LoadTables() => new(LoadSettings(), LoadExpectedPayments());

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

    /// <summary>Directory with the X12 code lists <c>carc*.csv</c> and <c>rarc*.csv</c> (searched recursively); empty: codes are checked by shape.</summary>
    public string AdjustmentCodes { get; set; } = "";

    /// <summary>The newest CARC or RARC list in <see cref="AdjustmentCodes"/>, or null when none is configured.</summary>
    public AdjustmentCodeList? LoadCodeList(string prefix)
    {
        if (AdjustmentCodes.Length == 0)
        {
            return null;
        }

        var file = Files(AdjustmentCodes, prefix).LastOrDefault()
            ?? throw new ReferenceDataException(AdjustmentCodes, 0, $"Posting:AdjustmentCodes holds no {prefix}*.csv");
        return AdjustmentCodeList.Load(file);
    }

    /// <summary>Loads the fee schedules named here; a file that cannot be read stops the service with its file and line.</summary>
    public ExpectedPayments LoadExpectedPayments()
    {
        PhysicianFeeSchedule? medicare = null;
        if (FeeSchedule.Length > 0)
        {
            var rvu = Files(FeeSchedule, "pprrvu").LastOrDefault() ?? throw new ReferenceDataException(FeeSchedule, 0, "Posting:FeeSchedule holds no pprrvu*.csv");
            medicare = PhysicianFeeSchedule.Load(rvu, Files(FeeSchedule, "gpci").LastOrDefault());
        }

        var contracts = Contracts.Length == 0 ? ContractFeeSchedule.Empty
            : File.Exists(Contracts) ? ContractFeeSchedule.Load(Contracts)
            : throw new ReferenceDataException(Contracts, 0, "Posting:Contracts names no file");
        return new ExpectedPayments(medicare, contracts,
            new UnderpaymentSettings(UnderpaymentThresholdCents, UnderpaymentThresholdPercent, Locality));
    }

    /// <summary>CSV files (gzip allowed) under a directory whose names start with the prefix, oldest release name first; a missing directory is a located error.</summary>
    private static IEnumerable<string> Files(string directory, string prefix) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, prefix + "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
                .OrderBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            : throw new ReferenceDataException(directory, 0, "the directory does not exist");
}
