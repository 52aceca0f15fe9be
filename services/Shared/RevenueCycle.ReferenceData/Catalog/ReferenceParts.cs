namespace RevenueCycle.ReferenceData.Catalog;

/// <summary>Which parts of a reference directory a service loads.</summary>
[Flags]
public enum ReferenceParts
{
    /// <summary>ICD-10-CM (with tabular notes), HCPCS, MCE, modifiers and the operator's CPT file.</summary>
    CodeSets = 1,

    /// <summary>The quarterly NCCI PTP, MUE and add-on code tables.</summary>
    Ncci = 2,

    All = CodeSets | Ncci,
}
