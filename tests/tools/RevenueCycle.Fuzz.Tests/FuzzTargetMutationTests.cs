using System.Diagnostics;
using RevenueCycle.Testing;

namespace RevenueCycle.Fuzz.Tests;

/// <summary>
/// The short fuzz pass of make test: every fuzz target (the X12 reader, the 835, 837 and 271 mappers) on seeded mutants
/// of the real samples in ../shared/x12-samples. Only the documented refusal may escape a target (FuzzTargets.Run lets
/// it through as an answer); any other exception fails the test with the mutant saved for replay, and so does an input
/// that takes longer than a second, or a target that does not finish. Deterministic: the same seed, the same mutants.
/// </summary>
[RequiresSharedData]
public sealed class FuzzTargetMutationTests
{
    private const int MutantsPerTarget = 5_000;
    private static readonly TimeSpan SlowInput = TimeSpan.FromSeconds(1);

    /// <summary>The sample directories each target is seeded from (tools/fuzz.sh seeds the same).</summary>
    private static readonly Dictionary<string, string[]> Seeds = new()
    {
        ["x12"] = ["835", "837P", "837I", "270", "271", "276", "277", "277CA", "999", "invalid"],
        ["835"] = ["835"],
        ["837"] = ["837P", "837I"],
        ["271"] = ["271"],
    };

    public static TheoryData<string> Targets() => [.. FuzzTargets.All.Keys];

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Targets))]
    public async Task Mutants_GiveAnAnswerOrTheDocumentedRefusal_NeverACrashOrAHang(string target)
    {
        var samples = Seeds[target].SelectMany(d => Directory.EnumerateFiles(SharedData.File("x12-samples", d))).Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes).ToList();
        Assert.NotEmpty(samples);

        // On a worker thread, so the test's timeout ends a target stuck in a loop instead of the whole run.
        await Task.Run(() =>
        {
            var random = new Random(20261207 ^ target.GetHashCode(StringComparison.Ordinal));
            for (var n = 0; n < MutantsPerTarget; n++)
            {
                var mutant = X12Mutator.Mutate(samples[n % samples.Count], random);
                var clock = Stopwatch.StartNew();
                try
                {
                    FuzzTargets.Run(target, mutant);
                }
                catch (Exception e)
                {
                    Assert.Fail($"{target} mutant {n} ({Save(target, n, mutant)}): {e}");
                }

                Assert.True(clock.Elapsed < SlowInput, $"{target} mutant {n} ({Save(target, n, mutant)}) took {clock.Elapsed.TotalMilliseconds:F0} ms");
            }
        }, TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Targets_AreTheFourInputs() => Assert.Equal(["x12", "835", "837", "271"], FuzzTargets.All.Keys);

    /// <summary>Writes a failing mutant where make fuzz keeps crashes; replay: dotnet artifacts/fuzz/bin/RevenueCycle.Fuzz.dll TARGET FILE.</summary>
    private static string Save(string target, int n, byte[] mutant)
    {
        var directory = Path.Combine(SharedData.Repository, "artifacts", "fuzz", target);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"mutant-{n}");
        File.WriteAllBytes(path, mutant);
        return path;
    }
}
