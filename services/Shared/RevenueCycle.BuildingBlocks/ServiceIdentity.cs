namespace RevenueCycle.BuildingBlocks;

/// <summary>The service a host runs; names its Redis key prefix, Dapr app id, dead-letter topics and audit trail.</summary>
public sealed record ServiceIdentity(string Name);
