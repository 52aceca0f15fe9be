using System.Text.Json;
using RevenueCycle.BuildingBlocks;

namespace RevenueCycle.Cli.Commands;

/// <summary><c>rcm health</c>: asks each service's readiness through the gateway.</summary>
public static class HealthCommand
{
    public static readonly string[] Services = ServiceCatalog.All.Select(s => s.Name).ToArray();

    public static async Task<int> RunAsync(GatewayClient client, TextWriter output)
    {
        var results = await Task.WhenAll(Services.Select(async service =>
        {
            try
            {
                using var response = await client.Http.GetAsync($"/v1/{service}/health");
                var body = (await response.Content.ReadAsStringAsync()).Trim();
                return (service, status: response.IsSuccessStatusCode ? body : Describe((int)response.StatusCode, body), ok: response.IsSuccessStatusCode && body == "Healthy");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return (service, status: $"unreachable ({e.Message})", ok: false);
            }
        }));

        var report = new Dictionary<string, object>
        {
            ["gateway"] = client.Gateway.ToString(),
            ["services"] = results.ToDictionary(r => r.service, r => r.status),
            ["healthy"] = results.All(r => r.ok),
        };
        // Relaxed escaping: a status reads as written ("503: The posting service is unavailable"), not as \u0022-escaped JSON.
        await output.WriteLineAsync(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return results.All(r => r.ok) ? 0 : 1;
    }

    /// <summary>A failed readiness answer as a person reads it: the status and the message of the gateway's <c>{code, message}</c> body.</summary>
    public static string Describe(int status, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return $"{status}: {(json.RootElement.TryGetProperty("message", out var message) ? message.GetString() : body)}";
        }
        catch (JsonException)
        {
            return $"{status}: {body}";
        }
    }
}
