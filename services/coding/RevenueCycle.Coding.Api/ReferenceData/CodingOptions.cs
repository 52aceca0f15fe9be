namespace RevenueCycle.Coding.Api.ReferenceData;

/// <summary>Configuration section <c>Coding</c>.</summary>
public sealed class CodingOptions
{
    /// <summary>Reference directory laid out like the CMS downloads (icd10cm/, hcpcs/, mce/, modifiers/, cpt/); empty serves the demo pack.</summary>
    public string ReferenceData { get; set; } = "";

    /// <summary>How often the directory is checked for a new release.</summary>
    public TimeSpan ReferenceDataPollInterval { get; set; } = TimeSpan.FromSeconds(60);
}
