using System.Diagnostics;

namespace RevenueCycle.Benchmarks;

/// <summary>Latency distribution of an operation run many times after a warm-up, and wall time of one-off work.</summary>
public static class Measure
{
    public sealed record Latency(int Samples, double MeanMicroseconds, double P50Microseconds, double P99Microseconds, double MaxMicroseconds);

    public static Latency Percentiles(Action operation, int samples, int warmup)
    {
        for (var i = 0; i < warmup; i++)
        {
            operation();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var times = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            operation();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(times);
        return new Latency(samples, Math.Round(times.Average(), 2), Math.Round(times[samples / 2], 2), Math.Round(times[(int)(samples * 0.99)], 2), Math.Round(times[^1], 2));
    }

    /// <summary>Median wall time of <paramref name="runs"/> runs, in milliseconds (the first run, cold, is reported apart).</summary>
    public static (double ColdMilliseconds, double MedianMilliseconds) WallTime(Action operation, int runs)
    {
        var times = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            GC.Collect();
            var start = Stopwatch.GetTimestamp();
            operation();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        var warm = times.Skip(1).Order().ToArray();
        return (Math.Round(times[0], 1), Math.Round(warm[warm.Length / 2], 1));
    }
}
