namespace RevenueCycle.ReferenceData.Io;

/// <summary>A reference file that cannot be loaded, located by file and line; the edition in force stays in force.</summary>
public sealed class ReferenceDataException(string file, int line, string problem)
    : Exception(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Problem { get; } = problem;
}
