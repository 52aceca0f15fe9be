namespace RevenueCycle.BuildingBlocks.Claims;

/// <summary>National Provider Identifier checks (CMS: Luhn over the 9-digit base prefixed with 80840), for the scrubber and Good Faith Estimates.</summary>
public static class Npi
{
    public static bool IsValid(string? npi) =>
        npi is { Length: 10 } && npi.All(char.IsAsciiDigit) && npi[9] == CheckDigit(npi.AsSpan(0, 9));

    /// <summary>A 10-digit NPI from its 9-digit base: the base and its check digit.</summary>
    public static string WithCheckDigit(string nineDigits) =>
        nineDigits is { Length: 9 } && nineDigits.All(char.IsAsciiDigit)
            ? nineDigits + CheckDigit(nineDigits)
            : throw new ArgumentException("An NPI's base is nine digits.", nameof(nineDigits));

    /// <summary>Luhn over "80840" + the nine digits: the prefix's doubled-digit sum is the constant 24.</summary>
    private static char CheckDigit(ReadOnlySpan<char> nineDigits)
    {
        var sum = 24;
        for (var i = 0; i < 9; i++)
        {
            var digit = nineDigits[8 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return (char)('0' + (10 - (sum % 10)) % 10);
    }
}
