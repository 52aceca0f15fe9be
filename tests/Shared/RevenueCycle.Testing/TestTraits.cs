using Xunit.v3;

namespace RevenueCycle.Testing;

/// <summary>
/// The test tiers, as traits the runner filters on. <c>make test-unit</c> leaves out <see cref="Integration"/>
/// (it needs nothing beyond .NET and ../shared); <c>make test</c> runs everything.
/// </summary>
public static class TestTraits
{
    public const string Category = "Category";

    /// <summary>Talks to a real Redis (<see cref="RedisFixture"/>).</summary>
    public const string Integration = "Integration";

    /// <summary>Reads the public reference data and samples beside the repository (<see cref="SharedData"/>).</summary>
    public const string SharedData = "SharedData";
}

/// <summary>The test talks to a real Redis: trait <c>Category=Integration</c>. Use with <c>IClassFixture&lt;RedisFixture&gt;</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresRedisAttribute : Attribute, ITraitAttribute
{
    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new(TestTraits.Category, TestTraits.Integration)];
}

/// <summary>The test reads ../shared (real CMS and X12 files): trait <c>Category=SharedData</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresSharedDataAttribute : Attribute, ITraitAttribute
{
    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new(TestTraits.Category, TestTraits.SharedData)];
}

/// <summary>
/// The test drives a real browser (Debian's chromium through Playwright; <c>make test</c> installs it): trait
/// <c>Category=Integration</c>, so <c>make test-unit</c> needs nothing beyond .NET.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresBrowserAttribute : Attribute, ITraitAttribute
{
    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new(TestTraits.Category, TestTraits.Integration), new("Requires", "Browser")];
}
