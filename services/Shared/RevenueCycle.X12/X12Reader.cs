using System.Globalization;
using System.Text;
using RevenueCycle.X12.Errors;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Schema;
using RevenueCycle.X12.Syntax;

namespace RevenueCycle.X12;

/// <summary>
/// Reads X12 interchanges: checks every envelope (ISA/IEA, GS/GE, ST/SE: counts, control numbers, versions,
/// GS01 against ST01), places each transaction's segments into its guide's loops and checks their elements. Errors
/// are collected, located, never thrown: any input, however broken, gives a document and its errors.
/// <see cref="Read"/> streams one transaction at a time, so memory stays flat however long the file;
/// <see cref="Parse(Stream)"/> keeps the whole document.
/// </summary>
public static class X12Reader
{
    private static readonly Dictionary<string, string> FunctionalIds = new(StringComparer.Ordinal)
    {
        ["837"] = "HC", ["835"] = "HP", ["999"] = "FA", ["997"] = "FA", ["277"] = "HN", ["276"] = "HR", ["270"] = "HS", ["271"] = "HB", ["834"] = "BE", ["278"] = "HI", ["820"] = "RA",
    };

    public static X12Document Parse(string text) => Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    public static X12Document Parse(Stream stream)
    {
        var document = new X12Document();
        foreach (var transaction in Read(stream, document.Errors, document))
        {
            _ = transaction; // kept by the document
        }

        return document;
    }

    /// <summary>
    /// Streams the transactions of a file as each one's SE is read. Errors go to <paramref name="errors"/>. When a
    /// <paramref name="document"/> is given the envelopes and transactions are kept in it; otherwise nothing is.
    /// </summary>
    public static IEnumerable<X12Transaction> Read(Stream stream, List<X12Error> errors, X12Document? document = null, X12Streaming? streaming = null)
    {
        var sink = new ErrorSink(errors);
        using var reader = new SegmentReader(stream, leaveOpen: true);
        var state = new State(sink, document, streaming);
        while (reader.Read())
        {
            sink.ByteOffset = reader.Offset;
            sink.SegmentNumber = reader.Number;
            var segment = reader.ToSegment();
            if (segment.Id.AsSpan().IndexOfAny('\r', '\n') >= 0 && segment.Id[(segment.Id.AsSpan().LastIndexOfAny('\r', '\n') + 1)..].Trim() is { } id && IsSegmentId(id))
            {
                // A note someone left between segments ("# corrected by hand ..."): report it, read the segment after it.
                sink.Add(X12ErrorSyntax.Segment, "1", $"{segment.Id.Length - id.Length} characters of text that is not X12 (a note or annotation) stand before this segment; they were skipped.",
                    segmentId: id);
                segment = new Segment(id, [.. segment.Elements]);
            }

            if (reader.Unterminated)
            {
                sink.Add(X12ErrorSyntax.Interchange, "023", $"the file ends inside segment {Guides.SegmentName(segment.Id)}: its terminator ('{reader.Delimiters.Segment}') is missing; the file is truncated.", segmentId: segment.Id);
            }

            if (state.Handle(segment, reader) is { } done)
            {
                yield return done;
            }
        }

        sink.ByteOffset = reader.Offset;
        if (reader.FatalError is { } fatal)
        {
            sink.Add(X12ErrorSyntax.Interchange, reader.Number == 0 ? "022" : "024", $"{fatal}.");
        }

        if (state.Finish() is { } last)
        {
            yield return last;
        }
    }

    /// <summary>Whether text has a segment id's shape: 2-3 capital letters and digits, a letter first.</summary>
    internal static bool IsSegmentId(string id) =>
        id.Length is 2 or 3 && char.IsAsciiLetterUpper(id[0]) && id.AsSpan(1).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") < 0;

    private sealed class State(ErrorSink sink, X12Document? document, X12Streaming? streaming)
    {
        private X12Interchange? _interchange;
        private X12FunctionalGroup? _group;
        private X12Transaction? _transaction;
        private LoopBuilder? _builder;
        private int _position;
        private int _groups;
        private int _transactions;
        private readonly HashSet<string> _transactionNumbers = [];

        public X12Transaction? Handle(Segment segment, SegmentReader reader)
        {
            switch (segment.Id)
            {
                case "ISA":
                    var unfinished = CloseInterchange(missing: true);
                    OpenInterchange(segment, reader);
                    return unfinished;
                case "IEA":
                    var last = CloseGroup(missing: _group is not null);
                    CheckIea(segment);
                    _interchange = null;
                    return last;
                case "GS":
                    var previous = CloseGroup(missing: _group is not null);
                    OpenGroup(segment);
                    return previous;
                case "GE":
                    var closed = CloseTransaction(missing: _transaction is not null);
                    CheckGe(segment);
                    _group = null;
                    sink.Group = "";
                    return closed;
                case "ST":
                    var open = CloseTransaction(missing: _transaction is not null);
                    OpenTransaction(segment);
                    return open;
                case "SE":
                    return CloseTransaction(missing: false, segment);
                default:
                    if (_transaction is null)
                    {
                        sink.Add(X12ErrorSyntax.Interchange, "024", $"{Guides.SegmentName(segment.Id)} is outside any transaction set (ST ... SE).", segmentId: segment.Id);
                        return null;
                    }

                    _position++;
                    AddToTransaction(segment);
                    return null;
            }
        }

        public X12Transaction? Finish()
        {
            var last = CloseInterchange(missing: true);
            return last;
        }

        private void OpenInterchange(Segment isa, SegmentReader reader)
        {
            _interchange = new X12Interchange(isa, reader.Delimiters);
            document?.Interchanges.Add(_interchange);
            sink.Interchange = isa[13].Trim();
            sink.Group = sink.Transaction = "";
            _groups = 0;
            void Error(string code, string message, int element) => sink.Add(X12ErrorSyntax.Interchange, code, message, segmentId: "ISA", element: element);

            for (var i = 1; i <= isa.Count; i++)
            {
                if (isa[i].Any(c => c < ' ' || c > '~'))
                {
                    Error(i switch { 6 => "006", 8 => "008", _ => "024" }, $"ISA{i:D2} holds a character outside the X12 character set.", i);
                }
            }

            if (!reader.IsaFixedWidth)
            {
                Error("022", "the ISA is not the fixed 106 characters (each element padded to its length).", 0);
            }

            if (char.IsAsciiLetterOrDigit(reader.Delimiters.Element))
            {
                Error("026", $"the element separator '{reader.Delimiters.Element}' is a letter or digit.", 0);
            }

            if (char.IsAsciiLetterOrDigit(reader.Delimiters.Component) || reader.Delimiters.Component == reader.Delimiters.Element)
            {
                Error("027", $"the component separator (ISA16) '{reader.Delimiters.Component}' is not a valid separator.", 16);
            }

            if (isa[12] != "00501")
            {
                Error("017", isa[12] == "00401"
                    ? "this is an X12 4010 interchange (ISA12 00401); RevenueCycle reads 5010 (00501) only."
                    : $"interchange version ISA12 must be 00501 (X12 5010).", 12);
            }
            else if (reader.Delimiters.Repetition == '\0')
            {
                Error("016", $"ISA11 must be the repetition separator in 5010, not '{reader.IsaRepetition}'.", 11);
            }

            if (isa[13].Length != 9 || !isa[13].All(char.IsAsciiDigit))
            {
                Error("018", "the interchange control number ISA13 must be 9 digits.", 13);
            }

            if (!DateOnly.TryParseExact(isa[9], "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                Error("014", "the interchange date ISA09 is not a valid YYMMDD date.", 9);
            }

            if (isa[10].Length != 4 || !TimeOnly.TryParseExact(isa[10], "HHmm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                Error("015", "the interchange time ISA10 is not a valid HHMM time.", 10);
            }

            if (isa[14] is not ("0" or "1"))
            {
                Error("019", "the acknowledgment request ISA14 must be 0 or 1.", 14);
            }

            if (isa[15] is not ("P" or "T"))
            {
                Error("020", "the usage indicator ISA15 must be P (production) or T (test).", 15);
            }
        }

        private X12Transaction? CloseInterchange(bool missing)
        {
            if (_interchange is null)
            {
                return null;
            }

            var last = CloseGroup(missing: _group is not null);
            if (missing)
            {
                sink.Add(X12ErrorSyntax.Interchange, "023", $"interchange {_interchange.ControlNumber} has no IEA trailer: the file ends early or is cut.", segmentId: "IEA");
            }

            _interchange = null;
            return last;
        }

        private void CheckIea(Segment iea)
        {
            if (_interchange is null)
            {
                sink.Add(X12ErrorSyntax.Interchange, "024", "an IEA without its ISA.", segmentId: "IEA");
                return;
            }

            _interchange.Iea = iea;
            if (iea[2].Trim() != _interchange.ControlNumber.Trim())
            {
                sink.Add(X12ErrorSyntax.Interchange, "001", $"the IEA control number {iea[2]} differs from the ISA's {_interchange.ControlNumber}.", segmentId: "IEA", element: 2);
            }

            if (iea[1] != _groups.ToString(CultureInfo.InvariantCulture))
            {
                sink.Add(X12ErrorSyntax.Interchange, "021", $"IEA01 says {iea[1]} functional groups; the interchange has {_groups}.", segmentId: "IEA", element: 1);
            }
        }

        private void OpenGroup(Segment gs)
        {
            if (_interchange is null)
            {
                sink.Add(X12ErrorSyntax.Interchange, "024", "a GS outside an interchange (no ISA before it).", segmentId: "GS");
            }

            _groups++;
            _group = new X12FunctionalGroup(gs);
            _interchange?.Groups.Add(_group);
            sink.Group = gs[6];
            sink.Transaction = "";
            _transactions = 0;
            _transactionNumbers.Clear();
            if (!gs[8].StartsWith("005010", StringComparison.Ordinal))
            {
                sink.Add(X12ErrorSyntax.Group, "2", gs[8].StartsWith("004010", StringComparison.Ordinal)
                    ? $"group version {gs[8]} is X12 4010; RevenueCycle reads 5010 (005010...) only."
                    : $"group version GS08 {gs[8]} is not an X12 5010 version.", segmentId: "GS", element: 8);
            }

            if (gs[6].Length == 0 || !gs[6].All(char.IsAsciiDigit))
            {
                sink.Add(X12ErrorSyntax.Group, "6", "the group control number GS06 must be digits.", segmentId: "GS", element: 6);
            }

            ElementValidator.Check(gs, Guides.Dictionary.Find("GS"), null, 0, "", sink);
        }

        private X12Transaction? CloseGroup(bool missing)
        {
            if (_group is null)
            {
                return null;
            }

            var last = CloseTransaction(missing: _transaction is not null);
            if (missing)
            {
                sink.Add(X12ErrorSyntax.Group, "3", $"functional group {_group.ControlNumber} has no GE trailer.", segmentId: "GE");
            }

            _group = null;
            return last;
        }

        private void CheckGe(Segment ge)
        {
            if (_group is null)
            {
                sink.Add(X12ErrorSyntax.Interchange, "024", "a GE without its GS.", segmentId: "GE");
                return;
            }

            _group.Ge = ge;
            if (ge[2] != _group.ControlNumber)
            {
                sink.Add(X12ErrorSyntax.Group, "4", $"the GE control number {ge[2]} differs from the GS's {_group.ControlNumber}.", segmentId: "GE", element: 2);
            }

            if (ge[1] != _transactions.ToString(CultureInfo.InvariantCulture))
            {
                sink.Add(X12ErrorSyntax.Group, "5", $"GE01 says {ge[1]} transaction sets; the group has {_transactions}.", segmentId: "GE", element: 1);
            }
        }

        private void OpenTransaction(Segment st)
        {
            if (_group is null)
            {
                sink.Add(X12ErrorSyntax.Interchange, "024", "an ST outside a functional group (no GS before it).", segmentId: "ST");
            }

            _transactions++;
            _position = 1;
            sink.Transaction = st[2];
            var version = st[3].Length > 0 ? st[3] : _group?.Gs[8] ?? "";
            var spec = Guides.Find(st[1], version);
            void Error(string code, string message, int element = 0) => sink.Add(X12ErrorSyntax.Transaction, code, message, 1, "ST", element: element);

            if (_group is not null && FunctionalIds.TryGetValue(st[1], out var functionalId) && functionalId != _group.FunctionalId)
            {
                Error("6", $"a {st[1]} transaction does not belong in a GS01 {_group.FunctionalId} group (expected {functionalId}).", 1);
            }

            if (st[2].Length is < 4 or > 9)
            {
                Error("7", "the transaction set control number ST02 must be 4 to 9 characters.", 2);
            }
            else if (!_transactionNumbers.Add(st[2]))
            {
                Error("23", $"transaction set control number {st[2]} is used twice in the group.", 2);
            }

            if (_group is not null && st[3].Length > 0 && st[3] != _group.Gs[8])
            {
                Error("I6", $"ST03 {st[3]} differs from the group's version GS08 {_group.Gs[8]}.", 3);
            }

            if (spec is null)
            {
                Error("1", $"{st[1]} {version} is not a transaction set RevenueCycle reads (837P X222A1/A2, 837I X223A2/A3, 835 X221A1, 999 X231A1, 277CA X214, 276/277 X212, 270/271 X279A1).", 1);
            }

            _builder = spec is null ? null : new LoopBuilder(spec, sink, streaming);
            var root = _builder?.Root ?? new X12Loop("", $"{st[1]} (no guide)");
            _transaction = new X12Transaction(st, root, spec);
            if (spec is not null && spec.Version != version)
            {
                _transaction.Warning = $"{st[1]} labelled {version}: read by the adopted guide {spec.Version}.";
            }

            if (_builder is not null)
            {
                var rule = _builder.Add(st, 1);
                // A label read by the adopted guide was reported as a warning; ST03 is checked as that guide's.
                var checkedSt = _transaction.Warning is null || st[3].Length == 0 ? st : new Segment("ST", [st[1], st[2], spec!.Version, .. st.Elements.Skip(3)]);
                ElementValidator.Check(checkedSt, spec!.Dictionary.Find("ST"), rule, 1, "", sink);
            }
            else
            {
                root.Add(st);
            }

            _group?.Transactions.Add(_transaction);
        }

        private void AddToTransaction(Segment segment)
        {
            if (_builder is null)
            {
                _transaction!.Root.Add(segment);
                return;
            }

            var rule = _builder.Add(segment, _position);
            if (rule is not null)
            {
                ElementValidator.Check(segment, rule.Definition, rule, _position, _builder.CurrentLoopId, sink);
            }
        }

        private X12Transaction? CloseTransaction(bool missing, Segment? se = null)
        {
            if (_transaction is null)
            {
                if (se is not null)
                {
                    sink.Add(X12ErrorSyntax.Interchange, "024", "an SE without its ST.", segmentId: "SE");
                }

                return null;
            }

            var transaction = _transaction;
            if (se is null)
            {
                sink.Add(X12ErrorSyntax.Transaction, "2", $"transaction set {transaction.ControlNumber} has no SE trailer.", _position + 1, "SE");
                _builder?.Complete(_position + 1);
            }
            else
            {
                _position++;
                if (_builder is not null)
                {
                    var rule = _builder.Add(se, _position);
                    ElementValidator.Check(se, transaction.Spec!.Dictionary.Find("SE"), rule, _position, "", sink);
                    _builder.Complete(_position);
                }
                else
                {
                    transaction.Root.Add(se);
                }

                transaction.Se = se;
                if (se[2] != transaction.ControlNumber)
                {
                    sink.Add(X12ErrorSyntax.Transaction, "3", $"the SE control number {se[2]} differs from the ST's {transaction.ControlNumber}.", _position, "SE", element: 2);
                }

                if (se[1] != _position.ToString(CultureInfo.InvariantCulture))
                {
                    sink.Add(X12ErrorSyntax.Transaction, "4", $"SE01 says {se[1]} segments; the transaction set has {_position} (ST to SE).", _position, "SE", element: 1);
                }
            }

            transaction.SegmentCount = _position;
            _transaction = null;
            _builder = null;
            sink.Transaction = "";
            return transaction;
        }
    }
}
