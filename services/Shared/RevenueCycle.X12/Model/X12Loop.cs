using RevenueCycle.X12.Syntax;

namespace RevenueCycle.X12.Model;

/// <summary>A segment or a loop, in the order they appear.</summary>
public readonly record struct X12Item(Segment? Segment, X12Loop? Loop);

/// <summary>
/// A loop instance of a transaction (or the transaction's own level, id ""), its segments and child loops in file
/// order. A segment the guide does not expect where it appears is kept in place, so writing the loop back gives the
/// same segments.
/// </summary>
public sealed class X12Loop(string id, string name)
{
    private readonly List<X12Item> _items = [];

    public string Id { get; } = id;

    public string Name { get; } = name;

    /// <summary>Position of the loop's first segment in its transaction (ST = 1), as a 999 counts; 0 for a built loop.</summary>
    public int Position { get; init; }

    public IReadOnlyList<X12Item> Items => _items;

    public IEnumerable<Segment> Segments => _items.Where(i => i.Segment is not null).Select(i => i.Segment!);

    public IEnumerable<X12Loop> Loops => _items.Where(i => i.Loop is not null).Select(i => i.Loop!);

    /// <summary>The first segment with this id (and, when given, this value in its first element).</summary>
    public Segment? Segment(string id, string? qualifier = null) => Segments.FirstOrDefault(s => s.Id == id && (qualifier is null || s[1] == qualifier));

    public IEnumerable<Segment> All(string id, string? qualifier = null) => Segments.Where(s => s.Id == id && (qualifier is null || s[1] == qualifier));

    public IEnumerable<X12Loop> Children(string loopId) => Loops.Where(l => l.Id == loopId);

    public X12Loop? Child(string loopId) => Loops.FirstOrDefault(l => l.Id == loopId);

    /// <summary>Every segment of the loop and its descendants, in file order.</summary>
    public IEnumerable<Segment> Flatten()
    {
        foreach (var item in _items)
        {
            if (item.Segment is not null)
            {
                yield return item.Segment;
            }
            else
            {
                foreach (var segment in item.Loop!.Flatten())
                {
                    yield return segment;
                }
            }
        }
    }

    public void Add(Segment segment) => _items.Add(new X12Item(segment, null));

    public void Add(X12Loop loop) => _items.Add(new X12Item(null, loop));

    /// <summary>Removes a child loop that was the last item added (a streamed loop, once handed out).</summary>
    internal void RemoveLast(X12Loop loop)
    {
        if (_items.Count > 0 && ReferenceEquals(_items[^1].Loop, loop))
        {
            _items.RemoveAt(_items.Count - 1);
        }
    }
}
