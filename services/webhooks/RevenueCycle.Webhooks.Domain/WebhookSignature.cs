using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RevenueCycle.Webhooks.Domain;

/// <summary>Why a received delivery was refused; null when it verified.</summary>
public sealed record SignatureRefusal(string Reason);

/// <summary>
/// The Standard Webhooks signature (standardwebhooks.com): HMAC-SHA256 under the secret's key of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, sent as <c>webhook-signature: v1,{base64}</c>. A receiver checks the
/// signature in constant time and refuses a timestamp more than five minutes away from its clock: an old one is a
/// replay, and the id lets it drop a delivery it already took. Written out (not a package) because it is twenty
/// lines of HMAC and the receivers' libraries in every language check the same bytes.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>How far a delivery's timestamp may be from the receiver's clock.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string id, DateTimeOffset timestamp, string body) =>
        "v1," + Convert.ToBase64String(Mac(Key(secret), id, timestamp.ToUnixTimeSeconds(), body));

    /// <summary>The three headers of a delivery of <paramref name="body"/>.</summary>
    public static IReadOnlyDictionary<string, string> Headers(string secret, string id, DateTimeOffset timestamp, string body) => new Dictionary<string, string>
    {
        [IdHeader] = id,
        [TimestampHeader] = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        [SignatureHeader] = Sign(secret, id, timestamp, body),
    };

    /// <summary>Checks a received delivery; null when it is genuine and fresh, otherwise why not.</summary>
    public static SignatureRefusal? Verify(string secret, string? id, string? timestamp, string? signatures, string body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
        {
            return new SignatureRefusal($"unsigned: the {IdHeader}, {TimestampHeader} and {SignatureHeader} headers are required");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return new SignatureRefusal($"{TimestampHeader} must be Unix seconds");
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age > Tolerance || age < -Tolerance)
        {
            return new SignatureRefusal($"{TimestampHeader} is {Math.Abs(age.TotalMinutes):0} minutes {(age > TimeSpan.Zero ? "old" : "ahead")}: a replay, or a clock that is off");
        }

        var expected = Mac(Key(secret), id, seconds, body);
        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate.StartsWith("v1,", StringComparison.Ordinal)
                && TryBase64(candidate[3..]) is { } given
                && CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return null;
            }
        }

        return new SignatureRefusal("the signature does not match the body under this secret");
    }

    private static byte[] Key(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);

    private static byte[] Mac(byte[] key, string id, long seconds, string body) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{seconds}.{body}")));

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
