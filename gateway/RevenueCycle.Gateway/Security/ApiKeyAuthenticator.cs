using System.Security.Cryptography;
using System.Text;

namespace RevenueCycle.Gateway.Security;

/// <summary>A caller the gateway recognised by its API key.</summary>
public sealed record ApiClient(string Name, IReadOnlySet<string> Scopes)
{
    /// <summary>The scope that lets the dashboard show who a claim is for (patient name, member id).</summary>
    public const string PhiScope = "phi";

    public bool MayCall(string service) => Scopes.Contains("*") || Scopes.Contains(service);

    /// <summary>Only a key given the "phi" scope by name: "*" is every service, not every patient's identity (minimum necessary).</summary>
    public bool MaySeePhi => Scopes.Contains(PhiScope);
}

/// <summary>
/// Checks presented API keys against the SHA-256 hashes in configuration. Keys are never stored or logged in
/// clear; comparison is constant-time.
/// </summary>
public sealed class ApiKeyAuthenticator
{
    private readonly (byte[] Hash, ApiClient Client)[] _keys;

    public ApiKeyAuthenticator(GatewayOptions options)
    {
        _keys = options.ApiKeys
            .Where(k => !string.IsNullOrWhiteSpace(k.Sha256))
            .Select(k => (Convert.FromHexString(k.Sha256.Trim()), new ApiClient(k.Name, k.Scopes.Select(s => s.Trim().ToLowerInvariant()).ToHashSet())))
            .ToArray();
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public ApiClient? Authenticate(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiClient? match = null;
        foreach (var (expected, client) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                match = client;
            }
        }

        return match;
    }
}
