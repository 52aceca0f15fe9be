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

    /// <summary>An error is one line wherever it is printed: line breaks and other control characters in what a file held show escaped.</summary>
    private static string OneLine(string text) =>
        text.AsSpan().IndexOfAnyInRange('\0', '\u001f') < 0 ? text
        : string.Concat(text.Select(c => c switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", < ' ' => $"\\u{(int)c:x4}", _ => c.ToString() }));

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

        errors.Add(new X12Error(syntax, code, OneLine(message), Interchange, Group, Transaction, segmentPosition, OneLine(segmentId), loopId, element, component, repetition, ByteOffset,
            SegmentNumber, value, elementReference));
    }
}
