namespace RevenueCycle.X12.Schema;

/// <summary>The implementation guides the library knows, read once from the embedded specs.</summary>
public static class Guides
{
    private static readonly string[] Files = ["837P", "837I", "835", "999", "277CA", "277", "276", "270", "271"];

    private static readonly Lazy<SegmentDictionary> LazyDictionary = new(() =>
        Open("segments.spec") is { } reader ? SegmentDictionary.Parse(reader, "segments.spec") : new SegmentDictionary(new Dictionary<string, SegmentDefinition>()));

    private static readonly Lazy<IReadOnlyList<TransactionSpec>> LazyAll = new(() => Files
        .Select(f => (Name: $"{f}.spec", Reader: Open($"{f}.spec")))
        .Where(f => f.Reader is not null)
        .Select(f => TransactionSpec.Parse(f.Reader!, f.Name, Dictionary))
        .ToArray());

    public static SegmentDictionary Dictionary => LazyDictionary.Value;

    /// <summary>
    /// How a message names a segment: by its id when the dictionary knows it; otherwise (stray text, or an id shaped
    /// like a surname such as DOE) by its length only, as it may be a patient's name or date of birth. A 999's IK301
    /// still echoes the id (at most 3 characters of stray text): that goes back to whoever sent the file. A stray word
    /// that happens to be a known id (LIN, a surname too) is still named: too short to identify anyone on its own.
    /// </summary>
    public static string SegmentName(string id) => Dictionary.Find(id) is not null ? id : $"(text of {id.Length} characters, not a known segment id)";

    public static IReadOnlyList<TransactionSpec> All => LazyAll.Value;

    /// <summary>
    /// Labels trading partners really send for the adopted guides, read by the adopted guide (a warning, not a
    /// refusal): the 999 and the 271 without their A1 errata, and the 837 guides' later X12 errata (X222A2, X223A3),
    /// which HIPAA has not adopted and which change no structure this library checks. What RevenueCycle writes stays
    /// on the adopted versions.
    /// </summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["005010X231"] = "005010X231A1",
        ["005010X279"] = "005010X279A1",
        ["005010X222A2"] = "005010X222A1",
        ["005010X223A3"] = "005010X223A2",
    };

    /// <summary>The guide for ST01 and the version in ST03 (or GS08); null when not supported.</summary>
    public static TransactionSpec? Find(string transactionSetId, string version)
    {
        var wanted = Aliases.GetValueOrDefault(version, version);
        return All.FirstOrDefault(s => s.TransactionSetId == transactionSetId && s.Version == wanted);
    }

    public static TransactionSpec Get(string transactionSetId, string version) =>
        Find(transactionSetId, version) ?? throw new InvalidOperationException($"No implementation guide for {transactionSetId} {version}.");

    private static StreamReader? Open(string file) =>
        typeof(Guides).Assembly.GetManifestResourceStream($"RevenueCycle.X12.Specs.{file}") is { } stream ? new StreamReader(stream) : null;
}
