using System.Buffers;
using System.Text;

namespace RevenueCycle.X12.Syntax;

/// <summary>
/// The streaming tokenizer: reads segments from a stream of any size through one buffer, without a string per
/// element. Delimiters come from each ISA (element separator at its fourth byte, repetition separator ISA11,
/// component separator ISA16, the segment terminator right after it); a UTF-8 byte-order mark and line breaks
/// between segments are skipped. A fixed-width (106-byte) ISA is expected but a variable one is read too, and said.
/// </summary>
public sealed class SegmentReader : IDisposable
{
    private const int MaxSegmentBytes = 1 << 20; // a segment longer than 1 MB is not X12

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private long _consumed; // stream bytes before _buffer[0]
    private bool _expectInterchange = true;
    private int _segmentStart;
    private int _segmentLength;
    private int[] _bounds = new int[64]; // start of each element, relative to the segment; one more for the end
    private int _elementCount = -1;
    private byte _elementSeparator;
    private byte _terminator;
    private readonly Dictionary<int, string> _ids = [];

    public SegmentReader(Stream stream, int bufferSize = 64 * 1024, bool leaveOpen = false)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(bufferSize, 4096));
    }

    public static SegmentReader FromText(string text) => new(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    /// <summary>The delimiters of the current interchange.</summary>
    public Delimiters Delimiters { get; private set; }

    /// <summary>ISA11 as written: the repetition separator in 5010 (a letter such as U is 4010's standards id).</summary>
    public char IsaRepetition { get; private set; }

    /// <summary>False when the current interchange's ISA was not the fixed 106 characters.</summary>
    public bool IsaFixedWidth { get; private set; } = true;

    /// <summary>Byte offset of the current segment in the stream.</summary>
    public long Offset { get; private set; }

    /// <summary>1-based number of the current segment in the stream.</summary>
    public int Number { get; private set; }

    /// <summary>True when the stream ended inside the current segment (no terminator): a truncated file.</summary>
    public bool Unterminated { get; private set; }

    /// <summary>Set when the input is not an interchange at all (no ISA where one must begin); reading stops.</summary>
    public string? FatalError { get; private set; }

    /// <summary>The current segment's bytes, without its terminator.</summary>
    public ReadOnlySpan<byte> Current => _buffer.AsSpan(_segmentStart, _segmentLength);

    /// <summary>The segment id (the bytes before the first element separator).</summary>
    public ReadOnlySpan<byte> Id
    {
        get
        {
            var current = Current;
            var separator = current.IndexOf(_elementSeparator);
            return separator < 0 ? current : current[..separator];
        }
    }

    /// <summary>Number of elements after the id.</summary>
    public int ElementCount
    {
        get
        {
            Split();
            return _elementCount;
        }
    }

    /// <summary>Raw bytes of an element (1-based); empty when absent.</summary>
    public ReadOnlySpan<byte> Element(int position)
    {
        Split();
        if (position < 1 || position > _elementCount)
        {
            return [];
        }

        var from = _bounds[position - 1];
        var to = _bounds[position] - 1; // the separator before the next element
        return Current[from..to];
    }

    public bool IsSegment(ReadOnlySpan<byte> id) => Id.SequenceEqual(id);

    /// <summary>Advances to the next segment; false at the end of the stream (or after a fatal error).</summary>
    public bool Read()
    {
        if (FatalError is not null)
        {
            return false;
        }

        _elementCount = -1;
        Unterminated = false;
        SkipSpace();
        if (!Ensure(3) && _start >= _end)
        {
            return false;
        }

        if (_expectInterchange || StartsWith("ISA"u8))
        {
            if (!StartsWith("ISA"u8))
            {
                FatalError = Number == 0
                    ? "the file does not begin with an ISA interchange header"
                    : "data follows the IEA: only another interchange (ISA) may";
                return false;
            }

            if (!ReadInterchangeHeader())
            {
                return false;
            }

            _expectInterchange = false;
            return true;
        }

        var found = FindTerminator();
        Number++;
        Offset = _consumed + _start;
        if (found < 0)
        {
            // The stream ended inside this segment.
            _segmentStart = _start;
            _segmentLength = _end - _start;
            _start = _end;
            Unterminated = true;
        }
        else
        {
            _segmentStart = _start;
            _segmentLength = found - _start;
            _start = found + 1;
            if (_terminator == (byte)'\n' && _segmentLength > 0 && _buffer[_segmentStart + _segmentLength - 1] == (byte)'\r')
            {
                _segmentLength--; // CRLF used as the terminator
            }
        }

        if (IsSegment("IEA"u8))
        {
            _expectInterchange = true;
        }

        return true;
    }

    /// <summary>The current segment as a <see cref="Segment"/> (text decoded as UTF-8; components and repetitions kept apart).</summary>
    public Segment ToSegment()
    {
        Split();
        var id = SegmentId();
        var current = Current;
        var idLength = Id.Length;
        if (_elementCount == 0)
        {
            return new Segment(id, "", [0]);
        }

        // One string for all the elements; their boundaries are the separators' byte positions, which stay the
        // character positions when the data is ASCII (the norm). Otherwise elements are decoded one by one.
        var data = current[(idLength + 1)..];
        var isa = id == "ISA";
        if (Delimiters.Element > '~' || Delimiters.Component > '~' || Delimiters.Repetition > '~' || !Ascii.IsValid(data))
        {
            var latin1 = Delimiters.Element > '~' || Delimiters.Component > '~' || Delimiters.Repetition > '~';
            var elements = new string[_elementCount];
            for (var i = 1; i <= _elementCount; i++)
            {
                var raw = Element(i);
                elements[i - 1] = Normalize(latin1 ? Encoding.Latin1.GetString(raw) : Encoding.UTF8.GetString(raw), isa);
            }

            return new Segment(id, elements);
        }

        var text = Normalize(Encoding.ASCII.GetString(data), isa);
        var starts = new int[_elementCount + 1];
        for (var i = 0; i <= _elementCount; i++)
        {
            starts[i] = _bounds[i] - idLength - 1;
        }

        return new Segment(id, text, starts);
    }

    /// <summary>Components and repetitions kept apart from this interchange's delimiters (see <see cref="Segment"/>); the ISA as it is.</summary>
    private string Normalize(string text, bool isa)
    {
        if (isa)
        {
            return text;
        }

        var repetition = Delimiters.Repetition;
        if (text.AsSpan().IndexOfAny(Delimiters.Component, repetition == '\0' ? Delimiters.Component : repetition) < 0)
        {
            return text;
        }

        text = text.Replace(Delimiters.Component, Segment.ComponentSeparator);
        return repetition == '\0' ? text : text.Replace(repetition, Segment.RepetitionSeparator);
    }

    /// <summary>The segment id, from a small cache: the same few dozen ids recur millions of times.</summary>
    private string SegmentId()
    {
        var id = Id;
        if (id.Length is 0 or > 3 || id.ContainsAnyExceptInRange((byte)'0', (byte)'Z'))
        {
            return Encoding.Latin1.GetString(id);
        }

        var key = id.Length switch { 1 => id[0], 2 => id[0] << 8 | id[1], _ => id[0] << 16 | id[1] << 8 | id[2] };
        if (!_ids.TryGetValue(key, out var text))
        {
            _ids[key] = text = Encoding.ASCII.GetString(id);
        }

        return text;
    }

    private bool ReadInterchangeHeader()
    {
        // The ISA is 106 bytes in a conforming file; read up to 200 to tell a variable-width one.
        Ensure(200);
        var available = _buffer.AsSpan(_start, _end - _start);
        if (available.Length < 4)
        {
            FatalError = "the ISA is cut short";
            return false;
        }

        var separator = available[3];
        var count = 0;
        var position = 3;
        for (; position < available.Length; position++)
        {
            if (available[position] == separator && ++count == 16)
            {
                break;
            }
        }

        if (count < 16 || position + 2 >= available.Length)
        {
            FatalError = "the ISA does not have its 16 elements and a segment terminator";
            Number++;
            Offset = _consumed + _start;
            return false;
        }

        var componentSeparator = available[position + 1];
        var terminator = available[position + 2];
        var repetitionIndex = 3; // the separator before ISA01; ten more reach the one before ISA11
        for (var i = 0; i < 10; i++)
        {
            repetitionIndex = available[(repetitionIndex + 1)..].IndexOf(separator) + repetitionIndex + 1;
        }

        var repetition = (char)available[repetitionIndex + 1];
        IsaRepetition = repetition;
        _elementSeparator = separator;
        _terminator = terminator;
        // A letter or digit there (4010's "U") is no separator: repetitions are then not split, and the envelope
        // check says so.
        Delimiters = new Delimiters((char)separator, char.IsAsciiLetterOrDigit(repetition) || repetition == (char)separator ? '\0' : repetition, (char)componentSeparator, (char)terminator);
        IsaFixedWidth = position == 103;
        Number++;
        Offset = _consumed + _start;
        _segmentStart = _start;
        _segmentLength = position + 2;
        _start += position + 3;
        _elementCount = -1;
        return true;
    }

    private void Split()
    {
        if (_elementCount >= 0)
        {
            return;
        }

        var segment = Current;
        var count = 0;
        var index = segment.IndexOf(_elementSeparator);
        while (index >= 0)
        {
            if (count + 2 > _bounds.Length)
            {
                Array.Resize(ref _bounds, _bounds.Length * 2);
            }

            _bounds[count++] = index + 1;
            var next = segment[(index + 1)..].IndexOf(_elementSeparator);
            index = next < 0 ? -1 : index + 1 + next;
        }

        _bounds[count] = segment.Length + 1;
        _elementCount = count;
    }

    private bool StartsWith(ReadOnlySpan<byte> prefix) => Ensure(prefix.Length) && _buffer.AsSpan(_start, prefix.Length).SequenceEqual(prefix);

    private void SkipSpace()
    {
        while (true)
        {
            while (_start < _end)
            {
                var b = _buffer[_start];
                if (b is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t' or 0)
                {
                    _start++;
                }
                else if (b == 0xEF && _consumed + _start == 0 && Ensure(3) && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
                {
                    _start += 3; // UTF-8 byte-order mark
                }
                else
                {
                    return;
                }
            }

            if (!Fill())
            {
                return;
            }
        }
    }

    /// <summary>Index of the next terminator in the buffer, reading more as needed; -1 at the end of the stream.</summary>
    private int FindTerminator()
    {
        var searched = 0;
        while (true)
        {
            var index = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf(_terminator);
            if (index >= 0)
            {
                return _start + searched + index;
            }

            searched = _end - _start;
            if (searched > MaxSegmentBytes)
            {
                FatalError = "a segment longer than 1 MB: the segment terminator is wrong or missing";
                return -1;
            }

            if (!Fill())
            {
                return -1;
            }
        }
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available from <see cref="_start"/> if the stream has them.</summary>
    private bool Ensure(int count)
    {
        while (_end - _start < count)
        {
            if (!Fill())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads more of the stream, keeping the unread bytes; false at the end.</summary>
    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        // Keep the current segment's bytes only while it is being read; a finished one is never looked at again.
        if (_start > 0)
        {
            var keep = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, keep);
            _consumed += _start;
            _segmentStart -= _start;
            _start = 0;
            _end = keep;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return false;
        }

        _end += read;
        return true;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}
