namespace RevenueCycle.BuildingBlocks.Storage;

/// <summary>One page of a list: its items in order and the token of the next page ("" on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string NextPageToken);
