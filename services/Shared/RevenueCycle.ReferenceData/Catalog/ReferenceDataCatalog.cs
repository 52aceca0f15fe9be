namespace RevenueCycle.ReferenceData.Catalog;

/// <summary>
/// Holds the reference data in force and swaps in a new set whole, without a restart. A load that fails leaves
/// the current set in force and reports why (file and line).
/// </summary>
public sealed class ReferenceDataCatalog(ReferenceDataSet initial)
{
    private ReferenceDataSet _current = initial;

    public ReferenceDataSet Current => Volatile.Read(ref _current);

    /// <summary>Loads and swaps; on failure the exception propagates and nothing changes.</summary>
    public ReferenceDataSet Reload(Func<ReferenceDataSet> load)
    {
        var loaded = load();
        Volatile.Write(ref _current, loaded);
        return loaded;
    }
}
