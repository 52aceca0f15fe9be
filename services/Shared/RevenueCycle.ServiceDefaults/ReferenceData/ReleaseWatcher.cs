using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.ServiceDefaults.ReferenceData;

/// <summary>
/// Keeps a release of operator files current without a restart: loads the path (a file or a directory) at start,
/// then again whenever a file under it changes. A release that fails to load is logged with file and line and the
/// one in force stays. Subclasses say how to load and swap.
/// </summary>
public abstract partial class ReleaseWatcher(string path, TimeSpan pollInterval, TimeProvider clock, ILogger logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private string _fingerprint = "";

    protected TimeProvider Clock { get; } = clock;

    /// <summary>The configured path; empty means the embedded default serves and nothing is watched.</summary>
    public string Path { get; } = Hosting.ConfiguredPath.Resolve(path);

    /// <summary>The last load's error (file and line), empty after a successful load.</summary>
    public string LastError { get; private set; } = "";

    /// <summary>What is loaded, for the log: e.g. "Code sets".</summary>
    protected abstract string What { get; }

    /// <summary>True when the host loaded the release itself before starting (so the watcher only watches for changes).</summary>
    protected virtual bool LoadedAtStart => false;

    /// <summary>Loads the release at <see cref="Path"/> and swaps it in; returns a short description for the log.</summary>
    protected abstract string LoadAndSwap();

    /// <summary>Loads now and swaps; on failure keeps the release in force, records the error and rethrows.</summary>
    public void ReloadNow()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            return; // the embedded default: nothing to reload
        }

        lock (_gate)
        {
            var fingerprint = Fingerprint(Path);
            try
            {
                var description = LoadAndSwap();
                LastError = "";
                LogLoaded(logger, What, Path, description);
            }
            catch (ReferenceDataException e)
            {
                LastError = e.Message;
                LogRefused(logger, What, e.File, e.Line, e.Problem);
                throw;
            }
            finally
            {
                // A broken release is not retried until its files change.
                _fingerprint = fingerprint;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            return;
        }

        await Task.Yield(); // do not hold up the host's start: the embedded default answers meanwhile
        if (LoadedAtStart)
        {
            _fingerprint = Fingerprint(Path); // in force already: load again only when something changes
        }
        else
        {
            TryReload();
        }

        using var timer = new PeriodicTimer(pollInterval, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (Fingerprint(Path) != _fingerprint)
            {
                TryReload();
            }
        }
    }

    private void TryReload()
    {
        try
        {
            ReloadNow();
        }
        catch (ReferenceDataException)
        {
            // Logged by ReloadNow; the release in force stays in force.
        }
    }

    /// <summary>
    /// Names, sizes and times of every file: any change means a new release to load. A single file (the payer rules)
    /// is small and often a ConfigMap whose symlinks are swapped: its content is hashed too.
    /// </summary>
    private static string Fingerprint(string path)
    {
        if (File.Exists(path))
        {
            try
            {
                return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
            }
            catch (IOException)
            {
                return ""; // being replaced: the next tick sees the new file
            }
        }

        IEnumerable<string> files = Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories) : [];
        return string.Join('|', files.Order(StringComparer.Ordinal).Select(f => new FileInfo(f)).Select(f => $"{f.FullName}:{f.Length}:{f.LastWriteTimeUtc.Ticks}"));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{What} loaded from {Path}: {Description}")]
    private static partial void LogLoaded(ILogger logger, string what, string path, string description);

    [LoggerMessage(Level = LogLevel.Error, Message = "{What} release refused ({File}:{Line}: {Problem}); the release in force stays")]
    private static partial void LogRefused(ILogger logger, string what, string file, int line, string problem);
}
