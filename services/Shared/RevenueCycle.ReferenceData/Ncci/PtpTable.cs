namespace RevenueCycle.ReferenceData.Ncci;

/// <summary>NCCI PTP modifier indicator: whether an NCCI-associated modifier may bypass the edit.</summary>
public enum ModifierIndicator : byte
{
    NotAllowed = 0,
    Allowed = 1,
    NotApplicable = 9,
}

/// <summary>One procedure-to-procedure edit: column 2 is not paid with column 1 on the same day by the same provider.</summary>
public readonly record struct PtpEdit(string Column1, string Column2, DateOnly? EffectiveDate, DateOnly? DeletionDate, ModifierIndicator Indicator, int RationaleId)
{
    /// <summary>In force on the date: effective (when known) and not deleted before it.</summary>
    public bool InForceOn(DateOnly date) => (EffectiveDate is null || EffectiveDate <= date) && (DeletionDate is null || date <= DeletionDate);
}

/// <summary>
/// A full NCCI PTP table (about 2.5 million edits for practitioners) in compact arrays: codes interned to 16-bit
/// ids, each edit a 32-bit pair key in one sorted array with parallel date and flag arrays — 9 bytes an edit
/// (4 key, 2 effective, 2 deleted, 1 flags), looked up by binary search. Built once per quarterly release and never changed.
/// </summary>
public sealed class PtpTable
{
    private static readonly DateOnly Epoch = new(1980, 1, 1);

    private readonly string[] _codes;
    private readonly Dictionary<string, ushort> _ids;
    private readonly Dictionary<string, ushort>.AlternateLookup<ReadOnlySpan<char>> _idsBySpan;
    private readonly uint[] _keys;
    private readonly ushort[] _effective;
    private readonly ushort[] _deleted;
    private readonly byte[] _flags;

    internal PtpTable(string version, string kind, DateOnly effectiveFrom, string[] codes, uint[] keys, ushort[] effective, ushort[] deleted, byte[] flags)
    {
        Version = version;
        Kind = kind;
        EffectiveFrom = effectiveFrom;
        _codes = codes;
        _ids = new Dictionary<string, ushort>(codes.Length, StringComparer.Ordinal);
        for (var i = 0; i < codes.Length; i++)
        {
            _ids[codes[i]] = (ushort)i;
        }

        _idsBySpan = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _keys = keys;
        _effective = effective;
        _deleted = deleted;
        _flags = flags;
        ActiveCount = deleted.Count(d => d == 0);
    }

    /// <summary>E.g. "NCCI PTP practitioner 2024Q3".</summary>
    public string Version { get; }

    /// <summary>"practitioner" or "outpatient hospital".</summary>
    public string Kind { get; }

    public DateOnly EffectiveFrom { get; }

    public int Count => _keys.Length;

    public int ActiveCount { get; }

    public int CodeCount => _codes.Length;

    /// <summary>Every edit of the pair (a pair deleted and re-added appears more than once).</summary>
    public IEnumerable<PtpEdit> Find(string column1, string column2)
    {
        var (first, end) = Range(column1, column2);
        for (var i = first; i < end; i++)
        {
            yield return Edit(i);
        }
    }

    /// <summary>The edit of the pair in force on the date of service, if any; the allocation-free path of the scrubber.</summary>
    public bool TryFindInForce(ReadOnlySpan<char> column1, ReadOnlySpan<char> column2, DateOnly dateOfService, out PtpEdit edit)
    {
        var (first, end) = Range(column1, column2);
        var day = Days(dateOfService);
        for (var i = first; i < end; i++)
        {
            if ((_effective[i] == 0 || _effective[i] <= day) && (_deleted[i] == 0 || day <= _deleted[i]))
            {
                edit = Edit(i);
                return true;
            }
        }

        edit = default;
        return false;
    }

    private (int First, int End) Range(ReadOnlySpan<char> column1, ReadOnlySpan<char> column2)
    {
        if (!_idsBySpan.TryGetValue(column1, out var a) || !_idsBySpan.TryGetValue(column2, out var b))
        {
            return (0, 0);
        }

        var key = Key(a, b);
        var index = Array.BinarySearch(_keys, key);
        if (index < 0)
        {
            return (0, 0);
        }

        var first = index;
        while (first > 0 && _keys[first - 1] == key)
        {
            first--;
        }

        var end = index + 1;
        while (end < _keys.Length && _keys[end] == key)
        {
            end++;
        }

        return (first, end);
    }

    private PtpEdit Edit(int i) => new(
        _codes[_keys[i] >> 16], _codes[_keys[i] & 0xFFFF],
        _effective[i] == 0 ? null : Epoch.AddDays(_effective[i]),
        _deleted[i] == 0 ? null : Epoch.AddDays(_deleted[i]),
        (ModifierIndicator)(_flags[i] & 0x0F) switch { ModifierIndicator.NotAllowed => ModifierIndicator.NotAllowed, ModifierIndicator.Allowed => ModifierIndicator.Allowed, _ => ModifierIndicator.NotApplicable },
        _flags[i] >> 4);

    internal static uint Key(ushort column1, ushort column2) => ((uint)column1 << 16) | column2;

    /// <summary>Days since 1980 (0 = no date), in 16 bits: good until 2159.</summary>
    internal static ushort Days(DateOnly date) => (ushort)Math.Clamp(date.DayNumber - Epoch.DayNumber, 1, ushort.MaxValue);
}
