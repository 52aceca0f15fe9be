using System.Text.Json;

namespace RevenueCycle.Cli.Commands;

/// <summary><c>rcm health</c>: asks each service's readiness through the gateway.</summary>
public static class HealthCommand
{
    public static readonly string[] Services = ["eligibility", "coding", "scrubbing", "submission", "posting", "collections"];

    public static async Task<int> RunAsync(GatewayClient client, TextWriter output)
    {
        var results = await Task.WhenAll(Services.Select(async service =>
        {
            try
            {
                using var response = await client.Http.GetAsync($"/v1/{service}/health");
                var body = (await response.Content.ReadAsStringAsync()).Trim();
                return (service, status: response.IsSuccessStatusCode ? body : $"{(int)response.StatusCode} {body}", ok: response.IsSuccessStatusCode && body == "Healthy");
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
        await output.WriteLineAsync(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        return results.All(r => r.ok) ? 0 : 1;
    }
}
