using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace RevenueCycle.Gateway.Security;

/// <summary>A caller the gateway recognised by its API key: the client, which of its keys, and what the key may do.</summary>
public sealed record ApiClient(string Name, string KeyId, IReadOnlySet<string> Scopes)
{
    /// <summary>The scope that lets the dashboard show who a claim is for (patient name, member id).</summary>
    public const string PhiScope = "phi";

    /// <summary>The scope that reads and verifies the services' audit trails.</summary>
    public const string AuditScope = "audit";

    /// <summary>
    /// The scope that admits a call to <paramref name="service"/>, or null: <c>*</c> or the service's name for any
    /// call, <c>{service}:read</c> for reads only (a GET over JSON, an rpc annotated with GET over gRPC),
    /// <c>{service}:write</c> for the rest.
    /// </summary>
    public string? ScopeFor(string service, bool read)
    {
        var specific = read ? $"{service}:read" : $"{service}:write";
        return Scopes.Contains("*") ? "*" : Scopes.Contains(service) ? service : Scopes.Contains(specific) ? specific : null;
    }

    /// <summary>Only a key given the "phi" scope by name: "*" is every service, not every patient's identity (minimum necessary).</summary>
    public bool MaySeePhi => Scopes.Contains(PhiScope);

    /// <summary>Only by name, as for PHI: reading who did what is a separate duty from doing it.</summary>
    public bool MayAudit => Scopes.Contains(AuditScope);
}

/// <summary>Why a presented key was refused; the message says so plainly without echoing the key.</summary>
public sealed record KeyRefusal(string Message);

/// <summary>
/// Checks presented API keys against the SHA-256 hashes in configuration. Keys are never stored or logged in clear;
/// comparison is constant-time. The key list is re-read whenever configuration changes (a mounted Secret the
/// gateway reads with <c>Gateway:ApiKeysFile</c>), so a key is rotated without a restart: add the new key beside the
/// old one under the same client, move the callers, then mark the old one revoked or let it expire.
/// </summary>
public sealed class ApiKeyAuthenticator : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly IDisposable? _reload;
    private volatile KeyEntry[] _keys;

    public ApiKeyAuthenticator(GatewayOptions options, TimeProvider clock, IConfiguration? configuration = null)
    {
        _clock = clock;
        _keys = Load(options.ApiKeys);
        if (configuration is not null)
        {
            _reload = ChangeToken.OnChange(configuration.GetReloadToken, () =>
                _keys = Load(configuration.GetSection("Gateway:ApiKeys").Get<List<ApiKeyOptions>>() ?? []));
        }
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The client of a valid key, or null (missing, unknown, expired or revoked).</summary>
    public ApiClient? Authenticate(string? presented) => Check(presented).Client;

    public (ApiClient? Client, KeyRefusal? Refusal) Check(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return (null, null);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        KeyEntry? match = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
            {
                match = key;
            }
        }

        return match switch
        {
            null => (null, null),
            { Revoked: true } => (null, new KeyRefusal($"This API key ({match.Client.KeyId}) was revoked; ask for a new one.")),
            { ExpiresAt: { } expires } when _clock.GetUtcNow() >= expires =>
                (null, new KeyRefusal($"This API key ({match.Client.KeyId}) expired at {expires:yyyy-MM-dd HH:mm} UTC; ask for a new one.")),
            _ => (match.Client, null),
        };
    }

    public void Dispose() => _reload?.Dispose();

    private static KeyEntry[] Load(IEnumerable<ApiKeyOptions> keys) => keys
        .Where(k => !string.IsNullOrWhiteSpace(k.Sha256))
        .Select(k =>
        {
            var hash = Convert.FromHexString(k.Sha256.Trim());
            var id = string.IsNullOrWhiteSpace(k.Id) ? Convert.ToHexStringLower(hash)[..12] : k.Id.Trim();
            return new KeyEntry(hash, new ApiClient(k.Name, id, k.Scopes.Select(s => s.Trim().ToLowerInvariant()).ToHashSet()), k.ExpiresAt, k.Revoked);
        })
        .ToArray();

    private sealed record KeyEntry(byte[] Hash, ApiClient Client, DateTimeOffset? ExpiresAt, bool Revoked);
}
