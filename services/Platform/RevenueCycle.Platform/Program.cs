using RevenueCycle.Platform;
using Spectre.Console;

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
var options = configuration.GetSection("Platform").Get<PlatformOptions>() ?? new PlatformOptions();

await using var platform = await PlatformHost.StartAsync(options, configuration.AsEnumerable().ToDictionary(p => p.Key, p => p.Value));
Console.WriteLine(Banner.For(platform));
await DemoAtStart.RunAsync(platform, AnsiConsole.Console);   // --Platform:DemoEncounters=N (make run: 40)
await platform.WaitForShutdownAsync();
