using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.X12.Claims;

/// <summary>Conversions between the claim model and X12 element values.</summary>
public static class X12Values
{
    /// <summary>Cents as an X12 decimal (R): 12500 -> "125", 12550 -> "125.5", -5 -> "-0.05".</summary>
    public static string Amount(long cents)
    {
        var sign = cents < 0 ? "-" : "";
        var value = Math.Abs((decimal)cents) / 100m;
        return sign + value.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>The largest amount, in dollars, whose cents fit a long.</summary>
    private const decimal MaxAmount = long.MaxValue / 100m;

    /// <summary>An X12 decimal as cents; null when it is not a number, has more than two decimals or does not fit in cents (a long).</summary>
    public static long? Cents(string value) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
        && Math.Abs(amount) <= MaxAmount && amount * 100m == Math.Truncate(amount * 100m)
            ? (long)(amount * 100m)
            : null;

    /// <summary>
    /// A count (units, a quantity) as the claim model keeps it, whole and unsigned: fractions are cut; null when it is
    /// not a number, is negative or does not fit (the guide allows 15 digits, the model 4,294,967,295).
    /// </summary>
    public static uint? Count(string value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var count) && count <= uint.MaxValue ? (uint)count : null;

    public static string Date(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string value) =>
        DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>D8 single date or RD8 range ("20240815-20240820").</summary>
    public static (DateOnly? From, DateOnly? To) ParsePeriod(string qualifier, string value) => qualifier switch
    {
        "RD8" when value.Split('-') is [var from, var to] => (ParseDate(from), ParseDate(to)),
        _ => (ParseDate(value), null),
    };

    public static string Sex(Sex sex) => sex switch { BuildingBlocks.Claims.Sex.Female => "F", BuildingBlocks.Claims.Sex.Male => "M", _ => "U" };

    public static Sex ParseSex(string value) => value switch { "F" => BuildingBlocks.Claims.Sex.Female, "M" => BuildingBlocks.Claims.Sex.Male, "U" => BuildingBlocks.Claims.Sex.Unknown, _ => BuildingBlocks.Claims.Sex.Unspecified };

    /// <summary>Individual relationship code (SBR02, PAT01) of the patient to the subscriber.</summary>
    public static string RelationshipCode(Relationship relationship) => relationship switch
    {
        Relationship.Self => "18",
        Relationship.Spouse => "01",
        Relationship.Child => "19",
        _ => "G8",
    };

    public static Relationship ParseRelationship(string code) => code switch
    {
        "18" => Relationship.Self,
        "01" => Relationship.Spouse,
        "19" => Relationship.Child,
        "" => Relationship.Unspecified,
        _ => Relationship.Other,
    };

    /// <summary>An ICD-10-CM code as the claim model writes it: the 837 carries no dot (E119), the model does (E11.9).</summary>
    public static string Diagnosis(string x12Code) => x12Code.Length > 3 && !x12Code.Contains('.', StringComparison.Ordinal) ? $"{x12Code[..3]}.{x12Code[3..]}" : x12Code;

    public static string Units(uint units) => units.ToString(CultureInfo.InvariantCulture);
}
