using System.Globalization;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Eligibility.Domain.Model;

namespace RevenueCycle.Eligibility.Domain.UseCases;

/// <summary>Records an authorization. Field paths in errors follow the <c>CreateAuthorizationRequest</c> contract.</summary>
public sealed record CreateAuthorization(
    AuthorizationKind Kind,
    string Number,
    string PayerId,
    string PatientId,
    string CoverageId,
    IReadOnlyList<string> ProcedureCodes,
    int UnitsApproved,
    DateOnly? From,
    DateOnly? To);

/// <summary>
/// Authorizations and referrals the payer granted: recorded by the front desk, checked by the scrubber before a claim
/// goes out, and used up as claims go out (claim-submitted, through the front-end handler: each line's units against the patient's authorization with
/// that payer that covers its code on its date; a replacement replaces its claim's count, a void gives it back).
/// </summary>
public sealed class AuthorizationUseCases(IDocumentStore store, TimeProvider clock)
{
    private static string Key(string id) => $"authorization:{id}";

    private static string PatientIndex(string patientId) => $"authorizations-of:{patientId}";

    public Task<Versioned<Authorization>> CreateAsync(string idempotencyKey, CreateAuthorization command, CancellationToken cancellationToken)
    {
        Validate(idempotencyKey, command);
        return store.ExecuteAsync(idempotencyKey, DocumentStoreExtensions.Fingerprint(command), changes =>
        {
            var authorization = new Authorization(
                "auth_" + Guid.CreateVersion7().ToString("N"), command.Kind, command.Number.Trim(), command.PayerId.Trim(), command.PatientId.Trim(), command.CoverageId.Trim(),
                command.ProcedureCodes.Select(c => c.Trim().ToUpperInvariant()).Distinct().ToArray(), command.UnitsApproved, command.From!.Value, command.To!.Value,
                new Dictionary<string, int>(), clock.GetUtcNow());
            changes.Put(Key(authorization.AuthorizationId), authorization, ChangeSet.New)
                .Index(PatientIndex(authorization.PatientId), authorization.AuthorizationId, authorization.From.DayNumber);
            return Task.FromResult(new Versioned<Authorization>(authorization, 1));
        }, cancellationToken: cancellationToken);
    }

    public async Task<Versioned<Authorization>> GetAsync(string authorizationId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(authorizationId, "authorization_id").ThrowIfInvalid();
        return await store.GetAsync<Authorization>(Key(authorizationId), cancellationToken) ?? throw new NotFoundException("Authorization", authorizationId);
    }

    /// <summary>The patient's authorizations, newest start first.</summary>
    public async Task<IReadOnlyList<Versioned<Authorization>>> ListAsync(string patientId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(patientId, "patient_id", 64).ThrowIfInvalid();
        var ids = await store.RangeAsync(PatientIndex(patientId.Trim()), null, 200, descending: true, cancellationToken: cancellationToken);
        return await store.GetManyAsync<Authorization>(ids.Select(i => Key(i.Member)).ToList(), cancellationToken);
    }

    /// <summary>
    /// Whether the authorization numbered <paramref name="number"/> covers a claim's services: on file for this payer and
    /// patient, in force on each date, naming each code, with units left for them (not counting what
    /// <paramref name="claimId"/> itself already used: a claim scrubbed again is not refused for its own units).
    /// </summary>
    public async Task<AuthorizationCheck> CheckAsync(string payerId, string patientId, string number, IReadOnlyList<AuthorizedService> services, string claimId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(payerId, "payer_id", 80).RequireText(patientId, "patient_id", 64).RequireText(number, "number", 50)
            .Require(services.Count > 0, "services", "must name at least one service").ThrowIfInvalid();
        var found = (await ListAsync(patientId, cancellationToken)).Select(a => a.Value)
            .FirstOrDefault(a => string.Equals(a.Number, number.Trim(), StringComparison.OrdinalIgnoreCase) && string.Equals(a.PayerId, payerId.Trim(), StringComparison.OrdinalIgnoreCase));
        if (found is null)
        {
            return new AuthorizationCheck(AuthorizationStatus.NotFound, null, $"No authorization {number.Trim()} from payer {payerId.Trim()} is on file for the patient.");
        }

        if (services.FirstOrDefault(s => s.DateOfService < found.From || s.DateOfService > found.To) is { } late)
        {
            return new AuthorizationCheck(AuthorizationStatus.Expired, found, string.Create(CultureInfo.InvariantCulture,
                $"Authorization {found.Number} is valid {found.From:yyyy-MM-dd} to {found.To:yyyy-MM-dd}; a service on {late.DateOfService:yyyy-MM-dd} is outside it."));
        }

        if (services.FirstOrDefault(s => !found.Covers(s.ProcedureCode)) is { } other)
        {
            return new AuthorizationCheck(AuthorizationStatus.CodeNotCovered, found, $"Authorization {found.Number} does not cover {other.ProcedureCode} (it covers {string.Join(", ", found.ProcedureCodes)}).");
        }

        var used = found.UnitsByClaim.Where(u => u.Key != claimId).Sum(u => u.Value);
        var asked = services.Sum(s => Math.Max(1, s.Units));
        return used + asked > found.UnitsApproved
            ? new AuthorizationCheck(AuthorizationStatus.UnitsExhausted, found, string.Create(CultureInfo.InvariantCulture,
                $"Authorization {found.Number} approved {found.UnitsApproved} units; {used} are used by other claims and this claim needs {asked}."))
            : new AuthorizationCheck(AuthorizationStatus.Valid, found, string.Create(CultureInfo.InvariantCulture, $"Authorization {found.Number}: {found.UnitsApproved - used - asked} units left after this claim."));
    }

    /// <summary>A claim went out: its lines use units of the patient's authorizations with that payer, once per event.</summary>
    public Task HandleAsync(ClaimSubmittedIntegrationEvent submitted, CancellationToken cancellationToken) =>
        store.HandleOnceAsync(submitted.Id, changes => ConsumeAsync(submitted, changes, cancellationToken), cancellationToken);

    /// <summary>
    /// The units a submitted claim uses, into <paramref name="changes"/>: each line against the patient's authorization with
    /// the claim's payer that covers its code on its date; a replacement replaces the claim's count, a void gives it back.
    /// </summary>
    public async Task ConsumeAsync(ClaimSubmittedIntegrationEvent submitted, ChangeSet changes, CancellationToken cancellationToken)
    {
        if (submitted.PatientId.Length == 0)
        {
            return;
        }

        var voided = submitted.Frequency == "8";
        foreach (var versioned in await ListAsync(submitted.PatientId, cancellationToken))
        {
            var authorization = versioned.Value;
            if (!string.Equals(authorization.PayerId, submitted.PayerId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var units = voided ? 0 : submitted.Lines
                .Where(l => authorization.Covers(l.ProcedureCode) && l.ServiceDate is { } d && d >= authorization.From && d <= authorization.To)
                .Sum(l => (int)Math.Max(1, l.Units));
            if (units == authorization.UnitsByClaim.GetValueOrDefault(submitted.ClaimId))
            {
                continue;
            }

            var byClaim = authorization.UnitsByClaim.ToDictionary(u => u.Key, u => u.Value);
            if (units == 0)
            {
                byClaim.Remove(submitted.ClaimId);
            }
            else
            {
                byClaim[submitted.ClaimId] = units;
            }

            changes.Put(Key(authorization.AuthorizationId), authorization with { UnitsByClaim = byClaim }, versioned.Version);
        }
    }

    private static void Validate(string idempotencyKey, CreateAuthorization c)
    {
        var v = new Validator()
            .RequireText(idempotencyKey, "idempotency_key", 128)
            .Require(c.Kind != AuthorizationKind.Unspecified, "authorization.kind", "is required (prior authorization or referral)")
            .RequireText(c.Number, "authorization.number", 50)
            .RequireText(c.PayerId, "authorization.payer_id", 80)
            .RequireText(c.PatientId, "authorization.patient_id", 64)
            .Require(c.ProcedureCodes.Count is > 0 and <= 100, "authorization.procedure_codes", "must name 1 to 100 codes or ranges")
            .Require(c.UnitsApproved is > 0 and <= 100_000, "authorization.units_approved", "must be between 1 and 100000")
            .Require(c.From.HasValue, "authorization.from", "is required")
            .Require(c.To.HasValue, "authorization.to", "is required");
        // X12 REF02 allows 50 characters; a delimiter in it would break the 837.
        v.Require(c.Number.Trim().All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' or '/'), "authorization.number", "may hold letters, digits, '-', '.' and '/' only");
        for (var i = 0; i < c.ProcedureCodes.Count; i++)
        {
            var code = c.ProcedureCodes[i].Trim().ToUpperInvariant();
            var parts = code.Split('-');
            v.Require(parts.Length is 1 or 2 && parts.All(p => p.Length == 5 && p.All(char.IsAsciiLetterOrDigit)) && (parts.Length == 1 || string.CompareOrdinal(parts[0], parts[1]) <= 0),
                $"authorization.procedure_codes[{i}]", "must be a 5-character CPT/HCPCS code or a range such as 70551-70553");
        }

        if (c.From is { } from && c.To is { } to)
        {
            v.Require(to >= from, "authorization.to", "is before from");
        }

        v.ThrowIfInvalid();
    }
}
