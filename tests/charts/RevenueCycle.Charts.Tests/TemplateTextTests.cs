using System.Text.RegularExpressions;

namespace RevenueCycle.Charts.Tests;

/// <summary>
/// The chart's templates read as text, not rendered (no helm on the build machines, and no renderer of our own):
/// their structure, the helpers they include, and the lines the platform relies on being written. Whether the chart
/// renders to valid Kubernetes objects is <c>make helm-lint</c>'s job wherever helm is installed.
/// </summary>
public sealed partial class TemplateTextTests
{
    [Fact]
    public void Chart_HasTheExpectedTemplateFiles()
    {
        var templates = ChartFiles.Templates();

        foreach (var expected in new[]
        {
            "_helpers.tpl", "component.yaml", "hpa.yaml", "networkpolicy.yaml", "NOTES.txt", "gateway/secret.yaml",
            "dapr/pubsub.yaml", "dapr/app-token-secret.yaml", "redis/statefulset.yaml", "redis/service.yaml", "redis/secret.yaml", "sandbox.yaml",
            "audit-secret.yaml", "dapr/resiliency.yaml",
        })
        {
            Assert.Contains(expected, templates);
        }
    }

    [Fact]
    public void TemplateText_HasBalancedActionsBlocksAndComments()
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
    public void TemplateText_IncludesOnlyHelpersThatHelpersTplDefines()
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
    public void BlockSearch_ReturnsTheBodyOfMatchingBlocks()
    {
        const string Template = "{{- if $a }}\nA{{ if $b }}B{{ end }}\n{{- end }}\n{{- range $x := .Values.l }}R{{- end }}\n";

        var blocks = TemplateStructure.Blocks(Template, action => action.StartsWith("if ", StringComparison.Ordinal));

        Assert.Equal(new[] { "if $b", "if $a" }, blocks.Select(block => block.Action));
        Assert.Equal("B", blocks[0].Body);
        Assert.Equal("\nA{{ if $b }}B{{ end }}\n", blocks[1].Body);
        Assert.Equal("R", Assert.Single(TemplateStructure.Blocks(Template, action => action.StartsWith("range", StringComparison.Ordinal))).Body);
    }

    [Fact]
    public void ComponentTemplateText_SetsTheDaprAnnotations()
    {
        var component = ChartFiles.Read("templates/component.yaml");

        Assert.Contains("dapr.io/enabled: \"true\"", component);
        Assert.Contains("dapr.io/app-id:", component);
        Assert.Contains("dapr.io/app-port:", component);
        Assert.Contains("dapr.io/app-protocol:", component);
        Assert.Contains("dapr.io/enable-metrics:", component);
    }

    [Fact]
    public void ComponentTemplateText_MountsTheReferenceFilesIntoCodingScrubbingAndPosting_AndThePayerRulesIntoScrubbing()
    {
        var component = ChartFiles.Read("templates/component.yaml");

        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(component, @"has \$name \(list ""coding"" ""scrubbing"" ""posting""\)\) \$\.Values\.referenceData\.existingClaim"));
        Assert.Contains("- name: Scrubbing__ReferenceData", component);
        Assert.Contains("- name: Scrubbing__PayerRules", component);
        Assert.Contains("- name: Scrubbing__PollInterval", component);
        Assert.Contains("configMap:\n            name: {{ $.Values.payerRules.existingConfigMap }}", component.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void SandboxTemplateText_AnswersThroughTheClearinghouseVolume_AndNeedsTheDirectoryDrop()
    {
        var sandbox = ChartFiles.Read("templates/sandbox.yaml").ReplaceLineEndings("\n");

        Assert.Contains("{{- if .Values.sandbox.enabled }}", sandbox);
        Assert.Contains("fail \"sandbox.enabled needs clearinghouse.kind Directory", sandbox);
        Assert.Contains("- name: Sandbox__Inbound\n              value: {{ printf \"%s/%s\" .Values.clearinghouse.mountPath .Values.clearinghouse.outbox | quote }}", sandbox);
        Assert.Contains("- name: Sandbox__Outbound\n              value: {{ printf \"%s/%s\" .Values.clearinghouse.mountPath .Values.clearinghouse.inbox | quote }}", sandbox);
        Assert.Contains("ingress: []", sandbox);
    }

    [Fact]
    public void ComponentTemplateText_GivesPostingItsFeeScheduleCodeListsAndContracts()
    {
        var component = ChartFiles.Read("templates/component.yaml").ReplaceLineEndings("\n");

        Assert.Contains("- name: Posting__FeeSchedule\n              value: {{ printf \"%s/%s\" $.Values.referenceData.mountPath $.Values.posting.feeScheduleDir | quote }}", component);
        Assert.Contains("- name: Posting__AdjustmentCodes", component);
        Assert.Contains("- name: Posting__Contracts", component);
        Assert.Contains("configMap:\n            name: {{ $.Values.posting.contracts.existingConfigMap }}", component);
        Assert.Contains("- name: Gateway__MaxUploadBytes", component);
    }

    [Fact]
    public void ComponentTemplateText_GivesSubmissionItsClearinghouse_AndEveryServiceTheAddressesOfThoseItCalls()
    {
        var component = ChartFiles.Read("templates/component.yaml");

        var calls = TemplateStructure.Blocks(component, action => action.StartsWith("range $called := ($c.calls", StringComparison.Ordinal)).Single().Body;
        Assert.Contains("- name: Services__{{ title $called }}", calls);
        Assert.Contains("printf \"http://%s:%d\" $called ($target.grpcPort | int)", calls);
        Assert.Contains("- name: Submission__Clearinghouse", component);
        Assert.Contains("required \"clearinghouse.existingClaim is required when clearinghouse.kind is Directory\"", component);
        Assert.Contains("- name: Submission__SubmitterId", component);
    }

    [Fact]
    public void ComponentTemplateText_ProbesLivenessOverGrpcAndReadinessOverHttp()
    {
        var component = ChartFiles.Read("templates/component.yaml");

        Assert.Matches(LivenessGrpcPattern(), component);
        Assert.Matches(ReadinessPattern(), component);
        Assert.Matches(StartupPattern(), component);
    }

    [Fact]
    public void ComponentTemplateText_DoesNotSetReplicasUnderAnAutoscaler()
    {
        var component = ChartFiles.Read("templates/component.yaml");

        Assert.Matches(ReplicasUnlessAutoscaledPattern(), component);
        Assert.Contains("maxUnavailable: 0", component);
    }

    [Fact]
    public void ComponentTemplateText_ServiceIsNamedAfterTheComponent()
    {
        var service = Documents(ChartFiles.Read("templates/component.yaml"))
            .Single(document => KindPattern().Match(document).Groups["kind"].Value == "Service");

        Assert.Matches(MetadataNamePattern(), service);
        Assert.DoesNotContain("fullname", service, StringComparison.Ordinal);
    }

    [Fact]
    public void PubsubTemplateText_IsARedisComponent()
    {
        var pubsub = ChartFiles.Read("templates/dapr/pubsub.yaml");

        Assert.Contains("apiVersion: dapr.io/v1alpha1", pubsub);
        Assert.Contains("type: pubsub.redis", pubsub);
        Assert.Contains("name: redisHost", pubsub);
        Assert.Contains("scopes:", pubsub);
    }

    [Fact]
    public void RedisTemplateText_KeepsAnAppendOnlyFile()
    {
        var statefulSet = ChartFiles.Read("templates/redis/statefulset.yaml");

        Assert.Contains("--appendonly yes", statefulSet);
        Assert.Contains("--appendfsync {{ .Values.redis.appendfsync }}", statefulSet); // everysec by default; make faults measures it
        Assert.Equal("everysec", YamlValues.ToJsonObject(ChartFiles.Read("values.yaml"))["redis"]!["appendfsync"]!.ToString());
        Assert.Contains("volumeClaimTemplates:", statefulSet);
        Assert.Contains("redis-cli", statefulSet);
    }

    [Fact]
    public void NetworkPolicyTemplateText_LetsOnlyTheGatewayReachTheServicesGrpcPort()
    {
        var template = ChartFiles.Read("templates/networkpolicy.yaml");
        Assert.Contains("{{- if .Values.networkPolicy.enabled }}", template);

        // The per-service policy: the range over the components that renders a NetworkPolicy.
        var services = Assert.Single(
            TemplateStructure.Blocks(template, action => action.StartsWith("range $name, $c := .Values.components", StringComparison.Ordinal)),
            block => block.Body.Contains("kind: NetworkPolicy", StringComparison.Ordinal)).Body;

        Assert.Contains("apiVersion: networking.k8s.io/v1", services);
        Assert.Matches(IngressOnlyPattern(), services);
        Assert.Contains("(ne $name \"gateway\")", services);
        Assert.Matches(GrpcPortRulePattern(), services);
        Assert.Contains("include \"revenue-cycle.selectorLabels\" (dict \"context\" $ \"component\" \"gateway\")", services);
        // Its callers are the components whose calls name it (the catalog's, held by ValuesTests).
        Assert.Contains("{{- if and $cc.enabled (has $name ($cc.calls | default list)) }}", services);
        Assert.Contains("include \"revenue-cycle.selectorLabels\" (dict \"context\" $ \"component\" .)", services);
        Assert.DoesNotContain("$c.httpPort", services, StringComparison.Ordinal);
        Assert.DoesNotContain("namespaceSelector", services, StringComparison.Ordinal);
    }

    [Fact]
    public void NetworkPolicyTemplateText_OpensTheGatewayAndLetsOnlyTheServicesReachRedis()
    {
        var template = ChartFiles.Read("templates/networkpolicy.yaml");

        var gateway = Assert.Single(TemplateStructure.Blocks(template, action => action == "if .Values.components.gateway.enabled")).Body;
        Assert.Contains("$gateway.grpcPort", gateway);
        Assert.Contains("$gateway.httpPort", gateway);
        Assert.Contains(".Values.networkPolicy.gatewayIngressFrom", gateway);

        var redis = Assert.Single(TemplateStructure.Blocks(template, action => action == "if .Values.redis.enabled")).Body;
        Assert.Contains("port: 6379", redis);
        Assert.Contains("include \"revenue-cycle.instanceLabels\"", redis);
        Assert.Contains("key: app.kubernetes.io/component", redis);
        Assert.Contains("operator: In", redis);
    }

    [Fact]
    public void PubsubTemplateText_ReadsTheRedisPasswordFromASecret()
    {
        var pubsub = ChartFiles.Read("templates/dapr/pubsub.yaml");

        Assert.Contains("include \"revenue-cycle.redisSecretName\"", pubsub);
        Assert.Matches(RedisPasswordSecretKeyRefPattern(), pubsub);
        Assert.Contains("secretStore: kubernetes", pubsub);
    }

    [Fact]
    public void ComponentTemplateText_GivesEveryDaprPodTheAppToken()
    {
        var component = ChartFiles.Read("templates/component.yaml");

        // $appToken holds exactly for Dapr-enabled pods while dapr.appToken.enabled.
        Assert.Contains("{{- $appToken := and $dapr $.Values.dapr.appToken.enabled }}", component);
        var daprAnnotations = TemplateStructure.Blocks(component, action => action == "if $dapr")
            .Single(block => block.Body.Contains("dapr.io/enabled", StringComparison.Ordinal)).Body;
        var tokenBlocks = TemplateStructure.Blocks(component, action => action == "if $appToken").Select(block => block.Body).ToList();

        Assert.Contains("{{- if $appToken }}", daprAnnotations);
        Assert.Contains(tokenBlocks, body => body.Contains("dapr.io/app-token-secret: {{ include \"revenue-cycle.daprAppTokenSecretName\" $", StringComparison.Ordinal));
        Assert.Contains(tokenBlocks, body => AppApiTokenPattern().IsMatch(body));
    }

    [Fact]
    public void ComponentTemplateText_GivesEveryServiceTheAuditChainKey_FromASecretKeptAcrossUpgrades()
    {
        var component = ChartFiles.Read("templates/component.yaml");
        var secret = ChartFiles.Read("templates/audit-secret.yaml");

        // Inside the services' (not the gateway's) environment, beside the storage settings.
        var services = TemplateStructure.Blocks(component, action => action == "if not $isGateway")
            .Single(block => block.Body.Contains("Storage__Provider", StringComparison.Ordinal)).Body;
        Assert.Contains("- name: Audit__ChainKey", services);
        Assert.Contains("name: {{ include \"revenue-cycle.auditSecretName\" $ }}", services);
        Assert.Contains("key: chainKey", services);
        // A new random key on upgrade would make every earlier record fail verification.
        Assert.Contains("revenue-cycle.stableRandom", secret);
        Assert.Contains("helm.sh/resource-policy: keep", secret);
    }

    [Fact]
    public void GatewayTemplateText_CarriesKeyIdsExpiryAndRevocation_AndMountsAKeyFileThatReloads()
    {
        var secret = ChartFiles.Read("templates/gateway/secret.yaml");
        var component = ChartFiles.Read("templates/component.yaml");

        foreach (var field in new[] { "__Id:", "__ExpiresAt:", "__Revoked:" })
        {
            Assert.Contains("Gateway__ApiKeys__{{ $i }}" + field, secret);
        }

        var file = TemplateStructure.Blocks(component, action => action == "if $.Values.gateway.apiKeysFile.existingSecret").Single().Body;
        Assert.Contains("- name: Gateway__ApiKeysFile", file);
        Assert.Contains("DOTNET_USE_POLLING_FILE_WATCHER", file);
        Assert.Equal(2, TemplateStructure.Blocks(component, action => action == "if and $isGateway $.Values.gateway.apiKeysFile.existingSecret").Count);
    }

    [Fact]
    public void ResiliencyTemplateText_RetriesAndBreaksThePubSubBothWays_ForTheReleasesDaprApps()
    {
        var resiliency = ChartFiles.Read("templates/dapr/resiliency.yaml");

        Assert.Contains("kind: Resiliency", resiliency);
        Assert.Contains("{{ .Values.dapr.pubsubName }}:", resiliency);
        foreach (var direction in new[] { "outbound:", "inbound:" })
        {
            var block = resiliency[resiliency.IndexOf(direction, StringComparison.Ordinal)..];
            Assert.Matches(@"^\w+:\s+timeout: delivery\s+retry: delivery\s+circuitBreaker: perApp", block);
        }

        Assert.Contains("policy: exponential", resiliency);
        Assert.Contains("dig \"dapr\" \"enabled\" false $c", resiliency); // scoped to the Dapr-enabled apps
    }

    [Fact]
    public void ComponentTemplateText_ConnectsToRedisWithThePassword()
    {
        var component = ChartFiles.Read("templates/component.yaml");
        var helpers = ChartFiles.Read("templates/_helpers.tpl");

        Assert.Contains("include \"revenue-cycle.redisConnectionString\" $", component);
        Assert.Contains(",password=$(REDIS_PASSWORD)", helpers);
        // Kubernetes expands $(REDIS_PASSWORD) only from variables defined earlier in the list.
        var password = component.IndexOf("- name: REDIS_PASSWORD", StringComparison.Ordinal);
        var storage = component.IndexOf("- name: Storage__Redis", StringComparison.Ordinal);
        Assert.InRange(password, 0, storage);
    }

    [Fact]
    public void RedisTemplateText_RequiresAPassword()
    {
        var statefulSet = ChartFiles.Read("templates/redis/statefulset.yaml");

        Assert.Contains("--requirepass \"$REDIS_PASSWORD\"", statefulSet);
        Assert.Contains("include \"revenue-cycle.redisSecretName\"", statefulSet);
        Assert.Contains("- name: REDIS_PASSWORD", statefulSet);
        Assert.Contains("- name: REDISCLI_AUTH", statefulSet);
    }

    [Fact]
    public void SecretTemplatesText_SurviveUpgrades()
    {
        var helpers = ChartFiles.Read("templates/_helpers.tpl");
        var stableRandom = Assert.Single(TemplateStructure.Blocks(helpers, action => action == "define \"revenue-cycle.stableRandom\"")).Body;

        Assert.Contains("lookup \"v1\" \"Secret\"", stableRandom);
        Assert.Contains("randAlphaNum", stableRandom);
        foreach (var (template, key) in new[] { ("redis/secret.yaml", "password"), ("dapr/app-token-secret.yaml", "token") })
        {
            var secret = ChartFiles.Read("templates/" + template);
            Assert.Contains("kind: Secret", secret);
            Assert.Contains($"{key}: {{{{ include \"revenue-cycle.stableRandom\" (dict \"context\" . \"name\" $name \"key\" \"{key}\" \"length\" 32) | b64enc | quote }}}}", secret);
        }
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

    [GeneratedRegex(@"policyTypes:\s*\n\s*- Ingress\s*\n\s*ingress:")]
    private static partial Regex IngressOnlyPattern();

    /// <summary>An ingress rule whose ports are the component's grpcPort (and nothing after it but the protocol).</summary>
    [GeneratedRegex(@"ports:\s*\n\s*- port: \{\{ \$c\.grpcPort \| int \}\}\s*\n\s*protocol: TCP\s*\n\s*\{\{-")]
    private static partial Regex GrpcPortRulePattern();

    [GeneratedRegex(@"- name: redisPassword\s*\n\s*secretKeyRef:\s*\n\s*name: \{\{ \$redisSecret \}\}\s*\n\s*key: \{\{ include ""revenue-cycle\.redisSecretKey"" \. \}\}")]
    private static partial Regex RedisPasswordSecretKeyRefPattern();

    [GeneratedRegex(@"- name: APP_API_TOKEN\s*\n\s*valueFrom:\s*\n\s*secretKeyRef:\s*\n\s*name: \{\{ include ""revenue-cycle\.daprAppTokenSecretName"" \$ \}\}\s*\n\s*key: token\b")]
    private static partial Regex AppApiTokenPattern();
}
