using System.Text;
using System.Text.RegularExpressions;

namespace RevenueCycle.BuildingBlocks.Privacy;

/// <summary>
/// A URL path fit for logs and traces. Literal segments stay (<c>/v1/coding/encounters</c>); segments that look
/// like identifiers — digits, long tokens, e-mail or escaped text — become <c>{id}</c>, since an account or member
/// number in a path is PHI. A gRPC path keeps its service and method and masks anything after them.
/// </summary>
public static partial class PathRedaction
{
    [GeneratedRegex("^v[0-9]{1,2}$")]
    private static partial Regex VersionSegment();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.]*$")]
    private static partial Regex ProtoName();

    public static string Redact(string? path)
    {
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var grpc = segments.Length >= 2 && segments[0].StartsWith("revenuecycle.", StringComparison.Ordinal)
            && ProtoName().IsMatch(segments[0]) && ProtoName().IsMatch(segments[1]);
        var builder = new StringBuilder();
        for (var i = 0; i < segments.Length; i++)
        {
            var keep = grpc ? i < 2 : !LooksLikeIdentifier(segments[i]);
            builder.Append('/').Append(keep ? segments[i] : "{id}");
        }

        return builder.Length == 0 ? "/" : builder.ToString();
    }

    private static bool LooksLikeIdentifier(string segment) =>
        !VersionSegment().IsMatch(segment)
        && (segment.Any(char.IsDigit) || segment.Length > 24 || segment.Contains('@') || segment.Contains('%') || segment.Contains('.'));
}
