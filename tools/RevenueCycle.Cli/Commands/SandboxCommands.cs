using System.Globalization;
using RevenueCycle.Sandbox.Domain;

namespace RevenueCycle.Cli.Commands;

/// <summary>The payer side, offline: the sandbox's answers to an interchange, to read and check without running services.</summary>
public static class SandboxCommands
{
    /// <summary>
    /// <c>rcm sandbox respond FILE.837 [--out DIR] [--at YYYY-MM-DDTHH:MM:SSZ]</c>: writes the 999, 277CA, 277 and 835
    /// files the payer sandbox answers the interchange with (its scenarios, docs/SANDBOX.md) and lists them.
    /// </summary>
    public static async Task<int> RespondAsync(Arguments arguments, TextWriter output)
    {
        var path = arguments.Positional(2, "the 837 file");
        if (!File.Exists(path))
        {
            throw new UsageException($"{path} does not exist.");
        }

        var at = arguments.Option("--at") is { } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : throw new UsageException("--at must be a date and time, e.g. 2026-03-02T09:30:00Z")
            : DateTimeOffset.UtcNow;
        var directory = arguments.Option("--out") ?? ".";
        Directory.CreateDirectory(directory);
        var answers = PayerSandbox.Respond(await File.ReadAllTextAsync(path), at);
        foreach (var answer in answers)
        {
            var file = Path.Combine(directory, answer.Name);
            await File.WriteAllTextAsync(file, answer.Content);
            await output.WriteLineAsync(file);
        }

        return answers.Count > 0 ? 0 : 1;
    }
}
