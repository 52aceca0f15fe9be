using System.Text;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.X12.Claims;

namespace RevenueCycle.Benchmarks;

/// <summary>
/// Large X12 files for the X12 benchmarks: 837P interchanges written by RevenueCycle from the scrubbing workload's
/// five-line claims (5,000 claims a transaction, as the guide advises), and 835s made by repeating the claim loops of
/// the public X221 sample so they carry real remittance structure.
/// </summary>
public static class X12Workload
{
    public static readonly Submitter837 Submitter = new("BENCH PRACTICE", "BENCHSUB", "BILLING", "6145550100", "BENCH CLEARINGHOUSE", "BENCHCH");

    public static Claim[] Claims(int count) => ScrubbingWorkload.Claims(count).Select(c => c with
    {
        PatientControlNumber = c.ClaimId[..Math.Min(20, c.ClaimId.Length)],
        Lines = c.Lines.Select(l => l with { LineItemControlNumber = $"{c.ClaimId}-{l.LineNumber}" }).ToArray(),
    }).ToArray();

    /// <summary>An 837P interchange of about <paramref name="megabytes"/> MB, written to a file.</summary>
    public static string Write837(string path, int megabytes)
    {
        // About 670 bytes a five-line claim: a small file gets one smaller transaction, a large one many full ones.
        var claims = Claims(Math.Clamp(megabytes * 1_500, 100, 5_000));
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var control = 1;
        long written = 0;
        while (written < megabytes * 1024L * 1024L)
        {
            var text = Claim837Batch.Write(claims, Submitter, new InterchangeHeader("ZZ", "BENCHSUB", "ZZ", "BENCHCH", control++, false), DateTimeOffset.UnixEpoch);
            writer.Write(text);
            written += text.Length;
        }

        return path;
    }

    /// <summary>An 835 of about <paramref name="megabytes"/> MB: the X221 sample's header, its claim loops repeated, its trailer.</summary>
    public static string Write835(string samplePath, string path, int megabytes)
    {
        var segments = File.ReadAllText(samplePath).Split('~', StringSplitOptions.TrimEntries).Where(s => s.Length > 0).ToList();
        var firstLx = segments.FindIndex(s => s.StartsWith("LX*", StringComparison.Ordinal));
        var se = segments.FindIndex(s => s.StartsWith("SE*", StringComparison.Ordinal));
        var header = segments[..firstLx];
        var body = segments[firstLx..se];
        var seControl = segments[se].Split('*')[2];
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        var isa = header[0];
        var gs = header[1];
        var transactionHeader = header[2..];
        long written = 0;
        var groups = 0;
        writer.Write(isa + "~\n");
        while (written < megabytes * 1024L * 1024L)
        {
            groups++;
            var gsParts = gs.Split('*');
            gsParts[6] = groups.ToString(System.Globalization.CultureInfo.InvariantCulture);
            writer.Write(string.Join('*', gsParts) + "~\n");
            var count = 0;
            var text = new StringBuilder();
            foreach (var segment in transactionHeader)
            {
                text.Append(segment).Append("~\n");
                count++;
            }

            for (var repeat = 0; repeat < Math.Clamp(megabytes * 300, 10, 2_000); repeat++)
            {
                foreach (var segment in body)
                {
                    text.Append(segment).Append("~\n");
                    count++;
                }
            }

            text.Append($"SE*{count + 1}*{seControl}~\n");
            writer.Write(text);
            writer.Write($"GE*1*{groups}~\n");
            written += text.Length;
        }

        writer.Write($"IEA*{groups}*{isa.Split('*')[13]}~\n");
        return path;
    }
}
