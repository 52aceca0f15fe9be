namespace RevenueCycle.Scrubbing.Domain.PayerRules;

/// <summary>Holds the payer rules in force and swaps in a new set whole; a failed load leaves the current set.</summary>
public sealed class PayerRuleCatalog(PayerRuleSet initial)
{
    private PayerRuleSet _current = initial;

    public PayerRuleSet Current => Volatile.Read(ref _current);

    public PayerRuleSet Reload(Func<PayerRuleSet> load)
    {
        var loaded = load();
        Volatile.Write(ref _current, loaded);
        return loaded;
    }
}
