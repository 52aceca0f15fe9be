using RevenueCycle.X12.Errors;
using RevenueCycle.X12.Schema;
using RevenueCycle.X12.Syntax;

namespace RevenueCycle.X12.Model;

/// <summary>One transaction set (ST ... SE) as read, with the guide it was read against (null when none is known).</summary>
public sealed class X12Transaction(Segment st, X12Loop root, TransactionSpec? spec)
{
    public Segment St { get; } = st;

    public Segment? Se { get; internal set; }

    /// <summary>The transaction's own level: ST, the header segments, the loops, SE.</summary>
    public X12Loop Root { get; } = root;

    public TransactionSpec? Spec { get; } = spec;

    /// <summary>ST01, e.g. 837.</summary>
    public string Type => St[1];

    public string ControlNumber => St[2];

    /// <summary>ST03, e.g. 005010X222A1.</summary>
    public string Version => St[3];

    /// <summary>Segments from ST to SE, as SE01 counts them.</summary>
    public int SegmentCount { get; internal set; }

    /// <summary>Read by an adopted guide other than the one the transaction names (e.g. an 837P labelled X222A2): why, for the reader.</summary>
    public string? Warning { get; internal set; }
}

public sealed class X12FunctionalGroup(Segment gs)
{
    public Segment Gs { get; } = gs;

    public Segment? Ge { get; internal set; }

    public List<X12Transaction> Transactions { get; } = [];

    /// <summary>GS01, e.g. HC for claims.</summary>
    public string FunctionalId => Gs[1];

    public string ControlNumber => Gs[6];
}

public sealed class X12Interchange(Segment isa, Delimiters delimiters)
{
    public Segment Isa { get; } = isa;

    public Segment? Iea { get; internal set; }

    public Delimiters Delimiters { get; } = delimiters;

    public List<X12FunctionalGroup> Groups { get; } = [];

    public string ControlNumber => Isa[13];

    public string SenderId => Isa[6].Trim();

    public string ReceiverId => Isa[8].Trim();
}

/// <summary>A whole file as read: its interchanges and every error found, located.</summary>
public sealed class X12Document
{
    public List<X12Interchange> Interchanges { get; } = [];

    public List<X12Error> Errors { get; } = [];

    public bool IsValid => Errors.Count == 0;

    /// <summary>What was read but deserves a word, located: labels read by the adopted guide.</summary>
    public IEnumerable<string> Warnings => Interchanges.SelectMany(i => i.Groups.SelectMany(g => g.Transactions
        .Where(t => t.Warning is not null)
        .Select(t => $"ISA {i.ControlNumber} / GS {g.Gs[6]} / ST {t.ControlNumber}: {t.Warning}")));

    public IEnumerable<X12Transaction> Transactions => Interchanges.SelectMany(i => i.Groups).SelectMany(g => g.Transactions);
}
