using RevenueCycle.Platform;

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
var options = configuration.GetSection("Platform").Get<PlatformOptions>() ?? new PlatformOptions();

await using var platform = await PlatformHost.StartAsync(options, configuration.AsEnumerable().ToDictionary(p => p.Key, p => p.Value));
Console.WriteLine(Banner.For(platform));
await platform.WaitForShutdownAsync();
