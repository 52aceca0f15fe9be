using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.Scrubbing.Domain.PayerRules;
using RevenueCycle.Scrubbing.Domain.Rules;

namespace RevenueCycle.Benchmarks;

/// <summary>
/// Five-line professional claims as practices bill them (visits with labs, injections, imaging, debridement,
/// therapy, vaccines, nerve blocks), a quarter with one of the errors a scrubber exists for; seeded, so every run
/// scrubs the same claims.
/// </summary>
public static class ScrubbingWorkload
{
    public static readonly DateOnly DateOfService = new(2024, 8, 15);

    /// <summary>Five-line visits as practices bill them: code, modifiers, units.</summary>
    private static readonly (string Code, string[] Modifiers, uint Units)[][] Visits =
    [
        [("99213", [], 1), ("36415", [], 1), ("82947", [], 1), ("85025", [], 1), ("80061", [], 1)],
        [("99214", ["25"], 1), ("20610", ["RT"], 1), ("J1100", [], 4), ("73560", ["RT"], 1), ("73562", ["LT"], 1)],
        [("G0439", [], 1), ("99213", ["25"], 1), ("90471", [], 1), ("90686", [], 1), ("81002", [], 1)],
        [("11042", [], 1), ("11045", [], 2), ("99213", ["25"], 1), ("J3420", [], 1), ("87880", [], 1)],
        [("97110", [], 3), ("97140", ["59"], 2), ("97530", [], 2), ("97112", [], 1), ("97035", [], 1)],
        [("99204", [], 1), ("71046", [], 1), ("93000", [], 1), ("80053", [], 1), ("36415", [], 1)],
        [("99215", ["25"], 1), ("96372", [], 1), ("J0696", [], 4), ("87880", [], 1), ("G2211", [], 1)],
        [("64483", ["RT"], 1), ("64484", ["RT"], 1), ("72100", [], 1), ("J1100", [], 10), ("99213", ["25"], 1)],
    ];

    /// <summary>The errors that reach a scrubber: a missing 25, a bundled pair, units over the MUE, an add-on alone, a header code.</summary>
    private static readonly Func<ServiceLine[], Diagnosis[], (ServiceLine[], Diagnosis[])>[] Errors =
    [
        (lines, dx) => (lines.Select(l => l.Modifiers.Contains("25") ? l with { Modifiers = [] } : l).ToArray(), dx),
        (lines, dx) => ([.. lines[..3], lines[3] with { ProcedureCode = "29881", Modifiers = ["RT"] }, lines[4] with { ProcedureCode = "29877", Modifiers = ["RT"] }], dx),
        (lines, dx) => ([lines[0] with { Units = lines[0].Units + 2 }, .. lines[1..]], dx),
        (lines, dx) => ([.. lines[..4], lines[4] with { ProcedureCode = "11045", Modifiers = [] }], dx),
        (lines, dx) => (lines, [new Diagnosis("E11", ""), .. dx[1..]]),
    ];

    private static readonly string[] Diagnoses = ["E11.9", "I10", "E78.5", "M17.11", "J06.9", "Z00.00", "M54.50", "R10.9", "L97.412", "E66.9", "K21.9", "F41.1"];

    public static ReferenceDataSet Load(string data) => ReferenceDirectoryLoader.Load(data, ReferenceParts.All);

    public static ScrubContext Context(ReferenceDataSet set) => new(set, PayerRuleSet.Empty, DateOfService.AddDays(20));

    public static Claim[] Claims(int count, int seed = 20240815)
    {
        var random = new Random(seed);
        var address = new Address("100 Main St", "", "Columbus", "OH", "432151234", "");
        var billing = new Provider("1234567893", "207Q00000X", "123456789", EntityType.Organization, "Bench Practice", PersonName.Empty, address);
        var claims = new Claim[count];
        for (var c = 0; c < count; c++)
        {
            var diagnoses = Enumerable.Range(0, random.Next(2, 5)).Select(_ => Diagnoses[random.Next(Diagnoses.Length)]).Distinct().Select(d => new Diagnosis(d, "")).ToArray();
            var lines = Visits[random.Next(Visits.Length)].Select((v, i) => new ServiceLine((uint)(i + 1), v.Code, v.Modifiers, v.Units, 1_000 + random.Next(50_000),
                "", [(uint)random.Next(1, diagnoses.Length + 1)], $"B{c}-{i + 1}", DateOfService, null, null, null, "")).ToArray();
            if (random.Next(4) == 0)
            {
                (lines, diagnoses) = Errors[random.Next(Errors.Length)](lines, diagnoses); // a quarter of the claims carry one error
            }

            var id = $"BENCH{c:D6}";
            claims[c] = new Claim(id, ClaimType.Professional, id, ClaimFrequency.Original, "", "", "", billing, null, null,
                new Patient($"pat-{c}", "", new PersonName("Bench", "Pat", "", ""), new DateOnly(1950 + c % 60, 1 + c % 12, 1 + c % 28), c % 2 == 0 ? Sex.Female : Sex.Male, address, ""),
                new Subscriber($"M{c:D8}", "", new PersonName("Bench", "Pat", "", ""), new DateOnly(1950 + c % 60, 1 + c % 12, 1 + c % 28), Sex.Female, address, Relationship.Self),
                new Payer("12345", "Bench Plan", "CI", address), "", "11", diagnoses, lines, 0, null, "");
        }

        return claims;
    }
}
