using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Demo;

/// <summary>A service line of a visit: the procedure, its modifiers, charge and the diagnoses (1-based) it points to.</summary>
public sealed record DemoLine(string Code, IReadOnlyList<string> Modifiers, long ChargeCents, IReadOnlyList<uint> Pointers);

/// <summary>A made-up patient: no real person. Ids are RevenueCycle's opaque ids, the account is the guarantor's.</summary>
public sealed record DemoPatient(string PatientId, string AccountId, string First, string Last, DateOnly BirthDate, bool Female, string Line1, string City, string State, string Zip);

/// <summary>
/// One encounter of the batch: who, when, with whom, the note a clinician wrote, what a certified coder would code
/// (the gold diagnoses the suggestion is measured against, the procedures of the visit) and the payer sandbox's
/// scenario its member id selects (docs/SANDBOX.md), with the coverage the registrar finds when the first is wrong.
/// </summary>
public sealed record DemoEncounter(
    int Number,
    string ClaimId,
    char Scenario,
    string Specialty,
    DemoPatient Patient,
    string MemberId,
    string? FixMemberId,
    DateOnly ServiceDate,
    TimeOnly Appointment,
    string ProviderNpi,
    string Note,
    IReadOnlyList<string> GoldDiagnoses,
    IReadOnlyList<DemoLine> Lines);

/// <summary>
/// The seeded generator of a demo batch: the same count and seed always give the same encounters, ids included, so
/// running a batch again changes nothing (every call carries an idempotency key) and a new seed gives a new batch.
/// The mix makes every sandbox scenario and every denial root cause occur once the batch has at least
/// <see cref="Guaranteed"/>.Length encounters; the rest are drawn with a realistic weight (most claims pay clean).
/// </summary>
public static class DemoBatch
{
    /// <summary>
    /// One of each, first: clean, deductible, coding denial (X), 277CA rejection (R), coverage ended (I), another payer
    /// primary (C), authorization missing (A), filed late (L, billing), recoupment (P), pended (N), payer unavailable at
    /// eligibility time (U) and silent (T: the check waits out the payer timeout, 15 s by default, then answers unavailable).
    /// </summary>
    public static readonly char[] Guaranteed = ['1', 'D', 'X', 'R', 'I', 'C', 'A', 'L', 'P', 'N', 'U', 'T'];

    private static readonly (char Scenario, int Weight)[] Weights =
        [('1', 46), ('D', 20), ('X', 10), ('R', 3), ('I', 4), ('C', 3), ('A', 4), ('L', 3), ('P', 3), ('N', 2), ('U', 2)];

    public const int MaxEncounters = 10_000;

    /// <summary>The rendering providers by specialty: made-up NPIs with a valid check digit.</summary>
    private static readonly Dictionary<string, string[]> Providers = new(StringComparer.Ordinal)
    {
        ["family medicine"] = [Npi.WithCheckDigit("124531959"), Npi.WithCheckDigit("131415161")],
        ["pulmonology"] = [Npi.WithCheckDigit("167957672")],
        ["orthopedics"] = [Npi.WithCheckDigit("100300012")],
        ["cardiology"] = [Npi.WithCheckDigit("153814491")],
        ["internal medicine"] = [Npi.WithCheckDigit("149775854")],
        ["behavioral health"] = [Npi.WithCheckDigit("188169787")],
    };

    /// <summary>The clinic's own NPI (an organization, type 2): never a person's.</summary>
    public static readonly string BillingNpi = Npi.WithCheckDigit("123456789");

    private sealed record Template(string Specialty, string[] Notes, string[] Gold, DemoLine[] Lines);

    // Notes as clinicians write them, negations included ("denies", "no"): what the suggestion must not code.
    private static readonly Template[] Templates =
    [
        new("family medicine",
            [
                "Follow-up of type 2 diabetes mellitus without complications. Essential hypertension, well controlled on lisinopril. Denies chest pain or shortness of breath. Fingerstick glucose done in the office.",
                "Type 2 diabetes mellitus, A1c 7.4, no hypoglycemia. Hypertension stable. No chest pain. Office glucose check today.",
            ],
            ["E11.9", "I10"], [new("99213", [], 12_500, [1, 2]), new("82947", [], 2_000, [1])]),
        new("pulmonology",
            [
                "Chronic obstructive pulmonary disease, stable on tiotropium. No fever, no pneumonia. Spirometry performed today.",
                "COPD follow-up: dyspnea on exertion unchanged, denies fever. Spirometry repeated.",
            ],
            ["J44.9"], [new("99214", [], 17_500, [1]), new("94010", [], 6_500, [1])]),
        new("orthopedics",
            [
                "Primary osteoarthritis of the right knee with pain on weight bearing. No effusion. Corticosteroid injection into the right knee joint.",
                "Right knee osteoarthritis, worse after walking. Denies trauma. Right knee joint injection performed.",
            ],
            ["M17.11"], [new("99213", ["25"], 12_500, [1]), new("20610", ["RT"], 18_000, [1])]),
        new("cardiology",
            [
                "Atrial fibrillation, rate controlled on metoprolol. Essential hypertension. Denies syncope. Twelve-lead ECG with interpretation.",
                "Paroxysmal palpitations from known atrial fibrillation; blood pressure elevated, hypertension. ECG obtained and read.",
            ],
            ["I48.91", "I10"], [new("99214", [], 17_500, [1, 2]), new("93000", [], 4_500, [1])]),
        new("internal medicine",
            [
                "Community acquired pneumonia, right lower lobe, improving on antibiotics. No sepsis. Chest x-ray two views.",
                "Pneumonia follow-up, cough improving, afebrile. Denies chest pain. Repeat chest radiograph, two views.",
            ],
            ["J18.9"], [new("99214", [], 17_500, [1]), new("71046", [], 9_000, [1])]),
        new("behavioral health",
            [
                "Generalized anxiety disorder, worry and poor sleep. Denies suicidal ideation. Psychotherapy 45 minutes; GAD-7 administered.",
                "Generalized anxiety disorder, improving with therapy. No panic attacks. Psychotherapy session, 45 minutes, and a brief emotional assessment.",
            ],
            ["F41.1"], [new("90834", [], 15_000, [1]), new("96127", [], 2_500, [1])]),
    ];

    private static readonly string[] FirstNames = ["Avery", "Jordan", "Morgan", "Riley", "Casey", "Quinn", "Rowan", "Sawyer", "Emerson", "Finley", "Harper", "Kendall", "Logan", "Parker", "Reese", "Sage"];
    private static readonly string[] LastNames = ["Testpatient", "Samplefield", "Demoson", "Mockridge", "Fakeworth", "Synthwell", "Placeholt", "Trialmore", "Exampleton", "Notreal"];
    private static readonly (string City, string State, string Zip)[] Cities = [("Columbus", "OH", "43215"), ("Dayton", "OH", "45402"), ("Toledo", "OH", "43604"), ("Akron", "OH", "44308")];

    /// <summary>
    /// The batch: <paramref name="count"/> encounters seeded by <paramref name="seed"/>, dates of service up to 300 days
    /// before <paramref name="today"/>; without <paramref name="silentPayer"/> the silent payer (T) is an unavailable one (U).
    /// </summary>
    public static IReadOnlyList<DemoEncounter> Generate(int count, int seed, DateOnly today, bool silentPayer = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxEncounters);
        var random = new Random(seed);
        var total = Weights.Sum(w => w.Weight);
        var encounters = new List<DemoEncounter>(count);
        for (var n = 1; n <= count; n++)
        {
            var scenario = n <= Guaranteed.Length ? Guaranteed[n - 1] : Draw(random.Next(total));
            scenario = scenario == 'T' && !silentPayer ? 'U' : scenario; // a benchmark measures work, not a payer's timeout
            var template = Templates[random.Next(Templates.Length)];
            var providers = Providers[template.Specialty];
            var female = random.Next(2) == 0;
            var (city, state, zip) = Cities[random.Next(Cities.Length)];
            // The day is in the ids: the same seed on the same day is the same batch (a run again changes nothing); another day, another batch.
            var id = $"{today:yyMMdd}-S{seed}-{n:0000}";
            var patient = new DemoPatient($"demo-pat-{id}", $"demo-acct-{id}", FirstNames[random.Next(FirstNames.Length)], LastNames[random.Next(LastNames.Length)],
                new DateOnly(1940 + random.Next(60), 1 + random.Next(12), 1 + random.Next(28)), female, $"{100 + random.Next(9_800)} Example Ave", city, state, zip);
            // The member id's last character is the sandbox scenario; the registrar's corrected coverage pays clean.
            var member = $"RC{seed % 1000:000}{n:00000}{scenario}";
            var fix = scenario is 'I' or 'C' or 'R' ? $"RC{seed % 1000:000}{n:00000}0" : null;
            // Most visits are billed within the month; a pended claim and one visit in eight come from a backlog of
            // 91-150 days, so the A/R over 90 days has something to show; a late-filed one (L) from 150-300 days back.
            var daysAgo = scenario == 'L' ? 150 + random.Next(150) : scenario == 'N' || random.Next(8) == 0 ? 91 + random.Next(60) : 1 + random.Next(30);
            encounters.Add(new DemoEncounter(n, $"DEMO-{id}", scenario, template.Specialty, patient, member, fix, today.AddDays(-daysAgo),
                new TimeOnly(8 + random.Next(9), random.Next(4) * 15), providers[random.Next(providers.Length)], template.Notes[random.Next(template.Notes.Length)],
                template.Gold, template.Lines));
        }

        return encounters;

        char Draw(int ticket)
        {
            foreach (var (scenario, weight) in Weights)
            {
                if (ticket < weight)
                {
                    return scenario;
                }

                ticket -= weight;
            }

            return '1';
        }
    }
}
