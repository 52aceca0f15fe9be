namespace RevenueCycle.Scrubbing.Domain.PayerRules;

/// <summary>The sample payer rules embedded for <c>make run</c> and offline <c>rcm scrub</c> (and as a model for operators' own file).</summary>
public static class DemoPayerRules
{
    public static PayerRuleSet Load()
    {
        using var stream = typeof(DemoPayerRules).Assembly.GetManifestResourceStream("RevenueCycle.Scrubbing.Domain.PayerRules.demo-payer-rules.json")
            ?? throw new InvalidOperationException("The demo payer rules are not embedded in the scrubbing domain.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return PayerRuleReader.Read(buffer.ToArray(), "demo-payer-rules.json", "demo rules");
    }
}
