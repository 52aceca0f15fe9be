namespace RevenueCycle.Cli;

/// <summary>Positional words and <c>--name value</c> options (a bare <c>--name</c> is "true"); an option may repeat.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    public Arguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2 || arg == "--help")
            {
                Positionals.Add(arg);
                continue;
            }

            var value = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            if (!_options.TryGetValue(arg, out var values))
            {
                _options[arg] = values = [];
            }

            values.Add(value);
        }
    }

    public List<string> Positionals { get; } = [];

    public string? Option(string name) => _options.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> Options(string name) => _options.TryGetValue(name, out var values) ? values : [];

    public string Required(string name) => Option(name) ?? throw new UsageException($"{name} is required");

    public string Positional(int index, string what) =>
        index < Positionals.Count ? Positionals[index] : throw new UsageException($"{what} is required");
}
