namespace RevenueCycle.Charts.Tests;

/// <summary>Finds the repository (the folder holding RevenueCycle.sln) and the chart's files inside it.</summary>
internal static class ChartFiles
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string ChartDirectory => Path.Combine(RepositoryRoot, "charts", "revenue-cycle");

    public static string TemplatesDirectory => Path.Combine(ChartDirectory, "templates");

    /// <summary>Reads a file of the chart by its path relative to the chart folder, e.g. <c>templates/hpa.yaml</c>.</summary>
    public static string Read(string relativePath)
    {
        var path = Path.Combine(ChartDirectory, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Assert.True(File.Exists(path), $"The chart file {path} is missing.");
        return File.ReadAllText(path);
    }

    /// <summary>Every template of the chart (manifests, helpers, NOTES.txt), as paths relative to templates/ with '/' separators.</summary>
    public static IReadOnlyList<string> Templates()
    {
        var extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".yaml", ".yml", ".tpl", ".txt" };
        return Directory.EnumerateFiles(TemplatesDirectory, "*", SearchOption.AllDirectories)
            .Where(path => extensions.Contains(Path.GetExtension(path)))
            .Select(path => Path.GetRelativePath(TemplatesDirectory, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RevenueCycle.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No RevenueCycle.sln in {AppContext.BaseDirectory} or any folder above it.");
    }
}
