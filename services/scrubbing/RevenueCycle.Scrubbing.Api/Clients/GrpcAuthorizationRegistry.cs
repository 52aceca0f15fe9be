using System.Globalization;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Scrubbing.Domain.Ports;

namespace RevenueCycle.Scrubbing.Api.Clients;

/// <summary>
/// Asks the eligibility service, which keeps the authorizations, over gRPC; a deadline keeps a slow answer from holding a
/// scrub. The explanation is rebuilt from the answer's fields so a finding never carries the authorization number.
/// </summary>
public sealed class GrpcAuthorizationRegistry(EligibilityService.EligibilityServiceClient client) : IAuthorizationRegistry
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public async Task<AuthorizationAnswer> CheckAsync(string payerId, string patientId, string number, IReadOnlyList<AuthorizationService> services, string claimId, CancellationToken cancellationToken)
    {
        var request = new CheckAuthorizationRequest { PayerId = payerId, PatientId = patientId, Number = number, ClaimId = claimId };
        request.Services.AddRange(services.Select(s => new AuthorizedService { ProcedureCode = s.ProcedureCode, Units = s.Units, DateOfService = s.DateOfService.ToProto() }));
        var answer = await client.CheckAuthorizationAsync(request, deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
        var a = answer.Authorization;
        return answer.Status switch
        {
            AuthorizationStatus.Valid => new AuthorizationAnswer(AuthorizationVerdict.Valid, ""),
            AuthorizationStatus.Expired when a is not null => new AuthorizationAnswer(AuthorizationVerdict.Expired, $"It is valid {Date(a.From)} to {Date(a.To)}."),
            AuthorizationStatus.Expired => new AuthorizationAnswer(AuthorizationVerdict.Expired, ""),
            AuthorizationStatus.CodeNotCovered => new AuthorizationAnswer(AuthorizationVerdict.CodeNotCovered, a is null ? "" : $"It covers {string.Join(", ", a.ProcedureCodes)}."),
            AuthorizationStatus.UnitsExhausted => new AuthorizationAnswer(AuthorizationVerdict.UnitsExhausted, a is null ? ""
                : string.Create(CultureInfo.InvariantCulture, $"It approved {a.UnitsApproved} units, {a.UnitsUsed} used by claims sent; this claim needs {services.Sum(s => Math.Max(1, s.Units))}.")),
            _ => new AuthorizationAnswer(AuthorizationVerdict.NotFound, ""),
        };
    }

    private static string Date(Google.Type.Date d) => $"{d.Year:D4}-{d.Month:D2}-{d.Day:D2}";
}
