using System.Text.Encodings.Web;
using System.Text.Json;
using RevenueCycle.Cli.Commands;

namespace RevenueCycle.Cli.Tests.Commands;

public sealed class HealthCommandTests
{
    [Fact]
    public void Describe_GatewayError_IsItsMessage_NotEscapedJson()
    {
        var status = HealthCommand.Describe(503, """{"code":14,"message":"The posting service is unavailable; retry later.","details":[]}""");

        Assert.Equal("503: The posting service is unavailable; retry later.", status);
        // As rcm health prints it: readable, no \u0022 or escaped quotes.
        Assert.DoesNotContain("\\", JsonSerializer.Serialize(status, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public void Describe_PlainBody_IsKept()
    {
        Assert.Equal("503: Unhealthy", HealthCommand.Describe(503, "Unhealthy"));
    }
}
