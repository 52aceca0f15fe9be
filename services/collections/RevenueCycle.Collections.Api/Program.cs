using RevenueCycle.Collections.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddCollections();   // service defaults, storage, messaging, claim-submitted and claim-adjudicated subscriptions

var app = builder.Build();
app.MapCollections();       // gRPC + JSON, health, reflection, Dapr subscription endpoints
app.Run();
