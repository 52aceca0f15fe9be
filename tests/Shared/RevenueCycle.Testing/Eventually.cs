namespace RevenueCycle.Testing;

/// <summary>Waits for an asynchronous effect (an event relayed and handled) instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task<T> SingleAsync<T>(Func<IEnumerable<T>> probe, TimeSpan? timeout = null) =>
        (await MatchAsync(() => Task.FromResult(probe()), items => items.Count() == 1, timeout)).Single();

    public static async Task<T> MatchAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The expected state was not reached within {(timeout ?? DefaultTimeout).TotalSeconds} s; last value: {value}");
            }

            await Task.Delay(50);
        }
    }
}
