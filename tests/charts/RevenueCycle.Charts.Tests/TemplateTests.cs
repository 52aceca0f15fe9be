using System.Text.RegularExpressions;

namespace RevenueCycle.Charts.Tests;

/// <summary>The chart's templates, checked as text: structure, helper names, and the settings the platform relies on.</summary>
public sealed partial class TemplateTests
{
    [Fact]
    public void Chart_HasTheExpectedTemplates()
    {
        var templates = ChartFiles.Templates();

        foreach (var expected in new[] { "_helpers.tpl", "component.yaml", "hpa.yaml", "NOTES.txt", "gateway/secret.yaml", "dapr/pubsub.yaml", "redis/statefulset.yaml", "redis/service.yaml" })
        {
            Assert.Contains(expected, templates);
        }
    }

    [Fact]
    public void Templates_AreWellFormed()
    {
        var problems = ChartFiles.Templates()
            .SelectMany(template => TemplateStructure.Check(template, ChartFiles.Read("templates/" + template)))
            .ToList();

        if (problems.Count > 0)
        {
            Assert.Fail("Malformed templates:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
    }

    [Fact]
    public void Templates_IncludeOnlyHelpersThatAreDefined()
    {
        var defined = TemplateStructure.Defines(ChartFiles.Read("templates/_helpers.tpl"));
        Assert.NotEmpty(defined);
        Assert.Equal(defined.Count, defined.Distinct(StringComparer.Ordinal).Count());

        var missing = ChartFiles.Templates()
            .SelectMany(template => TemplateStructure.Includes(ChartFiles.Read("templates/" + template)).Select(name => (Template: template, Name: name)))
            .Where(use => !defined.Contains(use.Name, StringComparer.Ordinal))
            .Select(use => $"{use.Template}: include \"{use.Name}\"")
            .ToList();

        if (missing.Count > 0)
        {
            Assert.Fail("Templates include helpers that _helpers.tpl does not define:" + Environment.NewLine + string.Join(Environment.NewLine, missing));
        }
    }

    [Fact]
    public void StructureCheck_FindsBrokenTemplates()
    {
        Assert.NotEmpty(TemplateStructure.Check("unclosed-block", "{{- if .Values.x }}\na: 1\n"));
        Assert.NotEmpty(TemplateStructure.Check("extra-end", "a: 1\n{{- end }}\n"));
        Assert.NotEmpty(TemplateStructure.Check("unclosed-action", "a: {{ .Values.x\n"));
        Assert.NotEmpty(TemplateStructure.Check("stray-close", "a: .Values.x }}\n"));
        Assert.NotEmpty(TemplateStructure.Check("nested-open", "a: {{ .Values.x {{ .Values.y }}\n"));
        Assert.NotEmpty(TemplateStructure.Check("else-outside", "{{ else }}\n"));
        Assert.NotEmpty(TemplateStructure.Check("unclosed-comment", "{{/* note }}\n"));
        Assert.Empty(TemplateStructure.Check(
            "fine",
            "{{/* c */}}\n{{- range $k, $v := .Values.m }}\n{{- if $v }}{{ $k }}{{- else if $k }}x{{ else }}y{{- end }}\n{{- end }}\n{{- with .Values.z -}}\n{{ . }}\n{{- end -}}\n"));
    }

    [Fact]
    public void Component_SetsTheDaprAnnotations()
    {
        var component = ChartFiles.Read("templates/component.yaml");

        Assert.Contains("dapr.io/enabled: \"true\"", component);
        Assert.Contains("dapr.io/app-id:", component);
        Assert.Contains("dapr.io/app-port:", component);
        Assert.Contains("dapr.io/app-protocol:", component);
        Assert.Contains("dapr.io/enable-metrics:", component);
    }

    [Fact]
    public void Component_ProbesLivenessOverGrpcAndReadinessOverHttp()
    {
        var component = ChartFiles.Read("templates/component.yaml");

        Assert.Matches(LivenessGrpcPattern(), component);
        Assert.Matches(ReadinessPattern(), component);
        Assert.Matches(StartupPattern(), component);
    }

    [Fact]
    public void Component_DoesNotSetReplicasUnderAnAutoscaler()
    {
        var component = ChartFiles.Read("templates/component.yaml");

        Assert.Matches(ReplicasUnlessAutoscaledPattern(), component);
        Assert.Contains("maxUnavailable: 0", component);
    }

    [Fact]
    public void Component_ServiceIsNamedAfterTheComponent()
    {
        var service = Documents(ChartFiles.Read("templates/component.yaml"))
            .Single(document => KindPattern().Match(document).Groups["kind"].Value == "Service");

        Assert.Matches(MetadataNamePattern(), service);
        Assert.DoesNotContain("fullname", service, StringComparison.Ordinal);
    }

    [Fact]
    public void Pubsub_IsARedisComponent()
    {
        var pubsub = ChartFiles.Read("templates/dapr/pubsub.yaml");

        Assert.Contains("apiVersion: dapr.io/v1alpha1", pubsub);
        Assert.Contains("type: pubsub.redis", pubsub);
        Assert.Contains("name: redisHost", pubsub);
        Assert.Contains("scopes:", pubsub);
    }

    [Fact]
    public void Redis_KeepsAnAppendOnlyFile()
    {
        var statefulSet = ChartFiles.Read("templates/redis/statefulset.yaml");

        Assert.Contains("--appendonly yes", statefulSet);
        Assert.Contains("volumeClaimTemplates:", statefulSet);
        Assert.Contains("redis-cli", statefulSet);
    }

    /// <summary>The YAML documents of a template, split on <c>---</c> lines.</summary>
    private static IEnumerable<string> Documents(string template) =>
        DocumentSeparatorPattern().Split(template).Where(document => !string.IsNullOrWhiteSpace(document));

    /// <summary>A <c>grpc:</c> probe with a port inside the livenessProbe (before the readinessProbe starts).</summary>
    [GeneratedRegex(@"livenessProbe:(?:(?!readinessProbe:)[\s\S])*?\n\s*grpc:\s*\n\s*port:")]
    private static partial Regex LivenessGrpcPattern();

    [GeneratedRegex(@"readinessProbe:\s*\n\s*httpGet:\s*\n\s*path: /health/ready\s*\n\s*port: http\b")]
    private static partial Regex ReadinessPattern();

    [GeneratedRegex(@"startupProbe:\s*\n\s*httpGet:\s*\n\s*path: /health/live\b")]
    private static partial Regex StartupPattern();

    [GeneratedRegex(@"\{\{-?\s*if not \$autoscaling\s*\}\}\s*\n\s*replicas:")]
    private static partial Regex ReplicasUnlessAutoscaledPattern();

    [GeneratedRegex(@"^kind:\s*(?<kind>\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex KindPattern();

    [GeneratedRegex(@"^metadata:\s*\n\s+name: \{\{ \$name \}\}\s*$", RegexOptions.Multiline)]
    private static partial Regex MetadataNamePattern();

    [GeneratedRegex(@"^---[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparatorPattern();
}
