using RevenueCycle.Scrubbing.Domain.PayerRules;

namespace RevenueCycle.Scrubbing.Api.ReferenceData;

/// <summary>The sample payer rules embedded for <c>make run</c> (and as a model for operators' own file).</summary>
public static class DemoPayerRules
{
    public static PayerRuleSet Load()
    {
        using var stream = typeof(DemoPayerRules).Assembly.GetManifestResourceStream("RevenueCycle.Scrubbing.Api.ReferenceData.demo-payer-rules.json")
            ?? throw new InvalidOperationException("The demo payer rules are not embedded in the scrubbing service.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return PayerRuleReader.Read(buffer.ToArray(), "demo-payer-rules.json", "demo rules");
    }
}
