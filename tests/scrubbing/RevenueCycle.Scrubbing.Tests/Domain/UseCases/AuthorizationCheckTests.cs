using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Infrastructure.Storage;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Demo;
using RevenueCycle.Scrubbing.Domain.PayerRules;
using RevenueCycle.Scrubbing.Domain.Ports;
using RevenueCycle.Scrubbing.Domain.UseCases;
using RevenueCycle.Testing;

namespace RevenueCycle.Scrubbing.Tests.Domain.UseCases;

/// <summary>A claim's prior authorization checked against the authorizations on file before it goes out (front-end findings).</summary>
public sealed class AuthorizationCheckTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Samples.DateOfService.AddDays(3), TimeOnly.MinValue, TimeSpan.Zero));

    /// <summary>A registry that answers what the test says and remembers what it was asked.</summary>
    private sealed class Registry(Func<AuthorizationAnswer> answer) : IAuthorizationRegistry
    {
        public List<(string Payer, string Patient, string Number, IReadOnlyList<AuthorizationService> Services, string ClaimId)> Asked { get; } = [];

        public Task<AuthorizationAnswer> CheckAsync(string payerId, string patientId, string number, IReadOnlyList<AuthorizationService> services, string claimId, CancellationToken cancellationToken)
        {
            Asked.Add((payerId, patientId, number, services, claimId));
            return Task.FromResult(answer());
        }
    }

    private ScrubUseCases Scrubs(IAuthorizationRegistry registry) =>
        new(new InMemoryDocumentStore(), new ReferenceDataCatalog(DemoPack.Load(_clock)), new PayerRuleCatalog(DemoPayerRules.Load()), _clock, registry);

    /// <summary>An office visit and a brain MRI (which Sample Health Plan authorizes) for payer 12345.</summary>
    private static Claim MriClaim(string authorization) => Samples.Claim("MRI1") with
    {
        PatientControlNumber = "MRI1",
        PriorAuthorizationNumber = authorization,
        Lines = [Samples.Line(1, "99213", 12_500, [1]), Samples.Line(2, "70553", 150_000, [1]) with { Units = 1 }],
    };

    [Theory]
    [InlineData(AuthorizationVerdict.NotFound, "PRIOR-AUTH-NOT-ON-FILE")]
    [InlineData(AuthorizationVerdict.Expired, "PRIOR-AUTH-EXPIRED")]
    [InlineData(AuthorizationVerdict.CodeNotCovered, "PRIOR-AUTH-CODE")]
    [InlineData(AuthorizationVerdict.UnitsExhausted, "PRIOR-AUTH-UNITS")]
    public async Task NumberThatDoesNotCoverTheClaim_IsAFrontEndReject(AuthorizationVerdict verdict, string rule)
    {
        var registry = new Registry(() => new AuthorizationAnswer(verdict, "It is valid 2026-01-01 to 2026-02-01."));

        var result = await Scrubs(registry).ValidateAsync(MriClaim("PA-12345"), TestContext.Current.CancellationToken);

        var finding = Assert.Single(result.Findings, f => f.RuleId.StartsWith("PRIOR-AUTH", StringComparison.Ordinal));
        Assert.Equal((rule, Severity.Reject, Owner.FrontEnd, "claim.prior_authorization_number"), (finding.RuleId, finding.Severity, finding.Owner, finding.Field));
        Assert.Equal([2u], finding.LineNumbers);
        Assert.DoesNotContain("PA-12345", finding.Message);
        Assert.False(result.Clean);
        var asked = Assert.Single(registry.Asked);
        Assert.Equal(("12345", "pat-001", "PA-12345", "MRI1"), (asked.Payer, asked.Patient, asked.Number, asked.ClaimId));
        Assert.Equal([new AuthorizationService("70553", 1, Samples.DateOfService)], asked.Services); // only the line that needs it
    }

    [Fact]
    public async Task ValidNumber_NoFinding()
    {
        var result = await Scrubs(new Registry(() => new AuthorizationAnswer(AuthorizationVerdict.Valid, ""))).ValidateAsync(MriClaim("PA-12345"), TestContext.Current.CancellationToken);

        Assert.DoesNotContain(result.Findings, f => f.RuleId.Contains("AUTH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoNumber_IsThePayerRulesFinding_AndTheRegistryIsNotAsked()
    {
        var registry = new Registry(() => throw new InvalidOperationException("not asked"));

        var result = await Scrubs(registry).ValidateAsync(MriClaim(""), TestContext.Current.CancellationToken);

        Assert.Contains(result.Findings, f => f.RuleId == "SHP-MRI-AUTH" && f.Owner == Owner.FrontEnd);
        Assert.Empty(registry.Asked);
    }

    [Fact]
    public async Task RegistryDown_IsAWarningNotARefusal()
    {
        var result = await Scrubs(new Registry(() => throw new HttpRequestException("down"))).ValidateAsync(MriClaim("PA-12345"), TestContext.Current.CancellationToken);

        var finding = Assert.Single(result.Findings, f => f.RuleId.StartsWith("PRIOR-AUTH", StringComparison.Ordinal));
        Assert.Equal(("PRIOR-AUTH-UNVERIFIED", Severity.Warning), (finding.RuleId, finding.Severity));
    }

    [Fact]
    public async Task ClaimWithoutServicesThatNeedAuthorization_IsNotChecked()
    {
        var registry = new Registry(() => new AuthorizationAnswer(AuthorizationVerdict.NotFound, ""));
        var claim = MriClaim("PA-1") with { Lines = [Samples.Line(1, "99213", 12_500, [1])] };

        await Scrubs(registry).ValidateAsync(claim, TestContext.Current.CancellationToken);

        Assert.Empty(registry.Asked);
    }
}
