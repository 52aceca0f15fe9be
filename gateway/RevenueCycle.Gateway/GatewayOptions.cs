namespace RevenueCycle.Gateway;

/// <summary>An API key as configuration stores it: never the key, only its SHA-256.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Client name; appears in the access log and is passed to services for their audit trail.</summary>
    public string Name { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the key (<c>printf %s KEY | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>
    /// What the key may do: a service's name for every call to it (eligibility, coding, ...), <c>coding:read</c> or
    /// <c>coding:write</c> for one kind of call, <c>*</c> for every service; <c>phi</c> (patients' identity on the
    /// dashboard) and <c>audit</c> (the audit trails) only by name.
    /// </summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The key's id in the audit trail and in refusals; defaults to the first 12 hex digits of its hash (not secret).</summary>
    public string Id { get; set; } = "";

    /// <summary>When the key stops working; none = until revoked.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>A revoked key is refused with its own message (kept in the list so the caller learns why).</summary>
    public bool Revoked { get; set; }
}

/// <summary>Configuration section <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    /// <summary>Backend h2c address per service; defaults to the Kubernetes Service <c>http://{name}:8080</c>.</summary>
    public Dictionary<string, string> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Sustained requests per second per API key.</summary>
    public int RequestsPerSecond { get; set; } = 500;

    /// <summary>Requests a key may burst above the sustained rate.</summary>
    public int Burst { get; set; } = 1000;

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest body of an upload method (<see cref="UploadMethods"/>): file imports streamed in chunks.</summary>
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>gRPC methods that take files; every other request keeps <see cref="MaxRequestBodyBytes"/>.</summary>
    public List<string> UploadMethods { get; set; } = ["/revenuecycle.posting.v1.PostingService/ImportRemittanceFile"];

    /// <summary>How long an upload may stay silent: the service checks and posts the whole file before it answers.</summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(30);

    public long BodyLimitFor(PathString path) => UploadMethods.Any(m => path.Equals(m, StringComparison.Ordinal)) ? MaxUploadBytes : MaxRequestBodyBytes;

    /// <summary>Requests refused by the rate limit are logged as one line per client and service per this interval.</summary>
    public TimeSpan RateLimitLogInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for a backend connection before answering UNAVAILABLE.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest a backend may stay silent on a request before the gateway gives up.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public string AddressOf(string service) =>
        Services.TryGetValue(service, out var address) && !string.IsNullOrWhiteSpace(address) ? address : $"http://{service}:8080";
}
