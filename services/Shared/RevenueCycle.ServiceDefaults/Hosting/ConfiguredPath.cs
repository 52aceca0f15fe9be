namespace RevenueCycle.ServiceDefaults.Hosting;

/// <summary>
/// Paths from configuration. A relative path means relative to where the operator started the platform: `dotnet run`
/// (and so `make run`) starts the app in the project's directory, so the shell's PWD is used when it is set.
/// </summary>
public static class ConfiguredPath
{
    public static string Resolve(string path) =>
        path.Length == 0 || Path.IsPathRooted(path) ? path : Path.GetFullPath(path, Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } shell ? shell : Directory.GetCurrentDirectory());
}
