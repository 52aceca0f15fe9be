using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace RevenueCycle.Charts.Tests;

/// <summary>A value of a values file: its dotted key path and whether it is a leaf (scalar, list or empty map).</summary>
internal sealed record ValuePath(string Path, bool IsLeaf);

/// <summary>
/// Reads a values file with YamlDotNet and turns it into JSON the way Helm does: plain scalars are resolved to
/// null, booleans and numbers (YAML core schema), quoted and block scalars stay strings.
/// </summary>
internal static partial class YamlValues
{
    public static YamlMappingNode LoadMapping(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InvalidOperationException("The YAML document is empty or its root is not a mapping.");
        }

        return root;
    }

    public static JsonObject ToJsonObject(string yaml) => ToJsonObject(LoadMapping(yaml));

    public static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToJsonObject(mapping),
        YamlSequenceNode sequence => ToJsonArray(sequence),
        YamlScalarNode scalar => ToJsonValue(scalar),
        _ => throw new NotSupportedException($"Unexpected YAML node {node.NodeType} at {node.Start}."),
    };

    /// <summary>Every key path of the mapping, depth first; maps with children are not leaves.</summary>
    public static IReadOnlyList<ValuePath> Paths(YamlMappingNode root)
    {
        var paths = new List<ValuePath>();
        Walk(root, "", paths);
        return paths;
    }

    private static void Walk(YamlMappingNode mapping, string prefix, List<ValuePath> paths)
    {
        foreach (var (key, value) in mapping.Children)
        {
            var path = prefix.Length == 0 ? KeyOf(key) : $"{prefix}.{KeyOf(key)}";
            if (value is YamlMappingNode child && child.Children.Count > 0)
            {
                paths.Add(new ValuePath(path, IsLeaf: false));
                Walk(child, path, paths);
            }
            else
            {
                paths.Add(new ValuePath(path, IsLeaf: true));
            }
        }
    }

    private static string KeyOf(YamlNode key) =>
        key is YamlScalarNode scalar ? scalar.Value ?? "" : throw new NotSupportedException($"Non-scalar key at {key.Start}.");

    private static JsonObject ToJsonObject(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            result[KeyOf(key)] = ToJson(value);
        }

        return result;
    }

    private static JsonArray ToJsonArray(YamlSequenceNode sequence)
    {
        var result = new JsonArray();
        foreach (var item in sequence.Children)
        {
            result.Add(ToJson(item));
        }

        return result;
    }

    private static JsonNode? ToJsonValue(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any))
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
