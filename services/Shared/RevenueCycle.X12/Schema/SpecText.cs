namespace RevenueCycle.X12.Schema;

/// <summary>A spec file that cannot be read, located by file and line.</summary>
public sealed class SpecException(string file, int line, string problem) : Exception($"{file}:{line}: {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;
}

internal static class SpecText
{
    public static string StripComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return (hash < 0 ? line : line[..hash]).TrimEnd();
    }
}
