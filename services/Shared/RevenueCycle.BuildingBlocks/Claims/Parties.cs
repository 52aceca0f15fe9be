namespace RevenueCycle.BuildingBlocks.Claims;

public enum Sex
{
    Unspecified,
    Female,
    Male,
    Unknown,
}

public enum Relationship
{
    Unspecified,
    Self,
    Spouse,
    Child,
    Other,
}

public enum EntityType
{
    Unspecified,
    Person,
    Organization,
}

public sealed record Address(string Line1, string Line2, string City, string State, string PostalCode, string Country)
{
    public static readonly Address Empty = new("", "", "", "", "", "");
}

public sealed record PersonName(string Last, string First, string Middle, string Suffix)
{
    public static readonly PersonName Empty = new("", "", "", "");
}

/// <summary>The patient (PHI except <see cref="PatientId"/>).</summary>
public sealed record Patient(string PatientId, string MedicalRecordNumber, PersonName Name, DateOnly? DateOfBirth, Sex Sex, Address Address, string AccountId)
{
    /// <summary>The guarantor account patient balances post to.</summary>
    public string EffectiveAccountId => string.IsNullOrEmpty(AccountId) ? PatientId : AccountId;
}

public sealed record Subscriber(string MemberId, string GroupNumber, PersonName Name, DateOnly? DateOfBirth, Sex Sex, Address Address, Relationship RelationshipToPatient);

public sealed record Payer(string PayerId, string Name, string ClaimFilingIndicator, Address Address);

public sealed record Provider(string Npi, string TaxonomyCode, string TaxId, EntityType EntityType, string OrganizationName, PersonName Name, Address Address);
