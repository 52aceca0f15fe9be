using RevenueCycle.Scrubbing.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddScrubbing();   // service defaults, storage, reference data and payer rules (watched), scrub use cases

var app = builder.Build();
app.MapScrubbing();       // gRPC + JSON, health, reflection
app.Run();
