using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Mapping;
using Model = RevenueCycle.Eligibility.Domain.Model;
using UseCases = RevenueCycle.Eligibility.Domain.UseCases;

namespace RevenueCycle.Eligibility.Mapping;

/// <summary>Authorizations between the contract and the domain.</summary>
public static class AuthorizationMappings
{
    public static UseCases.CreateAuthorization ToCommand(this CreateAuthorizationRequest request)
    {
        var v = new Validator();
        var a = request.Authorization;
        if (a is null)
        {
            v.Add("authorization", "is required").ThrowIfInvalid();
        }

        v.Require(a!.AuthorizationId.Length == 0 && a.UnitsUsed == 0 && a.UnitsLeft == 0 && a.Version == 0, "authorization.authorization_id", "and the units used, left and version are set by the service");
        var command = new UseCases.CreateAuthorization(
            ((int)a.Kind).ToDomainEnum<Model.AuthorizationKind>(v, "authorization.kind"), a.Number, a.PayerId, a.PatientId, a.CoverageId, [.. a.ProcedureCodes], a.UnitsApproved,
            a.From.ToDateOnly(v, "authorization.from"), a.To.ToDateOnly(v, "authorization.to"));
        v.ThrowIfInvalid();
        return command;
    }

    public static Authorization ToProto(this Versioned<Model.Authorization> versioned)
    {
        var a = versioned.Value;
        var proto = new Authorization
        {
            AuthorizationId = a.AuthorizationId, Kind = (AuthorizationKind)a.Kind, Number = a.Number, PayerId = a.PayerId, PatientId = a.PatientId, CoverageId = a.CoverageId,
            UnitsApproved = a.UnitsApproved, From = a.From.ToProto(), To = a.To.ToProto(), UnitsUsed = a.UnitsUsed, UnitsLeft = a.UnitsLeft, Version = versioned.Version,
        };
        proto.ProcedureCodes.AddRange(a.ProcedureCodes);
        return proto;
    }

    public static IReadOnlyList<Model.AuthorizedService> ToDomain(this CheckAuthorizationRequest request, Validator v) =>
        request.Services.Select((s, i) => new Model.AuthorizedService(s.ProcedureCode, s.Units,
            s.DateOfService.ToDateOnly(v, $"services[{i}].date_of_service") ?? DateOnly.MinValue)).ToList();

    public static CheckAuthorizationResponse ToProto(this Model.AuthorizationCheck check) => new()
    {
        Status = (AuthorizationStatus)check.Status,
        Authorization = check.Authorization is { } a ? new Versioned<Model.Authorization>(a, 0).ToProto() : null,
        Message = check.Message,
    };
}
