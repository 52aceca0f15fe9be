using System.Text;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.Scrubbing.Domain.PayerRules;

namespace RevenueCycle.Scrubbing.Tests.Domain.PayerRules;

public sealed class PayerRuleReaderTests
{
    private const string Valid = """
        // comments are allowed
        {
          "version": "2026.2",
          "defaultTimelyFilingDays": 180,
          "payers": [
            { "payerId": "12345", "name": "Sample Health Plan", "timelyFilingDays": 90,
              "rules": [
                { "id": "SHP-TELEHEALTH-95", "description": "Telehealth at home",
                  "effectiveFrom": "2024-01-01",
                  "when": { "claimTypes": ["professional"], "placesOfService": ["10"], "procedures": ["99202-99215", "G2211"] },
                  "require": { "anyModifier": ["95"] },
                  "severity": "reject", "owner": "coding",
                  "message": "Modifier 95 is required.", "fix": "Append 95." }
              ] }
          ]
        }
        """;

    private static PayerRuleSet Read(string json) => PayerRuleReader.Read(Encoding.UTF8.GetBytes(json), "rules.json", "rules.json");

    [Fact]
    public void Read_ValidFile_GivesTheRulesAndLimits()
    {
        var set = Read(Valid);

        Assert.Equal(("2026.2", 180, 90), (set.Version, set.DefaultTimelyFilingDays, set.TimelyFilingDays("12345")));
        Assert.Equal(180, set.TimelyFilingDays("99999"));
        var rule = Assert.Single(set.RulesFor("12345"));
        Assert.Equal(("SHP-TELEHEALTH-95", Severity.Reject, Owner.Coding, new DateOnly(2024, 1, 1)), (rule.Id, rule.Severity, rule.Owner, rule.EffectiveFrom!.Value));
        Assert.True(rule.When.Procedures.Contains("99214"));
        Assert.True(rule.When.Procedures.Contains("G2211"));
        Assert.False(rule.When.Procedures.Contains("99216"));
        Assert.Equal(["95"], rule.Require.AnyModifier);
        Assert.Empty(set.RulesFor("99999"));
    }

    private const string SeverityAndOwner = "\"severity\": \"reject\", \"owner\": \"coding\",";

    public static TheoryData<string, string, string, int, string> Broken() => new()
    {
        { "syntax", "\"message\": \"Modifier", "\"message\" \"Modifier", 13, "invalid" },
        { "unknown field", SeverityAndOwner, SeverityAndOwner + " \"ownr\": \"x\",", 12, "ownr" },
        { "bad severity", SeverityAndOwner, "\"severity\": \"fatal\", \"owner\": \"coding\",", 12, "severity 'fatal'" },
        { "bad owner", SeverityAndOwner, "\"severity\": \"reject\", \"owner\": \"nobody\",", 12, "owner 'nobody'" },
        { "bad range", "99202-99215", "99215-99202", 10, "99215-99202" },
        { "bad date", "2024-01-01", "2024-13-01", 9, "not a date" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Read_BrokenRule_IsRefusedWithFileAndLine(string what, string find, string replace, int line, string mentions)
    {
        var error = Assert.Throws<ReferenceDataException>(() => Read(Valid.Replace(find, replace, StringComparison.Ordinal)));

        Assert.Equal("rules.json", error.File);
        Assert.True(error.Line == line, $"{what}: line {error.Line}, expected {line}");
        Assert.Contains(mentions, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Read_DuplicateRuleId_IsRefusedAtTheSecond()
    {
        var json = Valid.Replace("""
                  "message": "Modifier 95 is required.", "fix": "Append 95." }
            """, """
                  "message": "Modifier 95 is required.", "fix": "Append 95." },
                { "id": "shp-telehealth-95", "require": { "deny": true }, "owner": "billing", "message": "m", "fix": "f" }
            """, StringComparison.Ordinal);

        var error = Assert.Throws<ReferenceDataException>(() => Read(json));

        Assert.Equal(14, error.Line);
        Assert.Contains("used twice", error.Problem);
    }

    [Fact]
    public void Read_RuleThatRequiresNothing_IsRefused()
    {
        var error = Assert.Throws<ReferenceDataException>(() => Read(Valid.Replace("\"anyModifier\": [\"95\"]", "", StringComparison.Ordinal)));

        Assert.Contains("requires nothing", error.Problem);
        Assert.Equal(11, error.Line);
    }

    [Fact]
    public void Read_MissingFile_IsRefusedByName()
    {
        var error = Assert.Throws<ReferenceDataException>(() => PayerRuleReader.Read(Path.Combine(Path.GetTempPath(), "no-such-rules.json")));

        Assert.Equal("no-such-rules.json", error.File);
    }
}
