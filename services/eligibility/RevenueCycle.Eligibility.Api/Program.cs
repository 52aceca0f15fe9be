using RevenueCycle.Eligibility.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddEligibility();   // service defaults (Kestrel 8080 h2c + 8081 HTTP/1.1, OTel, health), storage, messaging, use cases

var app = builder.Build();
app.MapEligibility();       // gRPC + JSON, health, reflection, Dapr subscriptions
app.Run();
