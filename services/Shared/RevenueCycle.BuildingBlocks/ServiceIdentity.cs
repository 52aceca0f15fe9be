using RevenueCycle.BuildingBlocks.Errors;

namespace RevenueCycle.BuildingBlocks;

/// <summary>The service a host runs; names its Redis key prefix, Dapr app id, dead-letter topics and audit trail.</summary>
public sealed record ServiceIdentity(string Name)
{
    /// <summary>
    /// A request to a service every host serves (audit trail, dead letters) names the service it is for; another
    /// service's name is refused on its <c>service</c> field, saying whose <paramref name="what"/> this host answers for.
    /// </summary>
    public void RequireNamed(string service, string what)
    {
        if (service != Name)
        {
            throw new ValidationException("service", $"this is the {Name} service's {what}, not '{service}'");
        }
    }
}
