namespace RevenueCycle.BuildingBlocks.Errors;

/// <summary>Collects field violations so a request reports all its problems at once, then throws one <see cref="ValidationException"/>.</summary>
public sealed class Validator
{
    private readonly List<FieldViolation> _violations = [];

    public bool IsValid => _violations.Count == 0;

    public IReadOnlyList<FieldViolation> Violations => _violations;

    public Validator Add(string field, string description)
    {
        _violations.Add(new FieldViolation(field, description));
        return this;
    }

    public Validator Require(bool condition, string field, string description) => condition ? this : Add(field, description);

    public Validator RequireText(string? value, string field, int maxLength = 256)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "is required");
        }

        return value.Length > maxLength ? Add(field, $"is longer than {maxLength} characters") : this;
    }

    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new ValidationException(_violations.ToArray());
        }
    }
}
