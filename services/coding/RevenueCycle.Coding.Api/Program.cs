using RevenueCycle.Coding.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddCoding();    // service defaults, storage, messaging, code sets, use cases, claim-denied subscription

var app = builder.Build();
app.MapCoding();        // gRPC + JSON, health, reflection, Dapr subscription endpoints
app.Run();
