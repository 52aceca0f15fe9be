using System.Globalization;

namespace RevenueCycle.ReferenceData.Io;

internal static class Dates
{
    /// <summary>CMS <c>YYYYMMDD</c> dates; empty is null, anything else that is not a date refuses the row.</summary>
    public static DateOnly? ParseCms(string text, CsvFile file, int line, string column)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw file.Error(line, $"{column} '{text}' is not a YYYYMMDD date");
    }

    /// <summary>First day of a federal fiscal year: FY2024 starts 2023-10-01.</summary>
    public static DateOnly FiscalYearStart(int fiscalYear) => new(fiscalYear - 1, 10, 1);
}
