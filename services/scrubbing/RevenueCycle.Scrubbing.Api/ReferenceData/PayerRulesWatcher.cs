using RevenueCycle.Scrubbing.Domain.PayerRules;
using RevenueCycle.ServiceDefaults.ReferenceData;

namespace RevenueCycle.Scrubbing.Api.ReferenceData;

/// <summary>Loads the payer-rule file at start and whenever it changes; a file that fails keeps the rules in force.</summary>
public sealed class PayerRulesWatcher(PayerRuleCatalog catalog, ScrubbingOptions options, TimeProvider clock, ILogger<PayerRulesWatcher> logger)
    : ReleaseWatcher(options.PayerRules, options.PollInterval, clock, logger)
{
    protected override string What => "Payer rules";

    protected override string LoadAndSwap()
    {
        var loaded = catalog.Reload(() => PayerRuleReader.Read(Path));
        return $"version {loaded.Version}, {loaded.Payers.Count} payers, {loaded.RuleCount} rules";
    }
}
