namespace RevenueCycle.Platform;

/// <summary>What a new user needs after <c>make run</c>: where the gateway is, the key, and a call to paste.</summary>
public static class Banner
{
    public static string For(PlatformHost platform) => $"""

        RevenueCycle is running: {platform.Services.Count} services ({string.Join(", ", platform.Services.Keys)}) and the gateway in one process (in-memory state, in-process pub/sub).

          Gateway, gRPC (h2c):  {platform.GatewayGrpc}
          Gateway, JSON:        {platform.GatewayHttp}
          Demo API key:         {platform.Options.ApiKey}
          Dashboard:            {platform.GatewayHttp}dashboard  (paste the key)
          API reference:        {platform.GatewayHttp}api-reference  (every JSON route; try calls with the key)

        Try:
          ./rcm health
          ./rcm services
          curl -s -H 'x-api-key: {platform.Options.ApiKey}' -H 'content-type: application/json' \
            -d '{"{"}"dateOfService":{"{"}"year":2026,"month":3,"day":2{"}"},"diagnoses":[{"{"}"code":"E11"{"}"}],"procedures":[{"{"}"code":"99213","units":1,"diagnosisPointers":[1]{"}"}]{"}"}' \
            {platform.GatewayHttp}v1/coding/validate

        Ctrl+C stops everything.
        """;
}
