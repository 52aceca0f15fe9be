namespace RevenueCycle.BuildingBlocks.Claims;

/// <summary>National Provider Identifier checks (CMS: Luhn over the 9-digit base prefixed with 80840), for the scrubber and Good Faith Estimates.</summary>
public static class Npi
{
    public static bool IsValid(string? npi)
    {
        if (npi is not { Length: 10 } || !npi.All(char.IsAsciiDigit))
        {
            return false;
        }

        // Luhn over "80840" + the first nine digits: the prefix's doubled-digit sum is the constant 24.
        var sum = 24;
        for (var i = 0; i < 9; i++)
        {
            var digit = npi[8 - i] - '0';
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

        var check = (10 - (sum % 10)) % 10;
        return npi[9] - '0' == check;
    }
}
