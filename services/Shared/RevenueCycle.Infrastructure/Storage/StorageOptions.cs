namespace RevenueCycle.Infrastructure.Storage;

public enum StorageProvider
{
    InMemory,
    Redis,
}

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public StorageProvider Provider { get; set; } = StorageProvider.InMemory;

    /// <summary>StackExchange.Redis configuration string, e.g. <c>redis:6379</c>.</summary>
    public string Redis { get; set; } = "localhost:6379";

    /// <summary>How long idempotency results and handled-event markers are kept.</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>After this long unacknowledged, another relay takes over an outbox message (its relay died).</summary>
    public TimeSpan OutboxClaimTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
