using RevenueCycle.Webhooks.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddWebhooks();   // service defaults, storage, messaging, a subscription to every topic, the delivery worker

var app = builder.Build();
app.MapWebhooks();       // gRPC + JSON, health, reflection, Dapr subscription endpoints
app.Run();
