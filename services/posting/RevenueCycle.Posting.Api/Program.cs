using RevenueCycle.Posting.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddPosting();   // service defaults, storage, messaging (outbox for claim-denied and claim-adjudicated)

var app = builder.Build();
app.MapPosting();       // gRPC + JSON, health, reflection
app.Run();
