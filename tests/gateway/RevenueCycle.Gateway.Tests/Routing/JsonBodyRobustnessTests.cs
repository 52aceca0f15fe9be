using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace RevenueCycle.Gateway.Tests.Routing;

/// <summary>
/// Hostile JSON bodies on the services' JSON POST routes through the gateway: malformed, over the body limit, nested
/// 10,000 deep, fields of the wrong type, enum values that do not exist. Each is a 4xx (400 or 413) whose body names the
/// field or the position, never a 5xx, and each answer comes back within seconds (no hang).
/// </summary>
public sealed class JsonBodyRobustnessTests(PlatformFixture fixture)
{
    private static readonly TimeSpan PerCall = TimeSpan.FromSeconds(30);

    /// <summary>One JSON POST route of each service, the body field a test may poison, and a value of the wrong type for it.</summary>
    public static TheoryData<string, string, string> Routes() => new()
    {
        { "/v1/coding/validate", "diagnoses", "\"E11.9\"" },
        { "/v1/eligibility/estimates", "coverageId", "17" },
        { "/v1/collections/accounts/acct-x/payments", "amountCents", "{\"value\":1}" },
        { "/v1/submission/claims", "claim", "[]" },
        { "/v1/scrubbing/scrub", "claim", "\"a claim\"" },
        { "/v1/posting/remittances", "payment", "true" },
    };

    public static TheoryData<string, string> Malformed() => new()
    {
        { "/v1/coding/validate", """{"dateOfService":{"year":2026,""" },
        { "/v1/eligibility/estimates", """{"coverageId":"cov_1" "allowedCents":"100"}""" },
        { "/v1/collections/accounts/acct-x/payments", "not json at all" },
        { "/v1/submission/claims", """{"claim":{]}""" },
        { "/v1/scrubbing/scrub", "{\"claim\":\u0001}" },
        { "/v1/posting/remittances", """{"payment":{"traceNumber":'T1'}}""" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task MalformedJson_Is400NamingThePosition(string route, string body)
    {
        var (status, text) = await PostAsync(route, Json(body));

        Assert.True(status == HttpStatusCode.BadRequest, $"{route}: {(int)status} {text}");
        Assert.Matches(@"line \d+, byte \d+", text);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task DeeplyNestedJson_Is400NamingThePosition_NotAStackOverflowOrHang(string route, string field, string _)
    {
        const int depth = 10_000;
        var body = $"{{\"{field}\":{new string('[', depth)}{new string(']', depth)}}}";

        var (status, text) = await PostAsync(route, Json(body));

        Assert.True(status == HttpStatusCode.BadRequest, $"{route}: {(int)status} {text}");
        Assert.Matches(@"line \d+, byte \d+", text);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task WrongTypeForAField_Is400NamingTheField(string route, string field, string wrong)
    {
        var (status, text) = await PostAsync(route, Json($"{{\"{field}\":{wrong}}}"));

        Assert.True(status == HttpStatusCode.BadRequest, $"{route}: {(int)status} {text}");
        Assert.Contains(Snake(field), Snake(text));
    }

    [Theory]
    [InlineData("/v1/submission/claims", """{"claim":{"type":"CLAIM_TYPE_SPACESHIP"}}""")]
    [InlineData("/v1/scrubbing/scrub", """{"claim":{"frequency":"CLAIM_FREQUENCY_WEEKLY"}}""")]
    [InlineData("/v1/submission/claims", """{"claim":{"type":99}}""")]
    [InlineData("/v1/scrubbing/scrub", """{"claim":{"frequency":-5}}""")]
    public async Task UnknownEnumValue_Is400NamingTheField(string route, string body)
    {
        var field = body.Contains("\"type\"", StringComparison.Ordinal) ? "type" : "frequency";

        var (status, text) = await PostAsync(route, Json(body));

        Assert.True(status == HttpStatusCode.BadRequest, $"{route} {body}: {(int)status} {text}");
        Assert.Contains($"claim.{field}", Snake(text));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task BodyOverTheLimit_Is413NamingTheBody_WithOrWithoutALength(string route, string field, string _)
    {
        // Past the gateway's JSON body limit (Gateway:MaxRequestBodyBytes, 4 MiB by default).
        var body = $"{{\"{field}\":\"{new string('x', 5 * 1024 * 1024)}\"}}";
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var (status, text) = await PostAsync(route, Json(body));
        var (chunkedStatus, chunkedText) = await PostAsync(route, chunked, chunkedTransfer: true);

        Assert.True(status == HttpStatusCode.RequestEntityTooLarge, $"{route}: {(int)status} {text}");
        Assert.Contains("body", text);
        Assert.True(chunkedStatus == HttpStatusCode.RequestEntityTooLarge, $"{route} chunked: {(int)chunkedStatus} {chunkedText}");
        Assert.Contains("body", chunkedText);
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string route, HttpContent content, bool chunkedTransfer = false)
    {
        using var http = new HttpClient { BaseAddress = fixture.Platform.GatewayHttp, Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(PerCall); // a hang fails the test here instead of stalling the run
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = content };
        request.Headers.Add("x-api-key", PlatformFixture.DemoKey);
        request.Headers.TransferEncodingChunked = chunkedTransfer;
        using var response = await http.SendAsync(request, deadline.Token);
        var text = await response.Content.ReadAsStringAsync(deadline.Token);
        Assert.True((int)response.StatusCode < 500, $"{route}: {(int)response.StatusCode} {text}");
        return (response.StatusCode, text);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Field names compared as proto names (coverage_id), whichever spelling the answer uses.</summary>
    private static string Snake(string text) => string.Concat(text.Select(c => char.IsAsciiLetterUpper(c) ? "_" + char.ToLowerInvariant(c) : c.ToString()));
}
