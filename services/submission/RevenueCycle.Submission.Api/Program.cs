using RevenueCycle.Submission.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddSubmission();  // service defaults, storage, messaging, scrubbing client, coding-corrected subscription

var app = builder.Build();
app.MapSubmission();      // gRPC + JSON, health, reflection, Dapr subscription endpoints
app.Run();
