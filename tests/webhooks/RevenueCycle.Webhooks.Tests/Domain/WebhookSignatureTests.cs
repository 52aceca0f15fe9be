using RevenueCycle.Webhooks.Domain;

namespace RevenueCycle.Webhooks.Tests.Domain;

public sealed class WebhookSignatureTests
{
    // The example of the Standard Webhooks specification (and of its reference libraries' tests).
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Body = """{"test": 2432232314}""";
    private static readonly DateTimeOffset Sent = DateTimeOffset.FromUnixTimeSeconds(1614265330);

    [Fact]
    public void Sign_GivesTheSpecificationsSignature() =>
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.Sign(Secret, Id, Sent, Body));

    [Fact]
    public void Verify_TakesAGenuineFreshDelivery_AmongOtherSignatures() =>
        Assert.Null(WebhookSignature.Verify(Secret, Id, "1614265330", "v1,bm90IGl0 " + WebhookSignature.Sign(Secret, Id, Sent, Body), Body, Sent.AddMinutes(4)));

    [Theory]
    [InlineData(null, "1614265330", "v1,x", "unsigned")]
    [InlineData(Id, "1614265330", null, "unsigned")]
    [InlineData(Id, "yesterday", "v1,x", "must be Unix seconds")]
    public void Verify_RefusesAnUnsignedOrMalformedDelivery(string? id, string? timestamp, string? signature, string reason) =>
        Assert.Contains(reason, WebhookSignature.Verify(Secret, id, timestamp, signature, Body, Sent)!.Reason, StringComparison.Ordinal);

    [Fact]
    public void Verify_RefusesAReplay_AnOldDeliverySentAgain()
    {
        var signature = WebhookSignature.Sign(Secret, Id, Sent, Body);

        Assert.Equal("webhook-timestamp is 6 minutes old: a replay, or a clock that is off",
            WebhookSignature.Verify(Secret, Id, "1614265330", signature, Body, Sent.AddMinutes(6))!.Reason);
    }

    [Fact]
    public void Verify_RefusesAnAlteredBody_OrAnotherSecret()
    {
        var signature = WebhookSignature.Sign(Secret, Id, Sent, Body);

        Assert.NotNull(WebhookSignature.Verify(Secret, Id, "1614265330", signature, Body.Replace("2432232314", "2432232315", StringComparison.Ordinal), Sent));
        Assert.NotNull(WebhookSignature.Verify(WebhookSignature.NewSecret(), Id, "1614265330", signature, Body, Sent));
        Assert.NotNull(WebhookSignature.Verify(Secret, "msg_other", "1614265330", signature, Body, Sent)); // the id is signed too
    }
}
