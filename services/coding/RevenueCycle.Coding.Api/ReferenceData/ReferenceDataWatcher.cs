using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.Coding.Api.ReferenceData;

/// <summary>Configuration section <c>Coding</c>.</summary>
public sealed class CodingOptions
{
    /// <summary>Reference directory laid out like the CMS downloads (icd10cm/, hcpcs/, mce/, modifiers/, cpt/); empty serves the demo pack.</summary>
    public string ReferenceData { get; set; } = "";

    /// <summary>How often the directory is checked for a new release.</summary>
    public TimeSpan ReferenceDataPollInterval { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// Keeps the code sets current without a restart: loads the reference directory at start, then reloads it when its
/// files change. A release that fails to load is logged with file and line and the editions in force stay.
/// </summary>
public sealed partial class ReferenceDataWatcher(ReferenceDataCatalog catalog, CodingOptions options, TimeProvider clock, ILogger<ReferenceDataWatcher> logger)
    : BackgroundService
{
    private string _fingerprint = "";

    /// <summary>The last load's error (file and line), empty after a successful load.</summary>
    public string LastError { get; private set; } = "";

    /// <summary>Loads the directory now and swaps it in; on failure keeps the set in force and rethrows.</summary>
    public ReferenceDataSet Reload()
    {
        if (string.IsNullOrWhiteSpace(options.ReferenceData))
        {
            return catalog.Current; // demo pack: nothing to reload
        }

        try
        {
            var fingerprint = Fingerprint(options.ReferenceData);
            var loaded = catalog.Reload(() => ReferenceDirectoryLoader.Load(options.ReferenceData, clock));
            _fingerprint = fingerprint;
            LastError = "";
            LogLoaded(logger, loaded.Source, string.Join("; ", loaded.Editions.Select(e => $"{e.Version} ({e.Count})")));
            return loaded;
        }
        catch (ReferenceDataException e)
        {
            LastError = e.Message;
            LogRefused(logger, e.File, e.Line, e.Problem);
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.ReferenceData))
        {
            return;
        }

        TryReload();
        using var timer = new PeriodicTimer(options.ReferenceDataPollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (Directory.Exists(options.ReferenceData) && Fingerprint(options.ReferenceData) != _fingerprint)
            {
                TryReload();
            }
        }
    }

    private void TryReload()
    {
        try
        {
            Reload();
        }
        catch (ReferenceDataException)
        {
            // Logged by Reload; the editions in force stay in force. The fingerprint is not updated, but the same
            // broken files are not retried until they change.
            _fingerprint = Directory.Exists(options.ReferenceData) ? Fingerprint(options.ReferenceData) : "";
        }
    }

    /// <summary>Names, sizes and times of every file: any change means a new release to load.</summary>
    private static string Fingerprint(string directory) => string.Join('|', Directory
        .EnumerateFiles(directory, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(f => new FileInfo(f))
        .Select(f => $"{f.FullName}:{f.Length}:{f.LastWriteTimeUtc.Ticks}"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Code sets loaded from {Source}: {Editions}")]
    private static partial void LogLoaded(ILogger logger, string source, string editions);

    [LoggerMessage(Level = LogLevel.Error, Message = "Code-set release refused ({File}:{Line}: {Problem}); the editions in force stay")]
    private static partial void LogRefused(ILogger logger, string file, int line, string problem);
}
