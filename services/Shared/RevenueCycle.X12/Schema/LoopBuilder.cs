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

    public LoopBuilder(TransactionSpec spec, ErrorSink errors)
    {
        _spec = spec;
        _errors = errors;
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
            if (MatchSegment(frame, segment, exact: true) is { } rule)
            {
                Close(depth + 1, position);
                Accept(frame, rule, segment, position);
                return rule;
            }

            if (MatchLoop(frame, segment) is { } loop)
            {
                Close(depth + 1, position);
                return Open(frame, loop, segment, position);
            }
        }

        for (var depth = _stack.Count - 1; depth >= 0; depth--)
        {
            if (MatchSegment(_stack[depth], segment, exact: false) is { } rule)
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

    private static SegmentRule? MatchSegment(Frame frame, Segment segment, bool exact)
    {
        foreach (var item in frame.Rule.Items)
        {
            // A loop's trigger line starts a new instance of the loop; it never repeats inside one.
            if (item is not SegmentRule rule || rule.Id != segment.Id || rule.Ordinal < frame.Ordinal || (frame.Rule.Id.Length > 0 && ReferenceEquals(rule, frame.Rule.Trigger)))
            {
                continue;
            }

            if (!exact || rule.When.Count == 0 || rule.When.All(c => c.Holds(segment)))
            {
                return rule;
            }
        }

        return null;
    }

    private static LoopRule? MatchLoop(Frame frame, Segment segment)
    {
        foreach (var item in frame.Rule.Items)
        {
            if (item is LoopRule loop && loop.Ordinal >= frame.Ordinal && loop.Trigger.Matches(segment))
            {
                return loop;
            }
        }

        return null;
    }

    private void Accept(Frame frame, SegmentRule rule, Segment segment, int position)
    {
        Advance(frame, rule.Ordinal, position);
        var uses = frame.Uses[rule] = frame.Uses.GetValueOrDefault(rule) + 1;
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
        var repeats = parent.Loops[loop] = parent.Loops.GetValueOrDefault(loop) + 1;
        if (repeats == loop.MaxRepeat + 1)
        {
            _errors.Add(X12ErrorSyntax.Segment, "4", $"loop {loop.Id} ({loop.Name}) occurs more than {loop.MaxRepeat} time{(loop.MaxRepeat == 1 ? "" : "s")} in {Where(parent)}.", position, segment.Id, loop.Id);
        }

        var node = new X12Loop(loop.Id, loop.Name);
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
            ? ("1", $"{segment.Id} is not an X12 segment this transaction can hold")
            : !_spec.SegmentIds.Contains(segment.Id)
                ? ("6", $"{segment.Id} is not part of the {_spec.TransactionSetId} transaction ({_spec.Version})")
                : _stack.Any(f => f.Rule.Items.OfType<SegmentRule>().Any(r => r.Id == segment.Id))
                    ? ("7", $"{segment.Id} is out of order in {Where(frame)}")
                    : ("2", $"{segment.Id} is not expected in {Where(frame)}");
        _errors.Add(X12ErrorSyntax.Segment, code, why + ".", position, segment.Id, frame.Node.Id);
    }

    /// <summary>Closes the frames from <paramref name="depth"/> up, reporting required segments and loops never seen.</summary>
    private void Close(int depth, int position)
    {
        for (var i = _stack.Count - 1; i >= depth; i--)
        {
            ReportMissing(_stack[i], int.MaxValue, position);
            _stack.RemoveAt(i);
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
        foreach (var item in frame.Rule.Items)
        {
            switch (item)
            {
                case SegmentRule { Usage: Usage.Required } rule when rule.Ordinal < before && frame.Uses.GetValueOrDefault(rule) == 0 && frame.Reported.Add(rule)
                    && !frame.Rule.Segments.Any(r => r != rule && r.Id == rule.Id && r.When.Count == 0 && frame.Uses.GetValueOrDefault(r) > 0):
                    var variant = rule.When.Count > 0 ? $" ({string.Join(", ", rule.When.Select(c => $"{rule.Id}{c.Position:D2}={string.Join("/", c.Values)}"))})" : "";
                    _errors.Add(X12ErrorSyntax.Segment, "3", $"required segment {rule.Id}{variant} is missing from {Where(frame)}.", position, rule.Id, frame.Node.Id);
                    break;
                case LoopRule { Usage: Usage.Required } loop when loop.Ordinal < before && frame.Loops.GetValueOrDefault(loop) == 0 && frame.Reported.Add(loop):
                    _errors.Add(X12ErrorSyntax.Segment, "3", $"required loop {loop.Id} ({loop.Name}, starting with {loop.Trigger.Id}) is missing from {Where(frame)}.", position, loop.Trigger.Id, loop.Id);
                    break;
            }
        }
    }

    private static string Where(Frame frame) => frame.Node.Id.Length == 0 ? "the transaction" : $"loop {frame.Node.Id} ({frame.Node.Name})";

    private sealed class Frame(LoopRule rule, X12Loop node)
    {
        public LoopRule Rule { get; } = rule;

        public X12Loop Node { get; } = node;

        /// <summary>Ordinal of the last item matched: later segments may not go back.</summary>
        public int Ordinal { get; set; }

        public Dictionary<SegmentRule, int> Uses { get; } = [];

        public Dictionary<LoopRule, int> Loops { get; } = [];

        /// <summary>Required items already reported missing.</summary>
        public HashSet<object> Reported { get; } = [];
    }
}
