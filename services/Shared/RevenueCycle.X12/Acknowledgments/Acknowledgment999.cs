using System.Globalization;
using RevenueCycle.X12.Errors;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Syntax;

namespace RevenueCycle.X12.Acknowledgments;

/// <summary>An error a 999 reports for a segment (IK3) or one of its elements (IK4).</summary>
public sealed record AcknowledgedError(string SegmentId, int SegmentPosition, string LoopId, string SegmentCode, int ElementPosition, int ComponentPosition, string ElementCode, string BadValue);

/// <summary>One transaction set's acknowledgment (AK2 ... IK5): accepted (A), accepted with errors (E) or rejected (R).</summary>
public sealed record TransactionAcknowledgment(string TransactionSetId, string ControlNumber, string Version, string Status, IReadOnlyList<string> SyntaxCodes, IReadOnlyList<AcknowledgedError> Errors)
{
    public bool Accepted => Status is "A" or "E";
}

/// <summary>A 999 for one functional group: the group acknowledged (AK1), each transaction, the group's status (AK9).</summary>
public sealed record Acknowledgment999(
    string FunctionalId,
    string GroupControlNumber,
    string Version,
    IReadOnlyList<TransactionAcknowledgment> Transactions,
    string GroupStatus,
    int Included,
    int Received,
    int AcceptedCount,
    IReadOnlyList<string> GroupSyntaxCodes);

/// <summary>
/// Builds a 999 from what <see cref="X12Reader"/> found in a received group (so a payer sandbox, or RevenueCycle as
/// a receiver, answers every file with the located errors), writes it as a 999 (005010X231A1) body, and reads one.
/// </summary>
public static class Acknowledgment999Builder
{
    public const string Version = "005010X231A1";

    public static Acknowledgment999 For(X12FunctionalGroup group, IReadOnlyList<X12Error> errors)
    {
        var groupErrors = errors.Where(e => e.GroupControlNumber == group.ControlNumber).ToList();
        var transactions = group.Transactions.Select(t =>
        {
            var own = groupErrors.Where(e => e.TransactionControlNumber == t.ControlNumber).ToList();
            var segmentLevel = own.Where(e => e.Syntax is X12ErrorSyntax.Segment or X12ErrorSyntax.Element)
                .Select(e => e.Syntax == X12ErrorSyntax.Segment
                    ? new AcknowledgedError(e.SegmentId, e.SegmentPosition, e.LoopId, e.Code, 0, 0, "", "")
                    : new AcknowledgedError(e.SegmentId, e.SegmentPosition, e.LoopId, "8", e.ElementPosition, e.ComponentPosition, e.Code, e.Value))
                .ToList();
            var syntax = own.Where(e => e.Syntax == X12ErrorSyntax.Transaction).Select(e => e.Code).Distinct().ToList();
            if (segmentLevel.Count > 0 && syntax.Count == 0)
            {
                syntax.Add("5"); // one or more segments in error
            }

            return new TransactionAcknowledgment(t.Type, t.ControlNumber, t.Version, syntax.Count == 0 ? "A" : "R", syntax.Take(5).ToList(), segmentLevel);
        }).ToList();
        var accepted = transactions.Count(t => t.Accepted);
        var groupCodes = groupErrors.Where(e => e.Syntax == X12ErrorSyntax.Group).Select(e => e.Code).Distinct().Take(5).ToList();
        var status = groupCodes.Count > 0 || accepted == 0 && transactions.Count > 0 ? "R" : accepted < transactions.Count ? "P" : "A";
        return new Acknowledgment999(group.FunctionalId, group.ControlNumber, group.Gs[8], transactions, status, transactions.Count, transactions.Count, accepted, groupCodes);
    }

    /// <summary>
    /// IK303 (element 447, AN 1-4) names the loop as the transaction set diagram does: the guide's 2010AA is the
    /// base standard's loop 2010, so the leading digits, at most four; nothing outside a loop.
    /// </summary>
    public static string LoopIdentifier(string loopId)
    {
        var digits = loopId.TakeWhile(char.IsAsciiDigit).Take(4).ToArray();
        return new string(digits);
    }

    public static List<Segment> Body(Acknowledgment999 ack)
    {
        var segments = new List<Segment> { new("AK1", ack.FunctionalId, ack.GroupControlNumber, ack.Version) };
        foreach (var transaction in ack.Transactions)
        {
            segments.Add(new Segment("AK2", transaction.TransactionSetId, transaction.ControlNumber, transaction.Version));
            foreach (var bySegment in transaction.Errors.GroupBy(e => (e.SegmentId, e.SegmentPosition, e.LoopId)))
            {
                var segmentCode = bySegment.Any(e => e.ElementPosition == 0) ? bySegment.First(e => e.ElementPosition == 0).SegmentCode : "8";
                segments.Add(new Segment("IK3", SegmentIdCode(bySegment.Key.SegmentId), Number(bySegment.Key.SegmentPosition), LoopIdentifier(bySegment.Key.LoopId), segmentCode));
                foreach (var element in bySegment.Where(e => e.ElementPosition > 0))
                {
                    segments.Add(new Segment("IK4",
                        element.ComponentPosition > 0 ? Segment.Composite(Number(element.ElementPosition), Number(element.ComponentPosition)) : Number(element.ElementPosition),
                        "", element.ElementCode, Printable(element.BadValue)));
                }
            }

            segments.Add(new Segment("IK5", [transaction.Status, .. transaction.SyntaxCodes]));
        }

        segments.Add(new Segment("AK9", [ack.GroupStatus, Number(ack.Included), Number(ack.Received), Number(ack.AcceptedCount), .. ack.GroupSyntaxCodes]));
        return segments;
    }

    public static Acknowledgment999 Read(X12Transaction transaction)
    {
        var root = transaction.Root;
        var ak1 = root.Segment("AK1");
        var transactions = root.Children("2000").Select(loop =>
        {
            var ak2 = loop.Segment("AK2")!;
            var ik5 = loop.Segment("IK5");
            var errors = new List<AcknowledgedError>();
            foreach (var segmentLoop in loop.Children("2100"))
            {
                var ik3 = segmentLoop.Segment("IK3")!;
                var position = int.TryParse(ik3[2], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
                var elements = segmentLoop.Children("2110").Select(e => e.Segment("IK4")!).ToList();
                if (elements.Count == 0)
                {
                    errors.Add(new AcknowledgedError(ik3[1], position, ik3[3], ik3[4], 0, 0, "", ""));
                }

                foreach (var ik4 in elements)
                {
                    errors.Add(new AcknowledgedError(ik3[1], position, ik3[3], ik3[4], Int(ik4.Component(1, 1)), Int(ik4.Component(1, 2)), ik4[3], ik4[4]));
                }
            }

            return new TransactionAcknowledgment(ak2[1], ak2[2], ak2[3], ik5?[1] ?? "", Enumerable.Range(2, 5).Select(i => ik5?[i] ?? "").Where(c => c.Length > 0).ToList(), errors);
        }).ToList();
        var ak9 = root.Segment("AK9");
        return new Acknowledgment999(ak1?[1] ?? "", ak1?[2] ?? "", ak1?[3] ?? "", transactions, ak9?[1] ?? "", Int(ak9?[2] ?? ""), Int(ak9?[3] ?? ""), Int(ak9?[4] ?? ""),
            Enumerable.Range(5, 5).Select(i => ak9?[i] ?? "").Where(c => c.Length > 0).ToList());
    }

    private static int Int(string value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>IK404 copies the bad data: only its printable ASCII, at most 99 characters.</summary>
    /// <summary>
    /// IK301 echoes the segment's id as sent; what stood there when it is no id (stray text) is cut to the element's
    /// 3 characters, printable and delimiter-free, so the 999 stays valid and echoes no more of it than that.
    /// </summary>
    private static string SegmentIdCode(string id) => X12Reader.IsSegmentId(id) ? id : Printable(id) is { Length: > 0 } text ? text[..Math.Min(3, text.Length)] : "?";

    private static string Printable(string value) => new string(value.Where(c => c is >= ' ' and <= '~' && c is not ('*' or '~' or ':' or '^')).Take(99).ToArray());
}
