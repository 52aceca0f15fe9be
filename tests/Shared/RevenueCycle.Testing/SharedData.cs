namespace RevenueCycle.Testing;

/// <summary>
/// The public reference data and samples beside the repository (<c>../shared</c>, or <c>RCM_SHARED_DIR</c>). Tests
/// and benchmarks may read them; the product never needs them. Missing data fails the test with the reason. A test
/// that reads them carries <see cref="RequiresSharedDataAttribute"/>.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Repo = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "RevenueCycle.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("RevenueCycle.sln not found above the test binaries.");
    });

    private static readonly Lazy<string> Root = new(() =>
    {
        var shared = Environment.GetEnvironmentVariable("RCM_SHARED_DIR") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(Repo.Value, "..", "shared"));
        return System.IO.Directory.Exists(shared)
            ? shared
            : throw new InvalidOperationException($"The shared reference data is expected at {shared} (beside the repository, or set RCM_SHARED_DIR).");
    });

    /// <summary>The repository's root (where RevenueCycle.sln is), for its own example files.</summary>
    public static string Repository => Repo.Value;

    public static string Directory => Root.Value;

    /// <summary>The reference-data directory (<c>../shared/data</c>).</summary>
    public static string Data => Path.Combine(Root.Value, "data");

    public static string File(params string[] parts) => Path.Combine([Root.Value, .. parts]);
}
