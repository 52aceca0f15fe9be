using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RevenueCycle.Eligibility.Api.Clearinghouse;
using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.Rules;
using RevenueCycle.Eligibility.Domain.UseCases;
using RevenueCycle.Sandbox.Api;

namespace RevenueCycle.Eligibility.Tests.Api.Clearinghouse;

/// <summary>The directory drop and the CORE HTTP adapter against the sandbox service's responder and endpoint.</summary>
public sealed class EligibilityExchangeAdapterTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static string Inquiry(string memberId, string trace) => EligibilityExchangeFiles.Inquiry(
        new EligibilityQuestion("12345", memberId, "DOE", "JANE", new DateOnly(1970, 5, 1), "F", null, new DateOnly(2026, 3, 2), ["30"]),
        EligibilityOptions.Default.Payers[0], trace, 1, EligibilityOptions.Default, At);

    [Fact]
    public async Task Directory_270OutAnd271In_TheAnswerForTheTrace()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Directory.CreateTempSubdirectory().FullName;
        var options = new EligibilityConnectionOptions { Exchange = "Directory", Outbox = Path.Combine(root, "out"), Inbox = Path.Combine(root, "in"), PollInterval = TimeSpan.FromMilliseconds(20) };
        var exchange = new DirectoryEligibilityExchange(options);
        var sandbox = new SandboxOptions { Inbound = options.Outbox, Outbound = options.Inbox };

        var asking = exchange.AskAsync(Inquiry("W1D", "TRACE-DIR-1"), "TRACE-DIR-1", TimeSpan.FromSeconds(10), ct);
        while (!asking.IsCompleted && await DirectoryResponder.RunOnceAsync(sandbox, new FakeTimeProvider(At), ct) == 0)
        {
            await Task.Delay(20, ct);
        }

        var answer = await asking;

        Assert.Contains("TRN*2*TRACE-DIR-1*", answer);
        Assert.Equal(EligibilityOutcome.Active, EligibilityExchangeFiles.ReadFor(answer!, "TRACE-DIR-1").Result?.Outcome);
        Assert.Single(Directory.GetFiles(Path.Combine(options.Outbox, "answered")));
        Assert.Single(Directory.GetFiles(Path.Combine(options.Inbox, "processed")));
        Assert.Empty(Directory.GetFiles(options.Inbox));
    }

    [Fact]
    public async Task Directory_NothingComesBack_IsNoAnswerAfterTheTimeout()
    {
        var root = Directory.CreateTempSubdirectory().FullName;
        var options = new EligibilityConnectionOptions { Outbox = Path.Combine(root, "out"), Inbox = Path.Combine(root, "in"), PollInterval = TimeSpan.FromMilliseconds(20) };

        var answer = await new DirectoryEligibilityExchange(options).AskAsync(Inquiry("W1D", "TRACE-DIR-2"), "TRACE-DIR-2", TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);

        Assert.Null(answer);
        Assert.Single(Directory.GetFiles(options.Outbox, "270-TRACE-DIR-2.x12"));
    }

    [Theory]
    [InlineData("W1D", "Active")]
    [InlineData("W1R", "Rejected")]
    [InlineData("W1U", "PayerUnavailable")]
    public async Task CoreHttp_AgainstTheSandboxEndpoint_Carries271s(string memberId, string outcome)
    {
        await using var sandbox = await SandboxAsync(TimeSpan.FromSeconds(30));
        var exchange = new HttpEligibilityExchange(sandbox.GetTestClient(), new EligibilityConnectionOptions { Endpoint = "http://sandbox/v1/sandbox/eligibility" }, new FakeTimeProvider(At));

        var answer = await exchange.AskAsync(Inquiry(memberId, "TRACE-HTTP-1"), "TRACE-HTTP-1", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(outcome, EligibilityExchangeFiles.ReadFor(answer!, "TRACE-HTTP-1").Result?.Outcome.ToString());
    }

    [Theory]
    [InlineData(50)] // the clearinghouse answers 504: its payer timed out
    [InlineData(30_000)] // the clearinghouse itself does not answer in time
    public async Task CoreHttp_PayerNeverAnswers_IsNoAnswer(int sandboxHoldsMilliseconds)
    {
        await using var sandbox = await SandboxAsync(TimeSpan.FromMilliseconds(sandboxHoldsMilliseconds));
        var exchange = new HttpEligibilityExchange(sandbox.GetTestClient(), new EligibilityConnectionOptions { Endpoint = "http://sandbox/v1/sandbox/eligibility" }, new FakeTimeProvider(At));

        var answer = await exchange.AskAsync(Inquiry("W1T", "TRACE-HTTP-2"), "TRACE-HTTP-2", TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);

        Assert.Null(answer);
    }

    [Fact]
    public async Task CoreHttp_NoSuchEndpoint_Throws()
    {
        await using var sandbox = await SandboxAsync(TimeSpan.FromSeconds(30));
        var exchange = new HttpEligibilityExchange(sandbox.GetTestClient(), new EligibilityConnectionOptions { Endpoint = "http://sandbox/v1/sandbox/elsewhere" }, new FakeTimeProvider(At));

        await Assert.ThrowsAsync<HttpRequestException>(() => exchange.AskAsync(Inquiry("W1D", "T3"), "T3", TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    private static async Task<WebApplication> SandboxAsync(TimeSpan noAnswerDelay)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(new SandboxOptions { NoAnswerDelay = noAnswerDelay });
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(At));
        var app = builder.Build();
        app.MapSandboxEligibility();
        await app.StartAsync();
        return app;
    }
}
