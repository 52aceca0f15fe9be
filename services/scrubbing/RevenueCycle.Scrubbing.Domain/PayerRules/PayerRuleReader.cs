using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.Scrubbing.Domain.PayerRules;

/// <summary>
/// Reads payer rules from their JSON file (comments allowed):
/// <code>
/// { "version": "2026.1", "defaultTimelyFilingDays": 365,
///   "payers": [ { "payerId": "12345", "name": "Sample Health Plan", "timelyFilingDays": 90,
///     "rules": [ { "id": "SHP-TELEHEALTH-95", "description": "...", "effectiveFrom": "2024-01-01",
///       "when": { "placesOfService": ["10"] }, "require": { "anyModifier": ["95"] },
///       "severity": "reject", "owner": "coding", "message": "...", "fix": "..." } ] } ] }
/// </code>
/// Conditions: claimTypes, placesOfService, procedures (codes and ranges), modifiers, diagnosisPrefixes,
/// typeOfBillPrefixes, minAge, maxAge. Requirements: anyModifier, noModifier, maxUnits, anyDiagnosisPrefix,
/// priorAuthorization, referral, deny. Unknown fields, bad values and duplicate rule ids refuse the whole file with
/// its line, so a typo never silently turns a rule off.
/// </summary>
public static class PayerRuleReader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static PayerRuleSet Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new ReferenceDataException(Path.GetFileName(path), 0, $"cannot be read ({e.Message})");
        }

        return Read(bytes, Path.GetFileName(path), path);
    }

    public static PayerRuleSet Read(byte[] utf8Json, string name, string source)
    {
        FileDto file;
        try
        {
            file = JsonSerializer.Deserialize<FileDto>(utf8Json, Options) ?? throw new ReferenceDataException(name, 1, "the file is empty (null)");
        }
        catch (JsonException e)
        {
            var problem = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.');
            throw new ReferenceDataException(name, (int)(e.LineNumber ?? 0) + 1, $"{problem} (at {e.Path ?? "$"})");
        }

        var lines = JsonLines.Index(utf8Json);
        ReferenceDataException Error(string path, string problem) => new(name, lines.LineOf(path), $"{problem} (at {path})");

        if (string.IsNullOrWhiteSpace(file.Version))
        {
            throw Error("$", "the file needs a \"version\"");
        }

        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var payerIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var payers = new List<PayerPolicy>();
        for (var p = 0; p < (file.Payers ?? []).Count; p++)
        {
            var payer = file.Payers![p];
            var at = $"$.payers[{p}]";
            if (string.IsNullOrWhiteSpace(payer.PayerId) || !payerIds.Add(payer.PayerId.Trim()))
            {
                throw Error(at, string.IsNullOrWhiteSpace(payer.PayerId) ? "a payer needs its \"payerId\" (or * for every payer)" : $"payer {payer.PayerId} is listed twice");
            }

            if (payer.TimelyFilingDays is <= 0)
            {
                throw Error($"{at}.timelyFilingDays", "timely filing must be a positive number of days");
            }

            var rules = new List<PayerRule>();
            for (var r = 0; r < (payer.Rules ?? []).Count; r++)
            {
                var rule = ToRule(payer.Rules![r], $"{at}.rules[{r}]", Error);
                if (!ids.Add(rule.Id))
                {
                    throw Error($"{at}.rules[{r}].id", $"rule id {rule.Id} is used twice");
                }

                rules.Add(rule);
            }

            payers.Add(new PayerPolicy(payer.PayerId.Trim(), payer.Name ?? "", payer.TimelyFilingDays, rules));
        }

        if (file.DefaultTimelyFilingDays is <= 0)
        {
            throw Error("$.defaultTimelyFilingDays", "timely filing must be a positive number of days");
        }

        return new PayerRuleSet(file.Version.Trim(), source, file.DefaultTimelyFilingDays ?? 365, payers);
    }

    private static PayerRule ToRule(RuleDto dto, string at, Func<string, string, ReferenceDataException> error)
    {
        if (string.IsNullOrWhiteSpace(dto.Id))
        {
            throw error(at, "a rule needs an \"id\"");
        }

        if (string.IsNullOrWhiteSpace(dto.Message) || string.IsNullOrWhiteSpace(dto.Fix))
        {
            throw error(at, $"rule {dto.Id} needs a \"message\" and a \"fix\"");
        }

        var when = dto.When ?? new ConditionDto();
        var require = dto.Require ?? throw error(at, $"rule {dto.Id} needs a \"require\"");
        var procedures = CodeList.Parse(when.Procedures ?? [], out var problem);
        if (problem is not null)
        {
            throw error($"{at}.when.procedures", problem);
        }

        var requirement = new RuleRequirement(
            Upper(require.AnyModifier), Upper(require.NoModifier), require.MaxUnits, Upper(require.AnyDiagnosisPrefix, dots: true),
            require.PriorAuthorization ?? false, require.Referral ?? false, require.Deny ?? false);
        if (requirement is { AnyModifier.Count: 0, NoModifier.Count: 0, MaxUnits: null, AnyDiagnosisPrefix.Count: 0, PriorAuthorization: false, Referral: false, Deny: false })
        {
            throw error($"{at}.require", $"rule {dto.Id} requires nothing");
        }

        var claimTypes = (when.ClaimTypes ?? []).Select(t => t.Trim().ToLowerInvariant() switch
        {
            "professional" => ClaimType.Professional,
            "institutional" => ClaimType.Institutional,
            _ => throw error($"{at}.when.claimTypes", $"'{t}' is not professional or institutional"),
        }).ToArray();

        return new PayerRule(
            dto.Id.Trim(),
            dto.Description ?? "",
            Date(dto.EffectiveFrom, $"{at}.effectiveFrom", error),
            Date(dto.EffectiveTo, $"{at}.effectiveTo", error),
            new RuleCondition(claimTypes, (when.PlacesOfService ?? []).Select(p => p.Trim()).ToArray(), procedures, Upper(when.Modifiers),
                Upper(when.DiagnosisPrefixes, dots: true), (when.TypeOfBillPrefixes ?? []).Select(t => t.Trim()).ToArray(), when.MinAge, when.MaxAge),
            requirement,
            (dto.Severity ?? "reject").Trim().ToLowerInvariant() switch
            {
                "reject" => Severity.Reject,
                "warning" => Severity.Warning,
                "info" => Severity.Info,
                var s => throw error($"{at}.severity", $"severity '{s}' is not reject, warning or info"),
            },
            (dto.Owner ?? "").Trim().ToLowerInvariant() switch
            {
                "coding" => Owner.Coding,
                "billing" => Owner.Billing,
                "front-end" or "frontend" => Owner.FrontEnd,
                var o => throw error($"{at}.owner", $"owner '{o}' is not coding, billing or front-end"),
            },
            dto.Message.Trim(),
            dto.Fix.Trim());
    }

    private static DateOnly? Date(string? text, string at, Func<string, string, ReferenceDataException> error) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw error(at, $"'{text}' is not a date (YYYY-MM-DD)");

    private static string[] Upper(IReadOnlyList<string>? values, bool dots = false) =>
        (values ?? []).Select(v => v.Trim().ToUpperInvariant()).Select(v => dots ? v.Replace(".", "", StringComparison.Ordinal) : v).Where(v => v.Length > 0).ToArray();

    private sealed class FileDto
    {
        public string? Version { get; set; }
        public int? DefaultTimelyFilingDays { get; set; }
        public List<PayerDto>? Payers { get; set; }
    }

    private sealed class PayerDto
    {
        public string? PayerId { get; set; }
        public string? Name { get; set; }
        public int? TimelyFilingDays { get; set; }
        public List<RuleDto>? Rules { get; set; }
    }

    private sealed class RuleDto
    {
        public string? Id { get; set; }
        public string? Description { get; set; }
        public string? EffectiveFrom { get; set; }
        public string? EffectiveTo { get; set; }
        public ConditionDto? When { get; set; }
        public RequirementDto? Require { get; set; }
        public string? Severity { get; set; }
        public string? Owner { get; set; }
        public string? Message { get; set; }
        public string? Fix { get; set; }
    }

    private sealed class ConditionDto
    {
        public List<string>? ClaimTypes { get; set; }
        public List<string>? PlacesOfService { get; set; }
        public List<string>? Procedures { get; set; }
        public List<string>? Modifiers { get; set; }
        public List<string>? DiagnosisPrefixes { get; set; }
        public List<string>? TypeOfBillPrefixes { get; set; }
        public uint? MinAge { get; set; }
        public uint? MaxAge { get; set; }
    }

    private sealed class RequirementDto
    {
        public List<string>? AnyModifier { get; set; }
        public List<string>? NoModifier { get; set; }
        public uint? MaxUnits { get; set; }
        public List<string>? AnyDiagnosisPrefix { get; set; }
        public bool? PriorAuthorization { get; set; }
        public bool? Referral { get; set; }
        public bool? Deny { get; set; }
    }
}
