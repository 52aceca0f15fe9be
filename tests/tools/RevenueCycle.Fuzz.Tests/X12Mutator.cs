using System.Text;

namespace RevenueCycle.Fuzz.Tests;

/// <summary>
/// Damages X12 files the ways real ones are damaged, and the ways that found crashes: bits flipped, bytes changed,
/// inserted or cut, the file truncated, segments dropped or repeated, two delimiters swapped, an element replaced by a
/// boundary value (huge numbers, negatives, fractions, impossible dates). One to three damages a mutant; seeded.
/// </summary>
public static class X12Mutator
{
    private static readonly byte[] Noise = "*~:^|>\r\n0AZ9.- \0\u00e9"u8.ToArray();

    private static readonly string[] Boundaries =
        ["", "0", "-1", "1.5", "0.0001", "4294967296", "99999999999", "999999999999999", "99999999999999999999999999", "-99999999.99", "1E5", "20261301", "99999999-00000000", "A"];

    private static readonly (char, char)[] Swaps = [('*', ':'), ('*', '^'), (':', '^'), ('~', '*'), ('*', '|'), ('~', '\n')];

    public static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original;
        for (var rounds = random.Next(1, 4); rounds > 0; rounds--)
        {
            bytes = Once(bytes, random);
        }

        return bytes;
    }

    private static byte[] Once(byte[] input, Random random)
    {
        if (input.Length == 0)
        {
            return [Noise[random.Next(Noise.Length)]];
        }

        var at = random.Next(input.Length);
        // Latin-1 maps bytes to chars one to one, so text edits keep every other byte as it was.
        var text = Encoding.Latin1.GetString(input);
        var terminator = text.Length > 105 && text.StartsWith("ISA", StringComparison.Ordinal) ? text[105] : '~';
        switch (random.Next(8))
        {
            case 0:
                var flipped = input.ToArray();
                flipped[at] ^= (byte)(1 << random.Next(8));
                return flipped;
            case 1:
                var changed = input.ToArray();
                changed[at] = Noise[random.Next(Noise.Length)];
                return changed;
            case 2:
                return [.. input[..at], Noise[random.Next(Noise.Length)], .. input[at..]];
            case 3:
                return input[..at];
            case 4:
            {
                var segments = text.Split(terminator).ToList();
                segments.RemoveAt(random.Next(segments.Count));
                return Encoding.Latin1.GetBytes(string.Join(terminator, segments));
            }

            case 5:
            {
                var segments = text.Split(terminator).ToList();
                var index = random.Next(segments.Count);
                segments.InsertRange(index, Enumerable.Repeat(segments[index], random.Next(1, 40)));
                return Encoding.Latin1.GetBytes(string.Join(terminator, segments));
            }

            case 6:
                var (a, b) = Swaps[random.Next(Swaps.Length)];
                return Encoding.Latin1.GetBytes(string.Concat(text.Select(c => c == a ? b : c == b ? a : c)));
            default:
            {
                var segments = text.Split(terminator);
                var index = random.Next(segments.Length);
                var elements = segments[index].Split('*');
                if (elements.Length > 1 && elements[0].Trim() != "ISA")
                {
                    elements[random.Next(1, elements.Length)] = Boundaries[random.Next(Boundaries.Length)];
                    segments[index] = string.Join('*', elements);
                }

                return Encoding.Latin1.GetBytes(string.Join(terminator, segments));
            }
        }
    }
}
