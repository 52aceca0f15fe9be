using RevenueCycle.Gateway.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddGateway();   // Kestrel 8080 h2c + 8081 HTTP/1.1, YARP routes to every service, API keys, telemetry

var app = builder.Build();
app.MapGateway();       // correlation id, access log, admission (key, scope, rate, size), health, proxy
app.Run();
