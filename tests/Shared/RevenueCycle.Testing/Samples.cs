using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Testing;

/// <summary>Valid sample data (no real person) that each test changes in one place to test one rule.</summary>
public static class Samples
{
    /// <summary>A check-digit-valid NPI (the example NPI in CMS's NPI check-digit guidance).</summary>
    public const string ValidNpi = "1234567893";

    public static readonly DateOnly DateOfService = new(2026, 3, 2);

    public static Address Address(string zip = "432151234") => new("100 Main St", "", "Columbus", "OH", zip, "");

    public static Provider BillingProvider() => new(ValidNpi, "207Q00000X", "123456789", EntityType.Organization, "Sample Family Practice", PersonName.Empty, Address());

    public static Claim Claim(string claimId = "") => new(
        claimId, ClaimType.Professional, "", ClaimFrequency.Original, "", "", "",
        BillingProvider(), null, null,
        new Patient("pat-001", "MRN001", new PersonName("Doe", "Jane", "", ""), new DateOnly(1970, 5, 1), Sex.Female, Address(), "acct-001"),
        new Subscriber("MEMBER001", "GRP1", new PersonName("Doe", "Jane", "", ""), new DateOnly(1970, 5, 1), Sex.Female, Address(), Relationship.Self),
        new Payer("12345", "Sample Health Plan", "CI", Address()),
        "", "11",
        [new Diagnosis("E11.9", ""), new Diagnosis("I10", "")],
        [
            Line(1, "99213", 12_500, [1, 2]),
            Line(2, "82947", 2_000, [1]),
        ],
        0, null, "");

    public static ServiceLine Line(uint number, string code, long chargeCents, uint[] pointers, params string[] modifiers) =>
        new(number, code, modifiers, 1, chargeCents, "", pointers, "", DateOfService, null, null, null, "");
}
