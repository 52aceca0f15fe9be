using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.ReferenceData.Edits;

/// <summary>The patient facts the age, sex and newborn edits need; age unknown skips the age edits.</summary>
public sealed record PatientContext(uint? AgeYears, Sex Sex)
{
    public static readonly PatientContext Unknown = new(null, Sex.Unspecified);

    /// <summary>Age in whole years on the date of service, from the date of birth.</summary>
    public static PatientContext On(DateOnly? dateOfBirth, Sex sex, DateOnly dateOfService)
    {
        if (dateOfBirth is not { } born || born > dateOfService)
        {
            return new PatientContext(null, sex);
        }

        var age = dateOfService.Year - born.Year - ((dateOfService.Month, dateOfService.Day).CompareTo((born.Month, born.Day)) < 0 ? 1 : 0);
        return new PatientContext((uint)age, sex);
    }
}
