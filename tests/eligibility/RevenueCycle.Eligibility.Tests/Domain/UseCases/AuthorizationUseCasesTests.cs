using Microsoft.Extensions.Time.Testing;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.UseCases;
using RevenueCycle.Infrastructure.Storage;

namespace RevenueCycle.Eligibility.Tests.Domain.UseCases;

/// <summary>Authorizations: recorded, checked before a claim goes out, and used up by the claims that go out.</summary>
public sealed class AuthorizationUseCasesTests
{
    private static readonly DateOnly Dos = new(2026, 3, 2);
    private readonly AuthorizationUseCases _authorizations = new(new InMemoryDocumentStore(), new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)));

    private static CreateAuthorization Mri(int units = 2) => new(AuthorizationKind.PriorAuthorization, "PA-12345", "12345", "pat-1", "", ["70551-70553", "72148"], units,
        new DateOnly(2026, 2, 15), new DateOnly(2026, 5, 15));

    private static ClaimSubmittedIntegrationEvent Submitted(string claimId, string frequency = "1", uint units = 1, string code = "70553", string payer = "12345") =>
        new(claimId, 1, frequency, payer, "acct-1", 150_000, [new SubmittedLineCodes($"{claimId}-1", code, [], ["G43909"], Dos, units, 150_000)], "11", "pat-1", "cov-1");

    private async Task<Authorization> Reload(string id) => (await _authorizations.GetAsync(id, TestContext.Current.CancellationToken)).Value;

    [Fact]
    public async Task ClaimsGoingOut_UseUnits_ReplacementsReplaceAndVoidsGiveBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var auth = (await _authorizations.CreateAsync("k1", Mri(units: 3), ct)).Value;

        await _authorizations.HandleAsync(Submitted("C1"), ct);
        var first = Submitted("C2", units: 2);
        await _authorizations.HandleAsync(first, ct);
        await _authorizations.HandleAsync(first, ct); // the same event delivered twice counts once
        Assert.Equal((3, 0), ((await Reload(auth.AuthorizationId)).UnitsUsed, (await Reload(auth.AuthorizationId)).UnitsLeft));

        await _authorizations.HandleAsync(Submitted("C2", frequency: "7", units: 1), ct); // a replacement with one unit
        Assert.Equal(2, (await Reload(auth.AuthorizationId)).UnitsUsed);

        await _authorizations.HandleAsync(Submitted("C1", frequency: "8"), ct); // a void gives its unit back
        await _authorizations.HandleAsync(Submitted("C3", code: "99213"), ct); // not a code it covers
        await _authorizations.HandleAsync(Submitted("C4", payer: "99999"), ct); // another payer
        var after = await Reload(auth.AuthorizationId);
        Assert.Equal(1, after.UnitsUsed);
        Assert.Equal(["C2"], after.UnitsByClaim.Keys);
    }

    [Fact]
    public async Task Check_SaysWhyAnAuthorizationDoesNotCoverAClaim()
    {
        var ct = TestContext.Current.CancellationToken;
        await _authorizations.CreateAsync("k1", Mri(units: 2), ct);
        await _authorizations.HandleAsync(Submitted("C1"), ct);

        Task<AuthorizationCheck> Check(string number, string code, int units, DateOnly dos, string claimId = "C9", string payer = "12345") =>
            _authorizations.CheckAsync(payer, "pat-1", number, [new AuthorizedService(code, units, dos)], claimId, ct);

        Assert.Equal(AuthorizationStatus.Valid, (await Check("PA-12345", "70552", 1, Dos)).Status);
        Assert.Equal(AuthorizationStatus.Valid, (await Check("pa-12345", "72148", 2, Dos, claimId: "C1")).Status); // its own unit is not counted against it
        Assert.Equal(AuthorizationStatus.UnitsExhausted, (await Check("PA-12345", "70552", 2, Dos)).Status);
        Assert.Equal(AuthorizationStatus.Expired, (await Check("PA-12345", "70552", 1, new DateOnly(2026, 6, 1))).Status);
        Assert.Equal(AuthorizationStatus.CodeNotCovered, (await Check("PA-12345", "70450", 1, Dos)).Status);
        Assert.Equal(AuthorizationStatus.NotFound, (await Check("PA-99999", "70552", 1, Dos)).Status);
        Assert.Equal(AuthorizationStatus.NotFound, (await Check("PA-12345", "70552", 1, Dos, payer: "67890")).Status);
        Assert.Contains("approved 2 units; 1 are used by other claims and this claim needs 2", (await Check("PA-12345", "70552", 2, Dos)).Message);
    }

    [Theory]
    [InlineData("PA 1", "authorization.number")]
    [InlineData("PA*1", "authorization.number")]
    [InlineData("", "authorization.number")]
    public async Task Create_BadNumber_IsAFieldErrorAndNothingIsRecorded(string number, string field)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _authorizations.CreateAsync("k1", Mri() with { Number = number }, TestContext.Current.CancellationToken));

        Assert.Equal(field, error.Violations.First().Field);
        Assert.Empty(await _authorizations.ListAsync("pat-1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Create_BadCodesUnitsAndDates_NameEachField()
    {
        var command = Mri() with { ProcedureCodes = ["7055", "70553-70551"], UnitsApproved = 0, To = new DateOnly(2026, 1, 1) };

        var error = await Assert.ThrowsAsync<ValidationException>(() => _authorizations.CreateAsync("k1", command, TestContext.Current.CancellationToken));

        Assert.Equal(["authorization.units_approved", "authorization.procedure_codes[0]", "authorization.procedure_codes[1]", "authorization.to"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Covers_CodesAndRanges()
    {
        var auth = new Authorization("a", AuthorizationKind.PriorAuthorization, "N", "P", "pat", "", ["70551-70553", "G0105"], 1, Dos, Dos, new Dictionary<string, int>(), DateTimeOffset.UnixEpoch);

        Assert.True(auth.Covers("70551"));
        Assert.True(auth.Covers(" 70553 "));
        Assert.True(auth.Covers("g0105"));
        Assert.False(auth.Covers("70554"));
        Assert.False(auth.Covers("7055"));
    }
}
