using System.Text.RegularExpressions;

namespace RevenueCycle.Charts.Tests;

/// <summary>
/// The bitnami-style documentation of a values file: a <c>## @param path description</c> line per value.
/// A param on a map (e.g. <c>components.eligibility.resources</c>) documents everything under it.
/// </summary>
internal static partial class ValuesDocumentation
{
    /// <summary>The paths named by the <c>## @param</c> lines, in file order.</summary>
    public static IReadOnlyList<string> Params(string valuesYaml) =>
        ParamPattern().Matches(valuesYaml).Select(match => match.Groups["path"].Value).ToList();

    /// <summary>Leaf values that neither have a param of their own nor sit under a documented map.</summary>
    public static IReadOnlyList<string> Undocumented(string valuesYaml)
    {
        var documented = Params(valuesYaml).ToHashSet(StringComparer.Ordinal);
        return YamlValues.Paths(YamlValues.LoadMapping(valuesYaml))
            .Where(value => value.IsLeaf && !IsCovered(value.Path, documented))
            .Select(value => value.Path)
            .ToList();
    }

    /// <summary>Params that name no value of the file (a typo, or a value that was renamed or removed).</summary>
    public static IReadOnlyList<string> Stale(string valuesYaml)
    {
        var existing = YamlValues.Paths(YamlValues.LoadMapping(valuesYaml)).Select(value => value.Path).ToHashSet(StringComparer.Ordinal);
        return Params(valuesYaml).Where(param => !existing.Contains(param)).ToList();
    }

    /// <summary>Params that appear more than once.</summary>
    public static IReadOnlyList<string> Duplicated(string valuesYaml) =>
        Params(valuesYaml).GroupBy(param => param, StringComparer.Ordinal).Where(group => group.Count() > 1).Select(group => group.Key).ToList();

    private static bool IsCovered(string path, HashSet<string> documented)
    {
        var candidate = path;
        while (true)
        {
            if (documented.Contains(candidate))
            {
                return true;
            }

            var dot = candidate.LastIndexOf('.');
            if (dot < 0)
            {
                return false;
            }

            candidate = candidate[..dot];
        }
    }

    [GeneratedRegex(@"^[ \t]*##[ \t]*@param[ \t]+(?<path>\S+)", RegexOptions.Multiline)]
    private static partial Regex ParamPattern();
}
