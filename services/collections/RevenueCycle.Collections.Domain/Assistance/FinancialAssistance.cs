using System.Globalization;
using System.Text.Json;

namespace RevenueCycle.Collections.Domain.Assistance;

/// <summary>
/// The HHS poverty guidelines of one year (ASPE's table: one row per region and household size up to eight, and the
/// amount for each additional person), read from <c>year,region,household_size,guideline_dollars</c> CSV.
/// </summary>
public sealed class PovertyGuidelines
{
    public static readonly string[] Regions = ["contiguous", "alaska", "hawaii"];
    private const string Header = "year,region,household_size,guideline_dollars";
    private readonly Dictionary<(string Region, string Size), long> _dollars;

    private PovertyGuidelines(int year, Dictionary<(string, string), long> dollars) => (Year, _dollars) = (year, dollars);

    public int Year { get; }

    /// <summary>The guideline in cents for a household in a region: the table up to eight persons, then the additional-person amount for each more.</summary>
    public long GuidelineCents(string region, int householdSize)
    {
        var table = Math.Min(householdSize, 8);
        var extra = householdSize - table;
        return (_dollars[(region, table.ToString(CultureInfo.InvariantCulture))] + extra * _dollars[(region, "additional")]) * 100;
    }

    /// <summary>Reads the CSV; a bad row is an error that names the file and line, and nothing is loaded.</summary>
    public static PovertyGuidelines Parse(TextReader reader, string name)
    {
        var lines = 1;
        if (reader.ReadLine()?.Trim() != Header)
        {
            throw new FormatException($"{name}:1: the header must be '{Header}'");
        }

        int? year = null;
        var dollars = new Dictionary<(string, string), long>();
        while (reader.ReadLine() is { } line)
        {
            lines++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var f = line.Split(',');
            var y = 0;
            string? problem = f.Length != 4 ? "expected 4 fields"
                : !int.TryParse(f[0], CultureInfo.InvariantCulture, out y) || y is < 1990 or > 2100 ? $"year '{f[0]}' is not a year"
                : year is { } first && first != y ? $"year {y} differs from the file's {first}: one year a file"
                : !Regions.Contains(f[1]) ? $"region '{f[1]}' must be one of {string.Join(", ", Regions)}"
                : f[2] != "additional" && !(int.TryParse(f[2], CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= 8) ? $"household_size '{f[2]}' must be 1 to 8 or 'additional'"
                : !long.TryParse(f[3], CultureInfo.InvariantCulture, out var amount) || amount is <= 0 or > 1_000_000 ? $"guideline_dollars '{f[3]}' must be a whole number of dollars"
                : !dollars.TryAdd((f[1], f[2]), amount) ? $"{f[1]} household size {f[2]} is listed twice"
                : null;
            if (problem is not null)
            {
                throw new FormatException($"{name}:{lines}: {problem}");
            }

            year = y;
        }

        foreach (var region in dollars.Keys.Select(k => k.Item1).Distinct())
        {
            var missing = Enumerable.Range(1, 8).Select(i => i.ToString(CultureInfo.InvariantCulture)).Append("additional").Where(s => !dollars.ContainsKey((region, s))).ToList();
            if (missing.Count > 0)
            {
                throw new FormatException($"{name}: {region} has no row for household size {string.Join(", ", missing)}");
            }
        }

        return year is null ? throw new FormatException($"{name}: no guideline rows") : new PovertyGuidelines(year.Value, dollars);
    }

    public bool Has(string region) => _dollars.ContainsKey((region, "1"));
}

/// <summary>A step of the sliding scale: households at or under <see cref="UpToPercentOfPoverty"/> of the guideline get <see cref="DiscountPercent"/> off.</summary>
public sealed record AssistanceTier(int UpToPercentOfPoverty, int DiscountPercent);

/// <summary>The hospital's financial-assistance policy as data: which guideline region, the sliding scale, how long a decision holds.</summary>
public sealed record AssistancePolicy(string Region, int ValidDays, IReadOnlyList<AssistanceTier> Tiers)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads the policy JSON; a policy that cannot be applied is an error naming the field, and nothing is loaded.</summary>
    public static AssistancePolicy Parse(string json, string name)
    {
        AssistancePolicy? policy;
        try
        {
            policy = JsonSerializer.Deserialize<AssistancePolicy>(json, Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{name}: {e.Message}", e);
        }

        string? problem = policy is null ? "is empty"
            : !PovertyGuidelines.Regions.Contains(policy.Region) ? $"region must be one of {string.Join(", ", PovertyGuidelines.Regions)}"
            : policy.ValidDays is < 1 or > 730 ? "validDays must be 1 to 730"
            : policy.Tiers is not { Count: > 0 } ? "tiers: at least one tier"
            : policy.Tiers.Any(t => t.DiscountPercent is < 0 or > 100 || t.UpToPercentOfPoverty is < 1 or > 2000) ? "tiers: discountPercent must be 0 to 100 and upToPercentOfPoverty 1 to 2000"
            : policy.Tiers.Zip(policy.Tiers.Skip(1)).Any(p => p.First.UpToPercentOfPoverty >= p.Second.UpToPercentOfPoverty || p.First.DiscountPercent < p.Second.DiscountPercent)
                ? "tiers: percents of poverty must increase and discounts must not"
            : null;
        return problem is null ? policy! : throw new FormatException($"{name}: {problem}");
    }
}

/// <summary>Where a household stands on the sliding scale.</summary>
public sealed record AssistanceScreening(int GuidelineYear, string Region, long GuidelineCents, int PercentOfPoverty, int DiscountPercent);

/// <summary>Screens a household against the policy: its income as a percent of the guideline for its size, and the tier's discount.</summary>
public sealed class FinancialAssistance(PovertyGuidelines guidelines, AssistancePolicy policy)
{
    public AssistancePolicy Policy => policy;

    public AssistanceScreening Screen(int householdSize, long annualIncomeCents)
    {
        var guideline = guidelines.GuidelineCents(policy.Region, householdSize);
        var percent = (int)Math.Min(annualIncomeCents * 100 / guideline, int.MaxValue);
        // The tier is decided exactly (income x 100 against guideline x percent); the percent reported is rounded down.
        var tier = policy.Tiers.FirstOrDefault(t => (Int128)annualIncomeCents * 100 <= (Int128)guideline * t.UpToPercentOfPoverty);
        return new AssistanceScreening(guidelines.Year, policy.Region, guideline, percent, tier?.DiscountPercent ?? 0);
    }

    /// <summary>The policy and guidelines shipped with RevenueCycle (HHS 2025; a sliding scale to 400%): for a demo, not for a hospital's own policy.</summary>
    public static FinancialAssistance Demo()
    {
        var assembly = typeof(FinancialAssistance).Assembly;
        using var guidelines = new StreamReader(assembly.GetManifestResourceStream("RevenueCycle.Collections.Domain.Assistance.poverty-guidelines-2025.csv")!);
        using var policy = new StreamReader(assembly.GetManifestResourceStream("RevenueCycle.Collections.Domain.Assistance.assistance-policy.json")!);
        return Create(PovertyGuidelines.Parse(guidelines, "poverty-guidelines-2025.csv"), AssistancePolicy.Parse(policy.ReadToEnd(), "assistance-policy.json"));
    }

    /// <summary>Both files together: the policy's region must be in the guidelines.</summary>
    public static FinancialAssistance Create(PovertyGuidelines guidelines, AssistancePolicy policy) =>
        guidelines.Has(policy.Region) ? new(guidelines, policy) : throw new FormatException($"the poverty guidelines of {guidelines.Year} have no rows for the policy's region '{policy.Region}'");
}
