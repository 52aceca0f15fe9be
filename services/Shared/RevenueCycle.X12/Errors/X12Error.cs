using RevenueCycle.X12.Schema;

namespace RevenueCycle.X12.Errors;

/// <summary>Which acknowledgment code list an error's code comes from.</summary>
public enum X12ErrorSyntax
{
    /// <summary>TA1 interchange note codes (ISA/IEA problems), e.g. 001 control numbers differ.</summary>
    Interchange,

    /// <summary>AK9 functional-group syntax error codes (GS/GE), e.g. 4 group control numbers differ.</summary>
    Group,

    /// <summary>IK5 transaction-set syntax error codes (ST/SE), e.g. 4 segment count wrong.</summary>
    Transaction,

    /// <summary>IK3 segment syntax error codes, e.g. 3 required segment missing.</summary>
    Segment,

    /// <summary>IK4 element syntax error codes, e.g. 7 invalid code value.</summary>
    Element,
}

/// <summary>
/// One problem in an X12 file, located the way a 999 locates it: the interchange, group and transaction control
/// numbers, the segment's position within its transaction (ST is 1), segment id and loop, element and component
/// position, and the acknowledgment code (TA1, AK9, IK5, IK3 or IK4). The byte offset and file segment number find it
/// in the file. <see cref="Message"/> and <see cref="ToString"/> never quote a segment's data: <see cref="Value"/> does,
/// for the 999's IK404 only, and <see cref="SegmentId"/> holds what stood where the id should be, for its IK301, even
/// when that is stray text (messages name such text by its length: <see cref="Guides.SegmentName"/>). They do quote the
/// envelope's identifiers as read (control numbers, versions), which is what a sender needs to find the file.
/// </summary>
public sealed record X12Error(
    X12ErrorSyntax Syntax,
    string Code,
    string Message,
    string InterchangeControlNumber = "",
    string GroupControlNumber = "",
    string TransactionControlNumber = "",
    int SegmentPosition = 0,
    string SegmentId = "",
    string LoopId = "",
    int ElementPosition = 0,
    int ComponentPosition = 0,
    int Repetition = 0,
    long ByteOffset = 0,
    int SegmentNumber = 0,
    string Value = "",
    int ElementReference = 0)
{
    /// <summary>"ISA 000000905 / GS 1 / ST 987654, segment 9 (REF, loop 2010AA), element 2: IK4 7 invalid code value".</summary>
    public override string ToString()
    {
        var where = new List<string>();
        if (InterchangeControlNumber.Length > 0)
        {
            where.Add($"ISA {InterchangeControlNumber}");
        }

        if (GroupControlNumber.Length > 0)
        {
            where.Add($"GS {GroupControlNumber}");
        }

        if (TransactionControlNumber.Length > 0)
        {
            where.Add($"ST {TransactionControlNumber}");
        }

        var at = SegmentPosition > 0 ? $"segment {SegmentPosition}" : SegmentNumber > 0 ? $"file segment {SegmentNumber}" : $"byte {ByteOffset}";
        var segment = SegmentId.Length > 0 ? $" ({Guides.SegmentName(SegmentId).Trim('(', ')')}{(LoopId.Length > 0 ? $", loop {LoopId}" : "")})" : "";
        var element = ElementPosition > 0 ? $", element {ElementPosition:D2}{(ComponentPosition > 0 ? $"-{ComponentPosition:D2}" : "")}" : "";
        var code = Syntax switch
        {
            X12ErrorSyntax.Interchange => "TA1",
            X12ErrorSyntax.Group => "AK9",
            X12ErrorSyntax.Transaction => "IK5",
            X12ErrorSyntax.Segment => "IK3",
            _ => "IK4",
        };
        return $"{string.Join(" / ", where)}{(where.Count > 0 ? ", " : "")}{at}{segment}{element}: {code} {Code} {Message}";
    }
}
