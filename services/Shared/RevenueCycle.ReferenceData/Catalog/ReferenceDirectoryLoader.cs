using System.Globalization;
using System.Text.RegularExpressions;
using RevenueCycle.ReferenceData.Cpt;
using RevenueCycle.ReferenceData.Hcpcs;
using RevenueCycle.ReferenceData.Icd10Cm;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.ReferenceData.Mce;
using RevenueCycle.ReferenceData.Modifiers;
using RevenueCycle.ReferenceData.Ncci;

namespace RevenueCycle.ReferenceData.Catalog;

/// <summary>
/// Loads a reference directory laid out like the CMS downloads are usually kept:
/// <c>icd10cm/</c> (order files <c>*order*fy2024*</c> or <c>icd10cm_order_2024.txt</c>, tabular XML or notes CSV),
/// <c>hcpcs/</c> (<c>*2026*jan*</c> alpha-numeric file, CSV or CMS text), <c>mce/</c> (<c>mce_code_edits*fy2024*.csv</c>),
/// <c>modifiers/</c> (modifier lists), <c>ncci/</c> (PTP, MUE and add-on code tables) and, from the operator,
/// <c>cpt/</c>. Editions are dated by their file names: ICD-10-CM and MCE by fiscal year (October 1), HCPCS by
/// quarter, NCCI by quarter in the file or folder name (<c>ptp_practitioner_2024q3.csv.gz</c>, or the CMS files
/// <c>ccipra-v303r0-f1.txt</c> ... <c>-f4</c> in a folder <c>2024q3/</c>). Any file that fails refuses the whole load.
/// </summary>
public static partial class ReferenceDirectoryLoader
{
    [GeneratedRegex(@"(20[0-9]{2})[ _-]?q([1-4])", RegexOptions.IgnoreCase)]
    private static partial Regex NcciQuarter();

    /// <summary>CMS MUE file names carry the effective date: <c>..._Eff_07-01-2024.csv</c>.</summary>
    [GeneratedRegex(@"(0[147]|10)-01-(20[0-9]{2})")]
    private static partial Regex EffectiveDate();

    [GeneratedRegex(@"(?:fy)?(20[0-9]{2})(?![0-9])", RegexOptions.IgnoreCase)]
    private static partial Regex Year();

    [GeneratedRegex(@"(20[0-9]{2})[_-]?(jan|apr|jul|oct)", RegexOptions.IgnoreCase)]
    private static partial Regex Quarter();

    [GeneratedRegex(@"v([0-9]+)[_.]([0-9]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MceVersion();

    public static ReferenceDataSet Load(string directory, ReferenceParts parts = ReferenceParts.CodeSets, TimeProvider? clock = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new ReferenceDataException(directory, 0, "the reference directory does not exist");
        }

        // The NCCI tables (2.5 million PTP rows) load only where they are used: the scrubber.
        var ncci = parts.HasFlag(ReferenceParts.Ncci) ? LoadNcci(Path.Combine(directory, "ncci")) : [];
        if (!parts.HasFlag(ReferenceParts.CodeSets))
        {
            return new ReferenceDataSet(directory, [], [], [], [], null, (clock ?? TimeProvider.System).GetUtcNow(), ncci);
        }

        var icd = LoadIcd10Cm(Path.Combine(directory, "icd10cm"));
        var hcpcs = Files(Path.Combine(directory, "hcpcs"), "*.csv*", "*.txt*")
            .Where(f => Quarter().IsMatch(Path.GetFileName(f)) && !f.Contains("layout", StringComparison.OrdinalIgnoreCase) && !f.Contains("notes", StringComparison.OrdinalIgnoreCase))
            .Select(LoadHcpcs).ToArray();
        var mce = Files(Path.Combine(directory, "mce"), "mce_code_edits*.csv*").Select(LoadMce).ToArray();
        var modifiers = Files(Path.Combine(directory, "modifiers"), "*.csv*").SelectMany(ModifierListReader.Read).ToArray();
        var cptFile = Files(Path.Combine(directory, "cpt"), "*.csv*", "*.txt*").LastOrDefault();
        var cpt = cptFile is null ? null : CptCodeSet.Read(cptFile, $"CPT ({Path.GetFileName(cptFile)})");
        return new ReferenceDataSet(directory, icd, hcpcs, mce, modifiers, cpt, (clock ?? TimeProvider.System).GetUtcNow(), ncci);
    }

    private enum NcciFile
    {
        Other,
        PtpPractitioner,
        PtpOutpatientHospital,
        MuePractitioner,
        MueOutpatientHospital,
        MueDmeSupplier,
        AddOns,
    }

    private static List<NcciRelease> LoadNcci(string directory)
    {
        var files = !Directory.Exists(directory) ? [] : Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is var n && (n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)))
            .Select(f => (File: f, Kind: Classify(Path.GetFileName(f))))
            .Where(f => f.Kind != NcciFile.Other)
            .Select(f => (f.File, f.Kind, Quarter: QuarterOf(directory, f.File)))
            .OrderBy(f => f.File, StringComparer.Ordinal)
            .ToList();

        return files.GroupBy(f => f.Quarter).OrderBy(g => g.Key.From).Select(release =>
        {
            var (quarter, from, to) = release.Key;
            List<string> Of(NcciFile kind) => release.Where(f => f.Kind == kind).Select(f => f.File).ToList();
            PtpTable? Ptp(NcciFile kind, string what) => Of(kind) is { Count: > 0 } parts ? PtpReader.Read(parts, $"NCCI PTP {what} {quarter}", what, from) : null;
            MueTable? Mue(NcciFile kind, string what) => Of(kind) is { Count: > 0 } parts ? MueTable.Read(Single(parts, what), $"NCCI MUE {what} {quarter}", what, from) : null;
            var addOns = Of(NcciFile.AddOns) is { Count: > 0 } aoc ? AddOnCodeTable.Read(Single(aoc, "add-on code"), $"NCCI add-on codes {quarter}", from) : null;
            return new NcciRelease(quarter, from, to,
                Ptp(NcciFile.PtpPractitioner, "practitioner"), Ptp(NcciFile.PtpOutpatientHospital, "outpatient hospital"),
                Mue(NcciFile.MuePractitioner, "practitioner"), Mue(NcciFile.MueOutpatientHospital, "outpatient hospital"), Mue(NcciFile.MueDmeSupplier, "DME supplier"),
                addOns);
        }).ToList();
    }

    /// <summary>The shared CSV names (ptp_practitioner_, mue_dme_supplier_, aoc_) and the CMS ones (ccipra, ccioph, MCR_MUE_...).</summary>
    private static NcciFile Classify(string name)
    {
        var n = name.ToLowerInvariant();
        bool Has(params string[] parts) => parts.Any(p => n.Contains(p, StringComparison.Ordinal));
        if (Has("rationale", "readme", "layout"))
        {
            return NcciFile.Other;
        }

        if (Has("ccipra") || Has("ptp") && Has("prac"))
        {
            return NcciFile.PtpPractitioner;
        }

        if (Has("ccioph") || Has("ptp") && Has("outpatient", "hosp"))
        {
            return NcciFile.PtpOutpatientHospital;
        }

        if (Has("mue"))
        {
            return Has("dme") ? NcciFile.MueDmeSupplier : Has("outpatient", "hosp", "oph") ? NcciFile.MueOutpatientHospital : Has("prac") ? NcciFile.MuePractitioner : NcciFile.Other;
        }

        return Has("aoc", "add_on", "add-on", "addon") ? NcciFile.AddOns : NcciFile.Other;
    }

    /// <summary>The quarter from the file name, else from a folder between it and the ncci directory.</summary>
    private static (string Quarter, DateOnly From, DateOnly To) QuarterOf(string root, string file)
    {
        for (var path = file; path.Length > root.Length; path = Path.GetDirectoryName(path)!)
        {
            var name = Path.GetFileName(path);
            if (NcciQuarter().Match(name) is { Success: true } q)
            {
                return NcciRelease.QuarterOf(int.Parse(q.Groups[1].Value, CultureInfo.InvariantCulture), q.Groups[2].Value[0] - '0');
            }

            if (EffectiveDate().Match(name) is { Success: true } d)
            {
                var month = int.Parse(d.Groups[1].Value, CultureInfo.InvariantCulture);
                return NcciRelease.QuarterOf(int.Parse(d.Groups[2].Value, CultureInfo.InvariantCulture), (month - 1) / 3 + 1);
            }
        }

        throw new ReferenceDataException(Path.GetFileName(file), 0, "neither the file name nor its folder says its NCCI quarter (e.g. 2024q3)");
    }

    private static string Single(List<string> files, string what) => files.Count == 1
        ? files[0]
        : throw new ReferenceDataException(Path.GetFileName(files[1]), 0, $"more than one {what} table for the same quarter ({string.Join(", ", files.Select(Path.GetFileName))})");

    private static List<Icd10CmEdition> LoadIcd10Cm(string directory)
    {
        var editions = Files(directory, "*order*")
            .Select(file =>
            {
                var year = FiscalYear(file);
                return new Icd10CmEdition($"ICD-10-CM FY{year}", Dates.FiscalYearStart(year), Dates.FiscalYearStart(year + 1).AddDays(-1), Icd10CmReader.Read(file));
            })
            .OrderBy(e => e.EffectiveFrom)
            .ToList();

        // Notes: the CSV extract when present (faster to read), else the official tabular XML. Each edition gets the
        // newest notes not newer than itself (the tabular notes change little from year to year).
        var noteFiles = Files(directory, "*notes*.csv*");
        if (noteFiles.Count == 0)
        {
            noteFiles = Files(directory, "*tabular*.xml*");
        }

        var notes = noteFiles.Select(f => (Year: FiscalYear(f), Notes: TabularNotesReader.Read(f, $"ICD-10-CM tabular FY{FiscalYear(f)}"))).OrderBy(n => n.Year).ToArray();
        return editions.Select(edition =>
        {
            var year = edition.EffectiveFrom.Year + 1;
            var match = notes.LastOrDefault(n => n.Year <= year);
            return match.Notes is null ? (notes.Length > 0 ? edition.WithNotes(notes[0].Notes) : edition) : edition.WithNotes(match.Notes);
        }).ToList();
    }

    private static HcpcsEdition LoadHcpcs(string file)
    {
        var quarter = Quarter().Match(Path.GetFileName(file));
        var year = int.Parse(quarter.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = quarter.Groups[2].Value.ToLowerInvariant() switch { "jan" => 1, "apr" => 4, "jul" => 7, _ => 10 };
        var (codes, modifiers) = HcpcsReader.Read(file);
        var name = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);
        return new HcpcsEdition($"HCPCS {year} {name}", new DateOnly(year, month, 1), codes, modifiers);
    }

    private static MceEdits LoadMce(string file)
    {
        var year = FiscalYear(file);
        var version = MceVersion().Match(Path.GetFileName(file)) is { Success: true } m ? $"MCE v{m.Groups[1].Value}.{m.Groups[2].Value} FY{year}" : $"MCE FY{year}";
        return MceEdits.Read(file, version, Dates.FiscalYearStart(year));
    }

    private static int FiscalYear(string file)
    {
        var name = Path.GetFileName(file);
        var match = Year().Matches(name).LastOrDefault()
            ?? throw new ReferenceDataException(name, 0, "the file name does not say its fiscal year (e.g. fy2024 or _2024)");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static List<string> Files(string directory, params string[] patterns) =>
        !Directory.Exists(directory) ? [] : patterns.SelectMany(p => Directory.EnumerateFiles(directory, p)).Distinct().Order(StringComparer.Ordinal).ToList();
}
