using System.Globalization;
using System.Text.RegularExpressions;
using RevenueCycle.ReferenceData.Cpt;
using RevenueCycle.ReferenceData.Hcpcs;
using RevenueCycle.ReferenceData.Icd10Cm;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.ReferenceData.Mce;
using RevenueCycle.ReferenceData.Modifiers;

namespace RevenueCycle.ReferenceData.Catalog;

/// <summary>
/// Loads a reference directory laid out like the CMS downloads are usually kept:
/// <c>icd10cm/</c> (order files <c>*order*fy2024*</c> or <c>icd10cm_order_2024.txt</c>, tabular XML or notes CSV),
/// <c>hcpcs/</c> (<c>*2026*jan*</c> alpha-numeric file, CSV or CMS text), <c>mce/</c> (<c>mce_code_edits*fy2024*.csv</c>),
/// <c>modifiers/</c> (modifier lists) and, from the operator, <c>cpt/</c>. Editions are dated by their file names:
/// ICD-10-CM and MCE by fiscal year (October 1), HCPCS by quarter. Any file that fails refuses the whole load.
/// </summary>
public static partial class ReferenceDirectoryLoader
{
    [GeneratedRegex(@"(?:fy)?(20[0-9]{2})(?![0-9])", RegexOptions.IgnoreCase)]
    private static partial Regex Year();

    [GeneratedRegex(@"(20[0-9]{2})[_-]?(jan|apr|jul|oct)", RegexOptions.IgnoreCase)]
    private static partial Regex Quarter();

    [GeneratedRegex(@"v([0-9]+)[_.]([0-9]+)", RegexOptions.IgnoreCase)]
    private static partial Regex MceVersion();

    public static ReferenceDataSet Load(string directory, TimeProvider? clock = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new ReferenceDataException(directory, 0, "the reference directory does not exist");
        }

        var icd = LoadIcd10Cm(Path.Combine(directory, "icd10cm"));
        var hcpcs = Files(Path.Combine(directory, "hcpcs"), "*.csv*", "*.txt*")
            .Where(f => Quarter().IsMatch(Path.GetFileName(f)) && !f.Contains("layout", StringComparison.OrdinalIgnoreCase) && !f.Contains("notes", StringComparison.OrdinalIgnoreCase))
            .Select(LoadHcpcs).ToArray();
        var mce = Files(Path.Combine(directory, "mce"), "mce_code_edits*.csv*").Select(LoadMce).ToArray();
        var modifiers = Files(Path.Combine(directory, "modifiers"), "*.csv*").SelectMany(ModifierListReader.Read).ToArray();
        var cptFile = Files(Path.Combine(directory, "cpt"), "*.csv*", "*.txt*").LastOrDefault();
        var cpt = cptFile is null ? null : CptCodeSet.Read(cptFile, $"CPT ({Path.GetFileName(cptFile)})");
        return new ReferenceDataSet(directory, icd, hcpcs, mce, modifiers, cpt, (clock ?? TimeProvider.System).GetUtcNow());
    }

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
