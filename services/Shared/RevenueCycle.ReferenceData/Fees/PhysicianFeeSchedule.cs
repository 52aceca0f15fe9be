using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.ReferenceData.Fees;

/// <summary>
/// One PPRRVU row: a code (and modifier: 26, TC, 53 have their own rows), its payment status, RVUs, and the payment
/// policy indicators: multiple procedure (2, 3: the second and later procedures of a day at 50%), bilateral surgery
/// (1: 150% with modifier 50), assistant at surgery (1: not payable) and co-surgeons (1, 2: payable).
/// </summary>
public sealed record RelativeValues(string Hcpcs, string Modifier, string StatusCode, decimal Work, decimal NonFacilityPracticeExpense, decimal FacilityPracticeExpense,
    decimal Malpractice, bool NonFacilityNotApplicable, bool FacilityNotApplicable, decimal ConversionFactor,
    string MultipleProcedure = "", string Bilateral = "", string AssistantAtSurgery = "", string CoSurgeons = "");

/// <summary>Geographic practice cost indices of one Medicare locality (MAC + locality number).</summary>
public sealed record Gpci(string Mac, string Locality, string Name, decimal Work, decimal PracticeExpense, decimal Malpractice)
{
    public static readonly Gpci National = new("", "", "national (GPCI 1.0)", 1m, 1m, 1m);

    public string Key => $"{Mac}:{Locality}";
}

/// <summary>
/// The Medicare Physician Fee Schedule: the national RVU file (PPRRVU) and the GPCIs. The allowed amount of a
/// service in a locality is (work RVU x work GPCI + PE RVU x PE GPCI + MP RVU x MP GPCI) x conversion factor, with
/// the facility or the non-facility practice-expense RVU by place of service, rounded to the cent. Only codes with
/// status A, R or T are paid under the schedule; the rest (bundled, excluded, carrier-priced ...) have no price here.
/// </summary>
public sealed class PhysicianFeeSchedule
{
    private static readonly HashSet<string> PaidStatuses = ["A", "R", "T"];
    private static readonly string[] PricedModifiers = ["26", "TC", "53"];

    private readonly Dictionary<(string Code, string Modifier), RelativeValues> _values;
    private readonly Dictionary<string, Gpci> _localities;

    private PhysicianFeeSchedule(string release, Dictionary<(string, string), RelativeValues> values, Dictionary<string, Gpci> localities)
    {
        Release = release;
        _values = values;
        _localities = localities;
    }

    /// <summary>The RVU file's name, e.g. pprrvu_2025_jan.</summary>
    public string Release { get; }

    public int Codes => _values.Count;

    public IReadOnlyCollection<Gpci> Localities => _localities.Values;

    public RelativeValues? ValuesFor(string hcpcs, IReadOnlyList<string> modifiers)
    {
        var code = hcpcs.Trim().ToUpperInvariant();
        foreach (var modifier in modifiers.Select(m => m.Trim().ToUpperInvariant()).Where(m => PricedModifiers.Contains(m)))
        {
            if (_values.TryGetValue((code, modifier), out var specific))
            {
                return specific;
            }
        }

        return _values.GetValueOrDefault((code, ""));
    }

    /// <summary>A locality by MAC and locality number ("01112:05"); null when unknown.</summary>
    public Gpci? Locality(string key) => _localities.GetValueOrDefault(key.Trim());

    /// <summary>Medicare's allowed amount for one unit in cents, or null when the code is not priced for that setting.</summary>
    public long? AllowedCents(string hcpcs, IReadOnlyList<string> modifiers, bool facility, Gpci gpci)
    {
        if (ValuesFor(hcpcs, modifiers) is not { } v || !PaidStatuses.Contains(v.StatusCode) || (facility ? v.FacilityNotApplicable : v.NonFacilityNotApplicable))
        {
            return null;
        }

        var practiceExpense = facility ? v.FacilityPracticeExpense : v.NonFacilityPracticeExpense;
        var dollars = (v.Work * gpci.Work + practiceExpense * gpci.PracticeExpense + v.Malpractice * gpci.Malpractice) * v.ConversionFactor;
        return (long)Math.Round(dollars * 100m, MidpointRounding.AwayFromZero);
    }

    /// <summary>Loads the RVU file and, when given, the GPCI file (CSV, the CMS column names, gzip allowed).</summary>
    public static PhysicianFeeSchedule Load(string rvuPath, string? gpciPath)
    {
        var values = new Dictionary<(string, string), RelativeValues>();
        using (var csv = FeeCsv.Open(rvuPath, "hcpcs"))
        {
            int hcpcs = csv.Column("hcpcs"), mod = csv.Column("mod", "modifier"), status = csv.Column("status_code", "status"), work = csv.Column("work_rvu"),
                nonFacility = csv.Column("nonfac_pe_rvu", "non_fac_pe_rvu"), nonFacilityNa = csv.Column("nonfac_na_indicator", "non_fac_na_indicator"),
                facility = csv.Column("facility_pe_rvu"), facilityNa = csv.Column("facility_na_indicator"), mp = csv.Column("mp_rvu"), cf = csv.Column("conv_factor", "conversion_factor"),
                multiple = csv.OptionalColumn("mult_proc"), bilateral = csv.OptionalColumn("bilat_surg"), assistant = csv.OptionalColumn("asst_surg"),
                coSurgeons = csv.OptionalColumn("co_surg", "co_surgeons");
            foreach (var (line, fields) in csv.Rows())
            {
                var code = FeeCsv.Cell(fields, hcpcs).ToUpperInvariant();
                if (code.Length == 0)
                {
                    continue;
                }

                var row = new RelativeValues(code, FeeCsv.Cell(fields, mod).ToUpperInvariant(), FeeCsv.Cell(fields, status).ToUpperInvariant(), csv.Decimal(fields, work, line),
                    csv.Decimal(fields, nonFacility, line), csv.Decimal(fields, facility, line), csv.Decimal(fields, mp, line),
                    FeeCsv.Cell(fields, nonFacilityNa).Equals("NA", StringComparison.OrdinalIgnoreCase), FeeCsv.Cell(fields, facilityNa).Equals("NA", StringComparison.OrdinalIgnoreCase),
                    csv.Decimal(fields, cf, line), Optional(fields, multiple), Optional(fields, bilateral), Optional(fields, assistant), Optional(fields, coSurgeons));
                if (!values.TryAdd((row.Hcpcs, row.Modifier), row))
                {
                    throw new ReferenceDataException(csv.Name, line, $"{row.Hcpcs} {row.Modifier} appears twice");
                }
            }
        }

        var localities = new Dictionary<string, Gpci>(StringComparer.Ordinal);
        if (gpciPath is not null)
        {
            using var csv = FeeCsv.Open(gpciPath, "mac");
            int mac = csv.Column("mac", "medicare_administrative_contractor"), locality = csv.Column("locality", "locality_number"), name = csv.Column("locality_name"),
                pw = csv.Column("pw_gpci_with_floor", "pw_gpci", "work_gpci"), pe = csv.Column("pe_gpci"), mp = csv.Column("mp_gpci");
            foreach (var (line, fields) in csv.Rows())
            {
                var gpci = new Gpci(FeeCsv.Cell(fields, mac), FeeCsv.Cell(fields, locality).PadLeft(2, '0'), FeeCsv.Cell(fields, name),
                    csv.Decimal(fields, pw, line), csv.Decimal(fields, pe, line), csv.Decimal(fields, mp, line));
                if (gpci.Mac.Length > 0)
                {
                    localities[gpci.Key] = gpci;
                }
            }
        }

        static string Optional(string[] fields, int column) => column < 0 ? "" : FeeCsv.Cell(fields, column);

        return new PhysicianFeeSchedule(Path.GetFileNameWithoutExtension(rvuPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? rvuPath[..^3] : rvuPath), values, localities);
    }
}
