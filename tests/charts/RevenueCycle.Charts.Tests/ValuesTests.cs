using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using RevenueCycle.BuildingBlocks;

namespace RevenueCycle.Charts.Tests;

/// <summary>values.yaml against values.schema.json, the components it declares, and its documentation.</summary>
public sealed class ValuesTests
{
    private static readonly string[] Services = ServiceCatalog.All.Select(s => s.Name).ToArray();

    [Fact]
    public void Values_MatchTheSchema()
    {
        var errors = SchemaErrors(LoadValues());

        if (errors.Count > 0)
        {
            Assert.Fail("values.yaml does not match values.schema.json:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }
    }

    [Fact]
    public void Schema_RejectsAPortOutOfRange()
    {
        var values = LoadValues();
        Component(values, "coding")["grpcPort"] = 70000;

        AssertRefusedAt(values, "/components/coding/grpcPort");
    }

    [Fact]
    public void Schema_RejectsAnUnknownStorageProvider()
    {
        var values = LoadValues();
        Section(values, "storage")["provider"] = "Postgres";

        AssertRefusedAt(values, "/storage/provider");
    }

    [Fact]
    public void Schema_RequiresTheImageOfAComponent()
    {
        var values = LoadValues();
        Assert.True(Component(values, "posting").Remove("image"));

        AssertRefusedAt(values, "/components/posting");
    }

    [Fact]
    public void Schema_AcceptsInMemoryStorage()
    {
        var values = LoadValues();
        Section(values, "storage")["provider"] = "InMemory";

        Assert.Empty(SchemaErrors(values));
    }

    [Fact]
    public void Components_AreTheCatalogsServicesAndTheGateway()
    {
        var components = Section(LoadValues(), "components");

        Assert.Equal(
            Services.Append("gateway").Order(StringComparer.Ordinal),
            components.Select(component => component.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Components_CallTheServicesTheCatalogSaysTheyCall()
    {
        var values = LoadValues();

        foreach (var service in ServiceCatalog.All)
        {
            var calls = (Component(values, service.Name)["calls"]?.AsArray().Select(c => c!.GetValue<string>()) ?? []).Order(StringComparer.Ordinal);
            Assert.True(service.Calls.Order(StringComparer.Ordinal).SequenceEqual(calls), $"components.{service.Name}.calls should be [{string.Join(", ", service.Calls)}] (BuildingBlocks/ServiceCatalog.cs).");
        }

        Assert.Null(Component(values, "gateway")["calls"]);
    }

    [Fact]
    public void Components_ServicesRunDaprAndTheGatewayDoesNot()
    {
        var values = LoadValues();

        foreach (var service in Services)
        {
            Assert.True(DaprEnabled(Component(values, service)), $"components.{service}.dapr.enabled should be true: its events travel through the sidecar.");
        }

        Assert.False(DaprEnabled(Component(values, "gateway")), "components.gateway.dapr.enabled should be false: the gateway neither publishes nor subscribes.");
    }

    [Fact]
    public void Components_UseThePortsTheHostsListenOn()
    {
        var values = LoadValues();
        var problems = new List<string>();

        foreach (var name in Services.Append("gateway"))
        {
            var component = Component(values, name);
            if (Integer(component, "grpcPort") != 8080)
            {
                problems.Add($"components.{name}.grpcPort should be 8080 (the Hosting:GrpcPort default the gateway dials).");
            }

            if (Integer(component, "httpPort") != 8081)
            {
                problems.Add($"components.{name}.httpPort should be 8081 (the Hosting:HttpPort default).");
            }
        }

        if (problems.Count > 0)
        {
            Assert.Fail(string.Join(Environment.NewLine, problems));
        }
    }

    [Fact]
    public void Components_GatewayHasAServiceType()
    {
        var service = Component(LoadValues(), "gateway")["service"];

        Assert.NotNull(service);
        Assert.Equal("ClusterIP", service["type"]?.GetValue<string>());
    }

    [Fact]
    public void Security_IsOnByDefault()
    {
        var values = LoadValues();
        var networkPolicy = Section(values, "networkPolicy");

        Assert.True(networkPolicy["enabled"]?.GetValue<bool>(), "networkPolicy.enabled should be true: the services trust their callers, so only the gateway may reach them.");
        Assert.Empty(Assert.IsType<JsonArray>(networkPolicy["gatewayIngressFrom"]));
        Assert.True(Section(values, "redis")["auth"]?["enabled"]?.GetValue<bool>(), "redis.auth.enabled should be true.");
        Assert.True(Section(values, "dapr")["appToken"]?["enabled"]?.GetValue<bool>(), "dapr.appToken.enabled should be true.");
        Assert.Equal("", Section(values, "dapr")["appToken"]?["existingSecret"]?.GetValue<string>());
    }

    [Fact]
    public void Schema_AcceptsGatewayPeersAndExtraRules()
    {
        var values = LoadValues();
        var networkPolicy = Section(values, "networkPolicy");
        networkPolicy["gatewayIngressFrom"] = JsonNode.Parse("""[{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}, {"ipBlock": {"cidr": "10.0.0.0/8"}}]""");
        networkPolicy["extraIngress"] = JsonNode.Parse("""[{"from": [{"namespaceSelector": {}, "podSelector": {"matchLabels": {"app": "prometheus"}}}], "ports": [{"port": 9090, "protocol": "TCP"}]}]""");

        Assert.Empty(SchemaErrors(values));
    }

    [Fact]
    public void Schema_RejectsAMisspelledPeer()
    {
        var values = LoadValues();
        Section(values, "networkPolicy")["gatewayIngressFrom"] = JsonNode.Parse("""[{"podSelecter": {"matchLabels": {"app": "x"}}}]""");

        AssertRefusedAt(values, "/networkPolicy/gatewayIngressFrom/0");
    }

    [Fact]
    public void Schema_RequiresTheAuthSwitches()
    {
        var values = LoadValues();
        Assert.True(Section(values, "redis")["auth"]!.AsObject().Remove("enabled"));

        AssertRefusedAt(values, "/redis/auth");
    }

    [Fact]
    public void EveryValue_HasAParamComment()
    {
        var values = ChartFiles.Read("values.yaml");

        var undocumented = ValuesDocumentation.Undocumented(values);

        if (undocumented.Count > 0)
        {
            Assert.Fail("Values without a '## @param' line (on the value or a map above it):" + Environment.NewLine + string.Join(Environment.NewLine, undocumented));
        }
    }

    [Fact]
    public void EveryParamComment_NamesAValueOnce()
    {
        var values = ChartFiles.Read("values.yaml");

        var stale = ValuesDocumentation.Stale(values);
        var duplicated = ValuesDocumentation.Duplicated(values);

        if (stale.Count > 0 || duplicated.Count > 0)
        {
            Assert.Fail($"'## @param' lines naming no value: [{string.Join(", ", stale)}]; named twice: [{string.Join(", ", duplicated)}]");
        }
    }

    [Fact]
    public void ParamCheck_ReportsAnUndocumentedValue()
    {
        const string Yaml = """
            ## @param documented.leaf A documented value
            documented:
              leaf: 1
            ## @param covered.map A map documented as a whole
            covered:
              map:
                inner: a
            undocumented:
              leaf: true
              list: []
            """;

        var undocumented = ValuesDocumentation.Undocumented(Yaml);

        Assert.Equal(new[] { "undocumented.leaf", "undocumented.list" }, undocumented);
    }

    [Fact]
    public void ParamCheck_ReportsAParamForAMissingValue()
    {
        const string Yaml = """
            ## @param image.tag The tag
            ## @param image.tagg A typo
            image:
              tag: ""
            """;

        Assert.Equal("image.tagg", Assert.Single(ValuesDocumentation.Stale(Yaml)));
    }

    [Fact]
    public void YamlConversion_KeepsTypes()
    {
        const string Yaml = """
            port: 8080
            ratio: 0.5
            enabled: true
            quoted: "8080"
            version: 7.2-alpine
            empty: ""
            nothing:
            list: [a, 1]
            """;

        var json = YamlValues.ToJsonObject(Yaml);

        Assert.Equal("""{"port":8080,"ratio":0.5,"enabled":true,"quoted":"8080","version":"7.2-alpine","empty":"","nothing":null,"list":["a",1]}""", json.ToJsonString());
    }

    private static JsonObject LoadValues() => YamlValues.ToJsonObject(ChartFiles.Read("values.yaml"));

    private static JsonObject Section(JsonObject values, string name)
    {
        var section = values[name];
        Assert.NotNull(section);
        return section.AsObject();
    }

    private static JsonObject Component(JsonObject values, string name)
    {
        var component = Section(values, "components")[name];
        Assert.NotNull(component);
        return component.AsObject();
    }

    private static bool DaprEnabled(JsonObject component) => component["dapr"]?["enabled"]?.GetValue<bool>() ?? false;

    private static long? Integer(JsonObject component, string name) => component[name]?.GetValue<long>();

    /// <summary>The schema's complaints about the values, one line each; empty when they are valid.</summary>
    /// <summary>The values are refused, and for the part the test changed (an error at or below <paramref name="location"/>).</summary>
    private static void AssertRefusedAt(JsonObject values, string location)
    {
        var errors = SchemaErrors(values);

        Assert.True(
            errors.Any(e => e.StartsWith(location + ":", StringComparison.Ordinal) || e.StartsWith(location + "/", StringComparison.Ordinal)),
            $"expected an error at {location}; got:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    private static List<string> SchemaErrors(JsonObject values)
    {
        var schema = JsonSchema.FromText(ChartFiles.Read("values.schema.json"));
        using var document = JsonDocument.Parse(values.ToJsonString());
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<string>();
        foreach (var result in new[] { results }.Concat(results.Details ?? Enumerable.Empty<EvaluationResults>()))
        {
            foreach (var (keyword, message) in result.Errors ?? new Dictionary<string, string>())
            {
                errors.Add($"{result.InstanceLocation}: {keyword}: {message}");
            }
        }

        // A failed evaluation always says why; if the output format ever drops the messages, still fail.
        if (errors.Count == 0)
        {
            errors.Add("values are invalid (the evaluation gave no messages)");
        }

        return errors;
    }
}
