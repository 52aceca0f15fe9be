namespace RevenueCycle.Posting.Api;

/// <summary>Configuration section <c>Posting</c> (the appeal windows, <c>AppealDays</c> and <c>AppealDaysByPayer</c>, become <c>PostingSettings</c>).</summary>
public sealed class PostingOptions
{
    /// <summary>Where an uploaded 835 is kept while it is checked and posted (deleted after); empty: the temp directory.</summary>
    public string SpoolDirectory { get; set; } = "";

    /// <summary>Largest 835 file accepted.</summary>
    public long MaxFileBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
