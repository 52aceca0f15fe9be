namespace RevenueCycle.Scrubbing.Api.ReferenceData;

/// <summary>Configuration section <c>Scrubbing</c>.</summary>
public sealed class ScrubbingOptions
{
    /// <summary>Reference directory laid out like the CMS downloads (icd10cm/, hcpcs/, mce/, modifiers/, cpt/, ncci/); empty serves the demo pack.</summary>
    public string ReferenceData { get; set; } = "";

    /// <summary>The payer-rule JSON file; empty serves the demo rules.</summary>
    public string PayerRules { get; set; } = "";

    /// <summary>How often the directory and the rule file are checked for a new release.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(60);
}
