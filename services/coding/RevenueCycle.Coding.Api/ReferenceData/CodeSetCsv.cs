using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Coding.Domain.CodeSets;

namespace RevenueCycle.Coding.Api.ReferenceData;

/// <summary>
/// Reads a code pack in RevenueCycle's small CSV layout (<c>system,code,billable,description</c>; <c>#</c> starts a
/// comment). A bad row refuses the whole file with its name and line, so a half-read pack never goes live.
/// </summary>
public static class CodeSetCsv
{
    public static CodeSet Load(TextReader reader, string fileName, string version, DateOnly effectiveFrom)
    {
        var entries = new List<CodeEntry>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var fields = SplitCsv(line);
            if (fields.Count != 4)
            {
                throw new ValidationException($"{fileName}:{lineNumber}", $"expected 4 fields, found {fields.Count}");
            }

            if (!Enum.TryParse<CodeSystem>(fields[0].Replace("ICD10CM", nameof(CodeSystem.Icd10Cm), StringComparison.Ordinal), ignoreCase: true, out var system))
            {
                throw new ValidationException($"{fileName}:{lineNumber}", $"unknown code system '{fields[0]}'");
            }

            if (fields[2] is not ("0" or "1") || fields[1].Length is 0 or > 8)
            {
                throw new ValidationException($"{fileName}:{lineNumber}", "billable must be 0 or 1 and the code 1-8 characters");
            }

            entries.Add(new CodeEntry(system, fields[1], fields[2] == "1", fields[3]));
        }

        return new CodeSet(version, effectiveFrom, entries);
    }

    /// <summary>RFC 4180 fields of one line (quoted fields may hold commas and doubled quotes).</summary>
    internal static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}

/// <summary>The embedded demo pack; issue-tracked loaders for the CMS files replace it per edition.</summary>
public sealed class DemoCodeSetProvider : ICodeSetProvider
{
    public const string Version = "demo 2026.1";

    private readonly CodeSet _codeSet;

    public DemoCodeSetProvider()
    {
        using var stream = typeof(DemoCodeSetProvider).Assembly.GetManifestResourceStream("RevenueCycle.Coding.Api.ReferenceData.demo-pack.csv")
            ?? throw new InvalidOperationException("The demo code pack is not embedded in the coding service.");
        using var reader = new StreamReader(stream);
        _codeSet = CodeSetCsv.Load(reader, "demo-pack.csv", Version, new DateOnly(2025, 10, 1));
    }

    public CodeSet For(DateOnly dateOfService) => _codeSet;
}
