using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Testing;
using RevenueCycle.X12.Claims;
using RevenueCycle.X12.Model;

namespace RevenueCycle.X12.Tests.Claims;

/// <summary>837P and 837I generated from the claim model: clean against the implementation guides, and read back the same.</summary>
public sealed class Claim837Tests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);
    private static readonly Submitter837 Submitter = new("SAMPLE FAMILY PRACTICE", "SUBMITTER01", "BILLING OFFICE", "6145550100", "SAMPLE CLEARINGHOUSE", "CLEARINGHOUSE");
    private static readonly InterchangeHeader Header = new("ZZ", "SUBMITTER01", "ZZ", "CLEARINGHOUSE", 123, Production: false);

    private static Claim Professional(string id = "C1") => Samples.Claim(id) with
    {
        PatientControlNumber = id,
        PriorAuthorizationNumber = "AUTH-77",
        Lines = Samples.Claim(id).Lines.Select((l, i) => l with { LineItemControlNumber = $"{id}-{i + 1}", Modifiers = i == 0 ? ["25"] : [] }).ToArray(),
    };

    private static Claim Institutional(string id = "I1") => Samples.Claim(id) with
    {
        Type = ClaimType.Institutional, PatientControlNumber = id, PlaceOfService = "",
        Diagnoses = [new Diagnosis("J18.9", "Y"), new Diagnosis("I10", "N")],
        Institutional = new InstitutionalInfo("0131", null, "", "1", "7", null, "", "01", Samples.BillingProvider() with { EntityType = EntityType.Person, OrganizationName = "", Name = new PersonName("WELBY", "MARCUS", "", "") }, ""),
        Lines =
        [
            Samples.Line(1, "71046", 25_000, []) with { RevenueCode = "0324", LineItemControlNumber = "I1-1" },
            Samples.Line(2, "", 4_000, []) with { RevenueCode = "0250", LineItemControlNumber = "I1-2" },
        ],
    };

    private static X12Document RoundTrip(params Claim[] claims) => X12Reader.Parse(Claim837Batch.Write(claims, Submitter, Header, At));

    private static Claim WithoutIds(Claim claim) => claim with
    {
        ClaimId = "", CoverageId = "", EncounterId = "",
        Patient = claim.Patient! with { PatientId = "", MedicalRecordNumber = "", AccountId = "" },
    };

    [Fact]
    public void Professional_PassesTheGuide_AndReadsBackTheSameClaim()
    {
        var claim = Professional();

        var document = RoundTrip(claim);

        Assert.True(document.IsValid, string.Join("\n", document.Errors));
        var transaction = Assert.Single(document.Transactions);
        Assert.Equal("005010X222A1", transaction.Version);
        var read = Assert.Single(Claim837Reader.Read(transaction));
        Assert.Equivalent(WithoutIds(claim) with { TotalChargeCents = 14_500 }, read, strict: true);
    }

    [Fact]
    public void Professional_CarriesTheClaimAndLineReferences()
    {
        var text = Claim837Batch.Write([Professional() with { Frequency = ClaimFrequency.Replacement, PayerClaimControlNumber = "ICN-1", ReferralNumber = "REF-9" }], Submitter, Header, At);

        Assert.Contains("CLM*C1*145***11:B:7*Y*A*Y*Y~", text);
        Assert.Contains("REF*G1*AUTH-77~", text);
        Assert.Contains("REF*9F*REF-9~", text);
        Assert.Contains("REF*F8*ICN-1~", text);
        Assert.Contains("HI*ABK:E119*ABF:I10~", text);
        Assert.Contains("SV1*HC:99213:25*125*UN*1***1:2~", text);
        Assert.Contains("REF*6R*C1-2~", text);
        Assert.Contains("N4*Columbus*OH*432151234~", text);
    }

    [Fact]
    public void Institutional_PassesTheGuide_AndReadsBack()
    {
        var claim = Institutional();

        var document = RoundTrip(claim);

        Assert.True(document.IsValid, string.Join("\n", document.Errors));
        var transaction = Assert.Single(document.Transactions);
        Assert.Equal("005010X223A2", transaction.Version);
        var read = Assert.Single(Claim837Reader.Read(transaction));
        Assert.Equal("0131", read.Institutional!.TypeOfBill);
        Assert.Equal(["0324", "0250"], read.Lines.Select(l => l.RevenueCode));
        Assert.Equal([new Diagnosis("J18.9", "Y"), new Diagnosis("I10", "N")], read.Diagnoses);
        Assert.Equal("WELBY", read.Institutional.AttendingProvider!.Name.Last);
    }

    [Fact]
    public void DependentPatient_GetsTheirOwnHierarchicalLevel()
    {
        var claim = Professional() with
        {
            Subscriber = Professional().Subscriber! with { RelationshipToPatient = Relationship.Child, Name = new PersonName("DOE", "JOHN", "", "") },
            Patient = Professional().Patient! with { Name = new PersonName("DOE", "JIMMY", "", ""), DateOfBirth = new DateOnly(2015, 6, 1) },
        };

        var document = RoundTrip(claim);

        Assert.True(document.IsValid, string.Join("\n", document.Errors));
        var subscriber = document.Transactions.Single().Root.Child("2000A")!.Child("2000B")!;
        Assert.Equal("1", subscriber.Segment("HL")![4]);
        var patient = subscriber.Child("2000C")!;
        Assert.Equal(("3", "2", "23", "19"), (patient.Segment("HL")![1], patient.Segment("HL")![2], patient.Segment("HL")![3], patient.Segment("PAT")![1]));
        Assert.Equal("JIMMY", Claim837Reader.Read(document.Transactions.Single()).Single().Patient!.Name.First);
    }

    [Fact]
    public void SecondaryClaim_CarriesThePrimarysAdjudication()
    {
        var primary = new OtherPayer(
            new Payer("MEDICARE", "MEDICARE PART B", "MB", Address.Empty),
            Professional().Subscriber!, "ICN-PRIMARY", 9_600,
            [new PayerAdjustment("CO", "45", 2_400)], new DateOnly(2026, 3, 20),
            [
                new OtherPayerLine(1, "99213", ["25"], 8_000, 1, [new PayerAdjustment("CO", "45", 2_000), new PayerAdjustment("PR", "2", 2_500)], new DateOnly(2026, 3, 20)),
                new OtherPayerLine(2, "82947", [], 1_600, 1, [new PayerAdjustment("CO", "45", 400)], new DateOnly(2026, 3, 20)),
            ]);
        var claim = Professional() with { OtherPayers = [primary] };

        var document = RoundTrip(claim);

        Assert.True(document.IsValid, string.Join("\n", document.Errors));
        var text = Claim837Batch.Write([claim], Submitter, Header, At);
        Assert.Contains("SBR*S*18*", text);
        Assert.Contains("AMT*D*96~", text);
        Assert.Contains("SVD*MEDICARE*80*HC:99213:25**1~", text);
        Assert.Contains("CAS*CO*45*20~\nCAS*PR*2*25~", text);
        Assert.Contains("DTP*573*D8*20260320~", text);
        var read = Claim837Reader.Read(document.Transactions.Single()).Single();
        var other = Assert.Single(read.PriorPayers);
        Assert.Equal(("MEDICARE", 9_600L, "ICN-PRIMARY"), (other.Payer.PayerId, other.PaidCents, other.PayerClaimControlNumber));
        Assert.Equal([8_000L, 1_600L], other.Lines.Select(l => l.PaidCents));
        Assert.Equal(2, other.Lines[0].Adjustments.Count);
    }

    [Fact]
    public void ManyClaims_GroupByBillingProviderAndSubscriber_AndSplitByType()
    {
        var other = Samples.BillingProvider() with { Npi = "1245319599", TaxId = "987654321" };
        Claim[] claims =
        [
            Professional("A1"), Professional("A2"),
            Professional("B1") with { BillingProvider = other },
            Professional("C1") with { Subscriber = Professional().Subscriber! with { MemberId = "MEMBER002" } },
            Institutional("I1"),
        ];

        var document = RoundTrip(claims);

        Assert.True(document.IsValid, string.Join("\n", document.Errors));
        var groups = document.Interchanges.Single().Groups;
        Assert.Equal(["005010X222A1", "005010X223A2"], groups.Select(g => g.Gs[8]));
        var professional = groups[0].Transactions.Single();
        Assert.Equal(2, professional.Root.Children("2000A").Count());
        Assert.Equal([2, 1], professional.Root.Children("2000A").Select(b => b.Children("2000B").Count()));
        Assert.Equal(["A1", "A2", "C1", "B1"], Claim837Reader.Read(professional).Select(c => c.PatientControlNumber));
    }

    [RequiresSharedData]
    [Fact]
    public void SharedSamples_ReadAsClaims()
    {
        using var stream = File.OpenRead(SharedData.File("x12-samples", "837P", "uhin-837p.edi"));
        var transaction = X12Reader.Parse(stream).Transactions.Single();

        var claim = Assert.Single(Claim837Reader.Read(transaction));

        Assert.Equal(("1606", 200L, "90834", "FLHIN"), (claim.PatientControlNumber, claim.TotalChargeCents, claim.Lines.Single().ProcedureCode, claim.Payer!.PayerId));
        Assert.Equal((new DateOnly(2024, 8, 15), new DateOnly(2024, 8, 20)), (claim.Lines[0].ServiceDateFrom!.Value, claim.Lines[0].ServiceDateTo!.Value));
        Assert.Equal("1245319599", claim.BillingProvider!.Npi);
    }
}
