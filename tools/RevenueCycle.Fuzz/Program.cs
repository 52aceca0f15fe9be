using RevenueCycle.Fuzz;
using RevenueCycle.X12;
using SharpFuzz;

// RevenueCycle.Fuzz TARGET: fuzzed under libfuzzer-dotnet (make fuzz), with the X12 and domain assemblies instrumented.
// RevenueCycle.Fuzz TARGET FILE...: replays inputs (a crash from artifacts/fuzz/TARGET) without libFuzzer, from the
// plain build: dotnet run --project tools/RevenueCycle.Fuzz -- TARGET FILE (stack traces with line numbers).
if (args.Length == 0 || !FuzzTargets.All.ContainsKey(args[0]))
{
    Console.Error.WriteLine($"usage: RevenueCycle.Fuzz {string.Join('|', FuzzTargets.All.Keys)} [FILE...]");
    return 2;
}

var target = args[0];
// Instrumented code counts edges into memory only libFuzzer's driver sets up: outside it, it would crash.
var instrumented = typeof(X12Reader).Assembly.GetReferencedAssemblies().Any(a => a.Name == "SharpFuzz.Common");
if (args.Length > 1 && !instrumented)
{
    foreach (var file in args[1..])
    {
        FuzzTargets.Run(target, File.ReadAllBytes(file));
        Console.WriteLine($"{file}: no crash");
    }

    return 0;
}

if (Environment.GetEnvironmentVariable("__LIBFUZZER_SHM_ID") is null)
{
    Console.Error.WriteLine(instrumented
        ? "this build is instrumented for libFuzzer (make fuzz); replay with: dotnet run --project tools/RevenueCycle.Fuzz -- TARGET FILE"
        : "not under libFuzzer: run make fuzz, or give input files to replay");
    return 2;
}

Fuzzer.LibFuzzer.Run(input => FuzzTargets.Run(target, input.ToArray()));
return 0;
