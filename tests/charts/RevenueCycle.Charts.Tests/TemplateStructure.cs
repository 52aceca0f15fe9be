using System.Text.RegularExpressions;

namespace RevenueCycle.Charts.Tests;

/// <summary>
/// What can be checked of a Go template without Go: every <c>{{</c> is closed by <c>}}</c> before the next one opens,
/// no <c>}}</c> stands alone, comments are closed, <c>if</c>/<c>range</c>/<c>with</c>/<c>define</c>/<c>block</c> are
/// balanced by <c>end</c>, <c>else</c> sits inside <c>if</c>/<c>range</c>/<c>with</c>, and <c>define</c> is top level.
/// </summary>
internal static partial class TemplateStructure
{
    private const string Open = "{{";
    private const string Close = "}}";

    private static readonly HashSet<string> BlockKeywords = new(StringComparer.Ordinal) { "if", "range", "with", "define", "block" };
    private static readonly HashSet<string> ElseParents = new(StringComparer.Ordinal) { "if", "range", "with" };

    /// <summary>The problems found in one template; empty when it is well-formed.</summary>
    public static IReadOnlyList<string> Check(string name, string text)
    {
        var problems = new List<string>();
        var blocks = new Stack<(string Keyword, int Line)>();
        var position = 0;
        while (position < text.Length)
        {
            var start = text.IndexOf(Open, position, StringComparison.Ordinal);
            var stray = text.IndexOf(Close, position, StringComparison.Ordinal);
            if (stray >= 0 && (start < 0 || stray < start))
            {
                problems.Add($"{name}:{LineOf(text, stray)}: '{Close}' without an opening '{Open}'");
                position = stray + Close.Length;
                continue;
            }

            if (start < 0)
            {
                break;
            }

            var bodyStart = start + Open.Length;
            var end = text.IndexOf(Close, bodyStart, StringComparison.Ordinal);
            if (end < 0)
            {
                problems.Add($"{name}:{LineOf(text, start)}: '{Open}' is never closed by '{Close}'");
                break;
            }

            var nested = text.IndexOf(Open, bodyStart, end - bodyStart, StringComparison.Ordinal);
            if (nested >= 0)
            {
                problems.Add($"{name}:{LineOf(text, start)}: '{Open}' opens again before '{Close}'");
                position = nested;
                continue;
            }

            CheckAction(name, LineOf(text, start), text[bodyStart..end], blocks, problems);
            position = end + Close.Length;
        }

        foreach (var (keyword, line) in blocks)
        {
            problems.Add($"{name}:{line}: '{keyword}' has no matching 'end'");
        }

        return problems;
    }

    /// <summary>
    /// The blocks (<c>if</c>, <c>range</c>, <c>with</c>, ...) of a well-formed template whose opening action matches
    /// <paramref name="opens"/> (the action's text without braces and trim markers, e.g. <c>if $dapr</c>), each with
    /// the text between its opening action and its <c>end</c>, nested blocks included.
    /// </summary>
    public static IReadOnlyList<(string Action, string Body)> Blocks(string text, Func<string, bool> opens)
    {
        var found = new List<(string Action, string Body)>();
        var open = new Stack<(string Action, int BodyStart)>();
        var position = 0;
        while (true)
        {
            var start = text.IndexOf(Open, position, StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }

            var end = text.IndexOf(Close, start + Open.Length, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            var action = Trimmed(text[(start + Open.Length)..end]);
            var keyword = KeywordPattern().Match(action).Value;
            if (BlockKeywords.Contains(keyword))
            {
                open.Push((action, end + Close.Length));
            }
            else if (keyword == "end" && open.Count > 0)
            {
                var (opening, bodyStart) = open.Pop();
                if (opens(opening))
                {
                    found.Add((opening, text[bodyStart..start]));
                }
            }

            position = end + Close.Length;
        }

        return found;
    }

    /// <summary>Names given to <c>define</c> in a template.</summary>
    public static IReadOnlyList<string> Defines(string text) =>
        DefinePattern().Matches(text).Select(match => match.Groups["name"].Value).ToList();

    /// <summary>Literal template names passed to <c>include</c> or <c>template</c>.</summary>
    public static IReadOnlyList<string> Includes(string text) =>
        IncludePattern().Matches(text).Select(match => match.Groups["name"].Value).ToList();

    /// <summary>An action's text without its trim markers and surrounding whitespace.</summary>
    private static string Trimmed(string raw)
    {
        var body = raw;
        // "{{- " and " -}}" trim whitespace; the dash must be followed (preceded) by a space to be a trim marker.
        if (body.Length > 1 && body[0] == '-' && char.IsWhiteSpace(body[1]))
        {
            body = body[1..];
        }

        if (body.Length > 1 && body[^1] == '-' && char.IsWhiteSpace(body[^2]))
        {
            body = body[..^1];
        }

        return body.Trim();
    }

    private static void CheckAction(string name, int line, string raw, Stack<(string Keyword, int Line)> blocks, List<string> problems)
    {
        var body = Trimmed(raw);
        if (body.StartsWith("/*", StringComparison.Ordinal))
        {
            if (!body.EndsWith("*/", StringComparison.Ordinal))
            {
                problems.Add($"{name}:{line}: comment '/*' is not closed by '*/' inside the action");
            }

            return;
        }

        if (body.Length == 0)
        {
            problems.Add($"{name}:{line}: empty action");
            return;
        }

        var keyword = KeywordPattern().Match(body).Value;
        if (BlockKeywords.Contains(keyword))
        {
            if (keyword == "define" && blocks.Count > 0)
            {
                problems.Add($"{name}:{line}: 'define' inside '{blocks.Peek().Keyword}' (line {blocks.Peek().Line}); define must be top level");
            }

            blocks.Push((keyword, line));
        }
        else if (keyword == "else")
        {
            if (blocks.Count == 0 || !ElseParents.Contains(blocks.Peek().Keyword))
            {
                problems.Add($"{name}:{line}: 'else' outside if/range/with");
            }
        }
        else if (keyword == "end")
        {
            if (blocks.Count == 0)
            {
                problems.Add($"{name}:{line}: 'end' without an open block");
            }
            else
            {
                blocks.Pop();
            }
        }
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"^[A-Za-z]+(?=\s|$)")]
    private static partial Regex KeywordPattern();

    [GeneratedRegex(@"\{\{-?\s*define\s+""(?<name>[^""]+)""")]
    private static partial Regex DefinePattern();

    [GeneratedRegex(@"\b(?:include|template)\s+""(?<name>[^""]+)""")]
    private static partial Regex IncludePattern();
}
