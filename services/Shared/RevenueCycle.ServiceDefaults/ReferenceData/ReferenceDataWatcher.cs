using Microsoft.Extensions.Logging;
using RevenueCycle.ReferenceData.Catalog;

namespace RevenueCycle.ServiceDefaults.ReferenceData;

/// <summary>
/// Keeps a service's code sets (and, for the scrubber, the NCCI tables) current: loads the reference directory at
/// start and whenever its files change, and swaps the new set in whole.
/// </summary>
public sealed class ReferenceDataWatcher(ReferenceDataCatalog catalog, string directory, ReferenceParts parts, TimeSpan pollInterval, TimeProvider clock, ILogger<ReferenceDataWatcher> logger)
    : ReleaseWatcher(directory, pollInterval, clock, logger)
{
    protected override string What => "Reference data";

    /// <summary>Loads the directory now and swaps it in; on failure keeps the set in force and rethrows.</summary>
    public ReferenceDataSet Reload()
    {
        ReloadNow();
        return catalog.Current;
    }

    protected override string LoadAndSwap()
    {
        var loaded = catalog.Reload(() => ReferenceDirectoryLoader.Load(Path, parts, Clock));
        return string.Join("; ", loaded.Editions.Select(e => $"{e.Version} ({e.Count})"));
    }
}
