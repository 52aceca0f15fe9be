using System.Xml.Linq;
using RevenueCycle.Testing;

namespace RevenueCycle.Cli.Tests;

/// <summary>What rcm is built from: no server code, and a list of sources the ./rcm script can trust.</summary>
public sealed class RcmProjectTests
{
    [Fact]
    public void Rcm_ReferencesNoServerCode()
    {
        var server = new[] { "Microsoft.AspNetCore", "RevenueCycle.ServiceDefaults", "RevenueCycle.Infrastructure", "RevenueCycle.Messaging", "StackExchange.Redis", "Dapr" };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<System.Reflection.Assembly>([typeof(Cli).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => seen.Add(r.Name!)))
            {
                var isServer = server.Any(prefix => reference.Name!.StartsWith(prefix, StringComparison.Ordinal)) || (reference.Name!.StartsWith("RevenueCycle.", StringComparison.Ordinal) && reference.Name.EndsWith(".Api", StringComparison.Ordinal));
                Assert.False(isServer, $"{assembly.GetName().Name} references {reference.Name}");
                if (reference.Name!.StartsWith("RevenueCycle.", StringComparison.Ordinal))
                {
                    pending.Push(System.Reflection.Assembly.Load(reference));
                }
            }
        }

        Assert.Contains("RevenueCycle.Scrubbing.Domain", seen);
    }

    /// <summary>
    /// The ./rcm script rebuilds when a file under any directory of rcm.sources changed; the build writes that list.
    /// It must name every project rcm is built from, transitively, or a change to one of them would run stale.
    /// </summary>
    [Fact]
    public void Build_WritesEveryProjectRcmIsBuiltFrom_Transitively()
    {
        var cli = Path.Combine(SharedData.Repository, "tools", "RevenueCycle.Cli", "RevenueCycle.Cli.csproj");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var sources = Path.Combine(SharedData.Repository, "artifacts", "bin", "RevenueCycle.Cli", configuration, "rcm.sources");

        var listed = File.ReadAllLines(sources).Where(l => l.Length > 0).Select(Normalize).ToHashSet(StringComparer.Ordinal);

        var expected = Closure(cli).Select(p => Normalize(Path.GetDirectoryName(p)!)).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(Normalize(Path.Combine(SharedData.Repository, "services", "scrubbing", "RevenueCycle.Scrubbing.Domain")), expected);
        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    /// <summary>The project and every project it references, following ProjectReference items in the project files.</summary>
    private static HashSet<string> Closure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar);
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, include)));
            }
        }

        return seen;
    }

    private static string Normalize(string directory) => Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
}
