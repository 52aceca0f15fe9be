using RevenueCycle.Posting.Domain.UseCases;
using RevenueCycle.ServiceDefaults.ReferenceData;

namespace RevenueCycle.Posting.Api;

/// <summary>
/// Watches one of posting's configured paths (fee schedule, contracts, code lists); when anything under it changes,
/// every table is read again and swapped in whole. A release that fails to load is logged with file and line and
/// the tables in force stay.
/// </summary>
public sealed class PostingTablesWatcher(string what, string path, PostingTables tables, PostingOptions options, TimeProvider clock, ILogger<PostingTablesWatcher> logger)
    : ReleaseWatcher(path, options.PollInterval, clock, logger)
{
    protected override string What => what;

    /// <summary>The host read every table at start (a broken one stops it there).</summary>
    protected override bool LoadedAtStart => true;

    protected override string LoadAndSwap()
    {
        var loaded = options.LoadTables();
        tables.Swap(loaded.Settings, loaded.Expected);
        return $"underpayment baseline {(loaded.Expected?.HasAnySchedule == true ? "loaded" : "none")}, CARC list {loaded.Settings.Carcs?.Count ?? 0} codes";
    }
}
