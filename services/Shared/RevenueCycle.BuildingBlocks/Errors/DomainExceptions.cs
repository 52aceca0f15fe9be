namespace RevenueCycle.BuildingBlocks.Errors;

/// <summary>One invalid field: its path in the request (proto field names, e.g. <c>claim.lines[1].units</c>) and why.</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>The request is malformed; nothing was changed. Maps to INVALID_ARGUMENT with google.rpc.BadRequest.</summary>
public sealed class ValidationException(IReadOnlyList<FieldViolation> violations)
    : Exception(Describe(violations))
{
    public ValidationException(string field, string description) : this([new FieldViolation(field, description)]) { }

    public IReadOnlyList<FieldViolation> Violations { get; } = violations;

    private static string Describe(IReadOnlyList<FieldViolation> violations) =>
        violations.Count == 0 ? "The request is invalid." : string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}"));
}

/// <summary>The named resource does not exist. Maps to NOT_FOUND.</summary>
public sealed class NotFoundException(string resource, string id) : Exception($"{resource} '{id}' was not found.")
{
    public string Resource { get; } = resource;
    public string Id { get; } = id;
}

/// <summary>Someone else changed the resource first (optimistic concurrency). Maps to ABORTED: re-read and retry.</summary>
public sealed class ConcurrencyConflictException(string resource, string id)
    : Exception($"{resource} '{id}' was changed by another request; read it again and retry.");

/// <summary>The request is valid but the resource is not in a state that allows it. Maps to FAILED_PRECONDITION.</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);

/// <summary>An idempotency key was reused for a different request. Maps to ALREADY_EXISTS.</summary>
public sealed class IdempotencyKeyReusedException(string key)
    : Exception($"Idempotency key '{key}' was already used for a different request.");
