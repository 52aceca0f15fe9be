using RevenueCycle.X12.Errors;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Syntax;

namespace RevenueCycle.X12.Schema;

/// <summary>
/// Places a transaction's segments into the guide's loops as they stream in, and reports what the guide does not
/// allow: a segment the transaction does not know (IK3 1/6), out of place (2) or out of order (7), over its maximum
/// use (5), a loop over its maximum repeats (4), a required segment or loop missing (3), a "not used" segment
/// present (I4). A segment that fits nowhere stays where it appeared, so nothing is lost.
/// </summary>
public sealed class LoopBuilder
{
    private readonly TransactionSpec _spec;
    private readonly ErrorSink _errors;
    private readonly List<Frame> _stack = [];
    private readonly X12Streaming? _streaming;

    public LoopBuilder(TransactionSpec spec, ErrorSink errors, X12Streaming? streaming = null)
    {
        _spec = spec;
        _errors = errors;
        _streaming = streaming;
        Root = new X12Loop("", spec.Name);
        _stack.Add(new Frame(spec.Root, Root));
    }

    public X12Loop Root { get; }

    /// <summary>The loop the last segment was placed in.</summary>
    public string CurrentLoopId => _stack[^1].Node.Id;

    /// <summary>Places a segment; returns the rule it matched (null when it fits nowhere) for the element checks.</summary>
    public SegmentRule? Add(Segment segment, int position)
    {
        // First the exact fits (a segment line whose qualifiers hold, or a loop it starts), innermost loop first; then a
        // line of the same id whose qualifier does not hold (the qualifier is then the error, not the segment).
        for (var depth = _stack.Count - 1; depth >= 0; depth--)
        {
            var frame = _stack[depth];
            switch (Match(frame, segment, exact: true))
            {
                case SegmentRule rule:
                    Close(depth + 1, position);
                    Accept(frame, rule, segment, position);
                    return rule;
                case LoopRule loop:
                    Close(depth + 1, position);
                    return Open(frame, loop, segment, position);
            }
        }

        for (var depth = _stack.Count - 1; depth >= 0; depth--)
        {
            if (Match(_stack[depth], segment, exact: false) is SegmentRule rule)
            {
                Close(depth + 1, position);
                Accept(_stack[depth], rule, segment, position);
                return rule;
            }
        }

        Unexpected(segment, position);
        return null;
    }

    /// <summary>Closes every open loop at the end of the transaction (at SE's position), reporting what is missing.</summary>
    public void Complete(int position) => Close(0, position);

    /// <summary>The first item of the loop, at or after its current place, this segment is (exactly, or by id only).</summary>
    private static object? Match(Frame frame, Segment segment, bool exact)
    {
        if (!frame.Rule.Candidates.TryGetValue(segment.Id, out var candidates))
        {
            return null;
        }

        foreach (var index in candidates)
        {
            var item = frame.Rule.Items[index];
            if (item is SegmentRule rule)
            {
                // A loop's trigger line starts a new instance of the loop; it never repeats inside one.
                if (rule.Ordinal < frame.Ordinal || (frame.Rule.Id.Length > 0 && index == 0))
                {
                    continue;
                }

                if (!exact || rule.When.Count == 0 || rule.WhenHolds(segment))
                {
                    return rule;
                }
            }
            else if (exact && item is LoopRule loop && loop.Ordinal >= frame.Ordinal && loop.Trigger.WhenHolds(segment))
            {
                return loop;
            }
        }

        return null;
    }

    private void Accept(Frame frame, SegmentRule rule, Segment segment, int position)
    {
        Advance(frame, rule.Ordinal, position);
        var uses = ++frame.Counts[rule.Index];
        frame.Node.Add(segment);
        if (rule.Usage == Usage.NotUsed)
        {
            _errors.Add(X12ErrorSyntax.Segment, "I4", $"{segment.Id} is not used in {Where(frame)} by this implementation guide.", position, segment.Id, frame.Node.Id);
        }
        else if (uses == rule.MaxUse + 1)
        {
            _errors.Add(X12ErrorSyntax.Segment, "5", $"{segment.Id} appears more than {rule.MaxUse} time{(rule.MaxUse == 1 ? "" : "s")} in {Where(frame)}.", position, segment.Id, frame.Node.Id);
        }
    }

    private SegmentRule Open(Frame parent, LoopRule loop, Segment segment, int position)
    {
        Advance(parent, loop.Ordinal, position);
        var repeats = ++parent.Counts[loop.Index];
        if (repeats == loop.MaxRepeat + 1)
        {
            _errors.Add(X12ErrorSyntax.Segment, "4", $"loop {loop.Id} ({loop.Name}) occurs more than {loop.MaxRepeat} time{(loop.MaxRepeat == 1 ? "" : "s")} in {Where(parent)}.", position, segment.Id, loop.Id);
        }

        var node = new X12Loop(loop.Id, loop.Name) { Position = position };
        parent.Node.Add(node);
        var frame = new Frame(loop, node);
        _stack.Add(frame);
        Accept(frame, loop.Trigger, segment, position);
        if (loop.Usage == Usage.NotUsed)
        {
            _errors.Add(X12ErrorSyntax.Segment, "I4", $"loop {loop.Id} ({loop.Name}) is not used by this implementation guide.", position, segment.Id, loop.Id);
        }

        return loop.Trigger;
    }

    private void Unexpected(Segment segment, int position)
    {
        var frame = _stack[^1];
        frame.Node.Add(segment);
        var (code, why) = _spec.Dictionary.Count > 0 && _spec.Dictionary.Find(segment.Id) is null && !_spec.SegmentIds.Contains(segment.Id)
            ? ("1", $"{Guides.SegmentName(segment.Id)} is not an X12 segment this transaction can hold")
            : !_spec.SegmentIds.Contains(segment.Id)
                ? ("6", $"{Guides.SegmentName(segment.Id)} is not part of the {_spec.TransactionSetId} transaction ({_spec.Version})")
                : _stack.Any(f => f.Rule.Candidates.TryGetValue(segment.Id, out var c) && c.Any(i => f.Rule.Items[i] is SegmentRule))
                    ? ("7", $"{Guides.SegmentName(segment.Id)} is out of order in {Where(frame)}")
                    : ("2", $"{Guides.SegmentName(segment.Id)} is not expected in {Where(frame)}");
        _errors.Add(X12ErrorSyntax.Segment, code, why + ".", position, segment.Id, frame.Node.Id);
    }

    /// <summary>Closes the frames from <paramref name="depth"/> up, reporting required segments and loops never seen.</summary>
    private void Close(int depth, int position)
    {
        for (var i = _stack.Count - 1; i >= depth; i--)
        {
            var frame = _stack[i];
            ReportMissing(frame, int.MaxValue, position);
            _stack.RemoveAt(i);
            if (_streaming is null || i == 0)
            {
                continue;
            }

            if (_streaming.Loops.Contains(frame.Node.Id))
            {
                // Handed out whole, then let go: memory stays flat however many loops the transaction holds.
                _streaming.OnLoop(frame.Node, _stack.Select(f => f.Node).ToArray());
                _stack[i - 1].Node.RemoveLast(frame.Node);
                _stack[i - 1].HeldStreamed = true;
            }
            else if (frame.HeldStreamed)
            {
                // A loop that held streamed ones (a billing provider, a subscriber) is of no more use once closed.
                _stack[i - 1].Node.RemoveLast(frame.Node);
                _stack[i - 1].HeldStreamed = true;
            }
        }
    }

    /// <summary>Moves a loop's place forward; required items skipped over are missing, reported where they were due.</summary>
    private void Advance(Frame frame, int ordinal, int position)
    {
        if (ordinal > frame.Ordinal)
        {
            ReportMissing(frame, ordinal, position);
        }

        frame.Ordinal = ordinal;
    }

    private void ReportMissing(Frame frame, int before, int position)
    {
        foreach (var index in frame.Rule.RequiredItems)
        {
            if (frame.Counts[index] > 0 || frame.Reported[index])
            {
                continue;
            }

            switch (frame.Rule.Items[index])
            {
                case SegmentRule rule when rule.Ordinal < before && !UsedAsPlainVariant(frame, rule):
                    frame.Reported[index] = true;
                    var variant = rule.When.Count > 0 ? $" ({string.Join(", ", rule.When.Select(c => $"{rule.Id}{c.Position:D2}={string.Join("/", c.Values)}"))})" : "";
                    _errors.Add(X12ErrorSyntax.Segment, "3", $"required segment {rule.Id}{variant} is missing from {Where(frame)}.", position, rule.Id, frame.Node.Id);
                    break;
                case LoopRule loop when loop.Ordinal < before:
                    frame.Reported[index] = true;
                    _errors.Add(X12ErrorSyntax.Segment, "3", $"required loop {loop.Id} ({loop.Name}, starting with {loop.Trigger.Id}) is missing from {Where(frame)}.", position, loop.Trigger.Id, loop.Id);
                    break;
            }
        }
    }

    /// <summary>A required variant counts as present when a line of the same id without qualifiers was used.</summary>
    private static bool UsedAsPlainVariant(Frame frame, SegmentRule rule) =>
        frame.Rule.Candidates.TryGetValue(rule.Id, out var candidates)
        && candidates.Any(i => i != rule.Index && frame.Rule.Items[i] is SegmentRule { When.Count: 0 } && frame.Counts[i] > 0);

    private static string Where(Frame frame) => frame.Node.Id.Length == 0 ? "the transaction" : $"loop {frame.Node.Id} ({frame.Node.Name})";

    private sealed class Frame(LoopRule rule, X12Loop node)
    {
        public LoopRule Rule { get; } = rule;

        public X12Loop Node { get; } = node;

        /// <summary>Ordinal of the last item matched: later segments may not go back.</summary>
        public int Ordinal { get; set; }

        /// <summary>Uses of each segment line, repeats of each loop, by item index.</summary>
        public int[] Counts { get; } = new int[rule.Items.Count];

        /// <summary>Required items already reported missing.</summary>
        public bool[] Reported { get; } = new bool[rule.Items.Count];

        /// <summary>Whether a streamed loop was handed out from inside this one.</summary>
        public bool HeldStreamed { get; set; }
    }
}
