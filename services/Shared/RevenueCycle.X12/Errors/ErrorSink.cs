namespace RevenueCycle.X12.Errors;

/// <summary>Collects errors with the envelope context they occur in; stops collecting after a limit (a garbage file has no end of them).</summary>
public sealed class ErrorSink(List<X12Error> errors, int limit = 1_000)
{
    public string Interchange { get; set; } = "";

    public string Group { get; set; } = "";

    public string Transaction { get; set; } = "";

    /// <summary>Where the segment being read is in the file.</summary>
    public long ByteOffset { get; set; }

    public int SegmentNumber { get; set; }

    public int Count => errors.Count;

    public bool Full => errors.Count >= limit;

    public void Add(X12ErrorSyntax syntax, string code, string message, int segmentPosition = 0, string segmentId = "", string loopId = "",
        int element = 0, int component = 0, int repetition = 0, string value = "", int elementReference = 0)
    {
        if (errors.Count == limit - 1)
        {
            errors.Add(new X12Error(syntax, code, $"more than {limit} errors; reading stopped reporting them", Interchange, Group, Transaction, ByteOffset: ByteOffset, SegmentNumber: SegmentNumber));
            return;
        }

        if (Full)
        {
            return;
        }

        errors.Add(new X12Error(syntax, code, message, Interchange, Group, Transaction, segmentPosition, segmentId, loopId, element, component, repetition, ByteOffset, SegmentNumber, value, elementReference));
    }
}
