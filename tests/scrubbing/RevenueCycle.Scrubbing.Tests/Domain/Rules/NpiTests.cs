using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Scrubbing.Tests.Domain.Rules;

public sealed class NpiTests
{
    [Theory]
    [InlineData("1234567893", true)]   // CMS's worked example
    [InlineData("1234567890", false)]  // wrong check digit
    [InlineData("123456789", false)]
    [InlineData("12345678931", false)]
    [InlineData("12345A7893", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_ChecksLengthDigitsAndLuhnWithPrefix80840(string? npi, bool expected)
    {
        Assert.Equal(expected, Npi.IsValid(npi));
    }

    [Fact]
    public void IsValid_EveryCheckDigitButOne_IsRejected()
    {
        var valid = Enumerable.Range(0, 10).Where(d => Npi.IsValid($"123456789{d}")).ToArray();

        Assert.Equal([3], valid);
    }

    [Theory]
    [InlineData("123456789", "1234567893")]
    [InlineData("124531959", "1245319599")]
    public void WithCheckDigit_CompletesTheBase(string nine, string npi) => Assert.Equal(npi, Npi.WithCheckDigit(nine));

    [Theory]
    [InlineData("12345678")]
    [InlineData("12345678A")]
    public void WithCheckDigit_RefusesABaseThatIsNotNineDigits(string nine) => Assert.Throws<ArgumentException>(() => Npi.WithCheckDigit(nine));
}
