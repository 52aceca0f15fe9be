using RevenueCycle.Fuzz;
using SharpFuzz;

// RevenueCycle.Fuzz TARGET: fuzzed under libfuzzer-dotnet (make fuzz), with the X12 and domain assemblies instrumented.
// RevenueCycle.Fuzz TARGET FILE...: replays inputs (a crash from artifacts/fuzz/TARGET) in this process, no libFuzzer.
if (args.Length == 0 || !FuzzTargets.All.ContainsKey(args[0]))
{
    Console.Error.WriteLine($"usage: RevenueCycle.Fuzz {string.Join('|', FuzzTargets.All.Keys)} [FILE...]");
    return 2;
}

var target = args[0];
if (args.Length > 1)
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
    Console.Error.WriteLine("not under libFuzzer: run make fuzz, or give input files to replay");
    return 2;
}

Fuzzer.LibFuzzer.Run(input => FuzzTargets.Run(target, input.ToArray()));
return 0;
