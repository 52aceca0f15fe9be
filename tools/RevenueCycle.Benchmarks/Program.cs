using System.Text.Json;
using RevenueCycle.Benchmarks;

// rcm-bench coding [--data DIR]: code-set load time, validation latency (and suggestion latency when available).
var arguments = args.ToList();
var data = arguments.IndexOf("--data") is var i and >= 0 && i + 1 < arguments.Count ? arguments[i + 1] : FindSharedData();
object result = arguments.FirstOrDefault() switch
{
    "coding" => CodingBench.Run(data),
    _ => throw new ArgumentException("usage: rcm-bench coding [--data DIR]"),
};
Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

static string FindSharedData()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        var candidate = Path.Combine(directory.FullName, "..", "shared", "data");
        if (File.Exists(Path.Combine(directory.FullName, "RevenueCycle.sln")) && Directory.Exists(candidate))
        {
            return Path.GetFullPath(candidate);
        }
    }

    throw new DirectoryNotFoundException("../shared/data not found; pass --data DIR");
}
