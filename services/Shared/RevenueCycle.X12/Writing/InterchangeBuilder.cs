using System.Globalization;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Syntax;

namespace RevenueCycle.X12.Writing;

/// <summary>
/// Builds an interchange to send: one ISA/IEA, functional groups (GS/GE) and transaction sets (ST/SE) with their
/// counts and control numbers filled in, so a writer cannot get an envelope wrong.
/// </summary>
public sealed class InterchangeBuilder(Segment isa, Delimiters delimiters)
{
    private readonly X12Interchange _interchange = new(isa, delimiters);

    /// <summary>Adds a functional group; <paramref name="transactions"/> are each a transaction's segments between ST and SE.</summary>
    public InterchangeBuilder Group(string functionalId, string applicationSender, string applicationReceiver, DateTimeOffset at, int controlNumber, string version,
        string transactionSetId, IEnumerable<(string ControlNumber, IReadOnlyList<Segment> Body)> transactions)
    {
        var number = controlNumber.ToString(CultureInfo.InvariantCulture);
        var group = new X12FunctionalGroup(new Segment("GS", functionalId, applicationSender, applicationReceiver,
            at.ToString("yyyyMMdd", CultureInfo.InvariantCulture), at.ToString("HHmm", CultureInfo.InvariantCulture), number, "X", version));
        foreach (var (control, body) in transactions)
        {
            var root = new X12Loop("", transactionSetId);
            // ST03 names the implementation guide in every 5010 guide but the 835's, which marks it not used.
            var st = transactionSetId == "835" ? new Segment("ST", transactionSetId, control) : new Segment("ST", transactionSetId, control, version);
            root.Add(st);
            foreach (var segment in body)
            {
                root.Add(segment);
            }

            var se = new Segment("SE", (body.Count + 2).ToString(CultureInfo.InvariantCulture), control);
            root.Add(se);
            var transaction = new X12Transaction(st, root, null) { Se = se, SegmentCount = body.Count + 2 };
            group.Transactions.Add(transaction);
        }

        group.Ge = new Segment("GE", group.Transactions.Count.ToString(CultureInfo.InvariantCulture), number);
        _interchange.Groups.Add(group);
        return this;
    }

    public X12Interchange Build()
    {
        _interchange.Iea = new Segment("IEA", _interchange.Groups.Count.ToString(CultureInfo.InvariantCulture), _interchange.ControlNumber);
        return _interchange;
    }
}
