using System.Net;
using RevenueCycle.Sandbox.Api;
using RevenueCycle.Sandbox.Domain;

var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection("Sandbox").Get<SandboxOptions>() ?? new SandboxOptions();
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Any, options.HttpPort));
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHostedService<DirectoryResponder>();

var app = builder.Build();
app.MapGet("/health/live", () => Results.Ok("live"));
app.MapGet("/health/ready", () => Results.Ok("ready"));
// POST an 837 (or 270) interchange as text; the answers come back as [{ "name", "content" }].
app.MapPost("/v1/sandbox/interchanges", async (HttpRequest request, TimeProvider clock) =>
{
    using var reader = new StreamReader(request.Body);
    var text = await reader.ReadToEndAsync();
    return text.Length is 0 or > 64 * 1024 * 1024 ? Results.BadRequest("an X12 interchange of at most 64 MB is required") : Results.Ok(PayerSandbox.Respond(text, clock.GetUtcNow()));
});
app.MapSandboxEligibility();
app.Run();
