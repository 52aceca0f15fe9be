using System.Text;
using RevenueCycle.Testing;
using RevenueCycle.X12.Errors;
using RevenueCycle.X12.Writing;

namespace RevenueCycle.X12.Tests;

/// <summary>
/// Random damage to valid files (bytes dropped, inserted or changed, segments repeated or dropped, the file cut):
/// reading always finishes with a document and located errors, never an exception; a mutant that reads clean
/// round-trips. Seeded, so a failure reproduces.
/// </summary>
[RequiresSharedData]
public sealed class X12MutationPropertyTests
{
    private const int MutantsPerFile = 150;

    private static readonly byte[] Noise = "*~:^|>\r\n0AZé\0 "u8.ToArray();

    public static TheoryData<string> Files() => X12ReaderSampleTests.ValidSamples();

    [Theory]
    [MemberData(nameof(Files))]
    public void Mutants_GiveLocatedErrorsOrSucceed_NeverCrash(string file)
    {
        var original = File.ReadAllBytes(SharedData.File("x12-samples", file));
        var random = new Random(file.GetHashCode(StringComparison.Ordinal) ^ 20261127);
        for (var n = 0; n < MutantsPerFile; n++)
        {
            var mutant = Mutate(original, random);

            var document = X12Reader.Parse(new MemoryStream(mutant));

            Assert.All(document.Errors, e =>
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                Assert.True(e.ByteOffset >= 0 && e.ByteOffset <= mutant.Length, $"offset {e.ByteOffset}");
                Assert.True(e.Syntax is X12ErrorSyntax.Interchange or X12ErrorSyntax.Group || e.SegmentId.Length > 0 || e.SegmentPosition > 0, e.ToString());
            });
            if (document.IsValid)
            {
                var again = X12Reader.Parse(X12Writer.Write(document));
                Assert.True(again.IsValid, string.Join("\n", again.Errors));
            }
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        var at = random.Next(bytes.Count);
        switch (random.Next(6))
        {
            case 0:
                bytes.RemoveRange(at, Math.Min(random.Next(1, 6), bytes.Count - at));
                break;
            case 1:
                bytes.Insert(at, Noise[random.Next(Noise.Length)]);
                break;
            case 2:
                bytes[at] = Noise[random.Next(Noise.Length)];
                break;
            case 3:
                return bytes.Take(at).ToArray();
            case 4:
                var text = Encoding.UTF8.GetString(original);
                var segments = text.Split('~').ToList();
                var index = random.Next(segments.Count);
                if (random.Next(2) == 0)
                {
                    segments.Insert(index, segments[index]);
                }
                else
                {
                    segments.RemoveAt(index);
                }

                return Encoding.UTF8.GetBytes(string.Join('~', segments));
            default:
                var swapAt = random.Next(bytes.Count);
                (bytes[at], bytes[swapAt]) = (bytes[swapAt], bytes[at]);
                break;
        }

        return bytes.ToArray();
    }
}
