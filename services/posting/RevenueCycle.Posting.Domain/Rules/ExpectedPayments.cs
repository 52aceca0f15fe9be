using RevenueCycle.ReferenceData.Fees;

namespace RevenueCycle.Posting.Domain.Rules;

/// <summary>When a line counts as underpaid: the shortfall exceeds both a fixed amount and a share of the expected amount.</summary>
public sealed record UnderpaymentSettings(long ThresholdCents, decimal ThresholdPercent, string Locality)
{
    public static readonly UnderpaymentSettings Default = new(100, 2m, "");
}

/// <summary>A paid line to price: its codes, units, place and date of service (as submitted).</summary>
public sealed record PricedLine(string Hcpcs, IReadOnlyList<string> Modifiers, uint Units, string PlaceOfService, DateOnly? ServiceDate);

/// <summary>
/// What a payer should have allowed for each line of a claim: the payer's contracted rate (a fixed amount, or a
/// percent of the Medicare fee), else the Medicare Physician Fee Schedule itself as the baseline, in the configured
/// locality (national GPCIs when none is set), facility or non-facility by place of service, times units; then
/// Medicare's payment policies from the RVU file's indicators: bilateral surgery (modifier 50: 150%, or 200% for
/// indicator 3), co-surgeons (62: 62.5%), assistants at surgery (80/81/82: 16%, AS: 13.6%, none where the indicator
/// says not payable) and multiple procedures (indicator 2 or 3: on one day the highest-priced at 100%, the others at
/// 50%; the endoscopic base rule of indicator 3 is approximated by the same 50%).
/// </summary>
public sealed class ExpectedPayments(PhysicianFeeSchedule? medicare, ContractFeeSchedule contracts, UnderpaymentSettings settings)
{
    /// <summary>Places of service where Medicare pays the facility rate (CMS's facility setting list).</summary>
    private static readonly HashSet<string> FacilityPlaces = ["02", "19", "21", "22", "23", "24", "26", "31", "34", "41", "42", "51", "52", "53", "56", "61"];

    private readonly Gpci _gpci = medicare?.Locality(settings.Locality) ?? Gpci.National;

    public UnderpaymentSettings Settings => settings;

    public bool HasAnySchedule => medicare is not null || contracts.Rates > 0;

    /// <summary>One line on its own (no multiple-procedure ranking).</summary>
    public (long Cents, string Basis)? ExpectedAllowed(string payerId, string hcpcs, IReadOnlyList<string> modifiers, uint units, string placeOfService) =>
        ExpectedAllowed(payerId, [new PricedLine(hcpcs, modifiers, units, placeOfService, null)])[0];

    /// <summary>Every line of a claim, in order; null where nothing prices the line or the policy says it is not payable.</summary>
    public IReadOnlyList<(long Cents, string Basis)?> ExpectedAllowed(string payerId, IReadOnlyList<PricedLine> lines)
    {
        var priced = lines.Select(l => Price(payerId, l)).ToArray();
        var reducible = Enumerable.Range(0, lines.Count).Where(i => priced[i]?.MultipleProcedure is "2" or "3");
        foreach (var day in reducible.GroupBy(i => lines[i].ServiceDate))
        {
            foreach (var later in day.OrderByDescending(i => priced[i]!.Value.Cents).ThenBy(i => i).Skip(1))
            {
                var line = priced[later]!.Value;
                priced[later] = line with { Cents = Percent(line.Cents, 50m), Basis = line.Basis + ", multiple procedure 50%" };
            }
        }

        return priced.Select(p => p is { } line ? (line.Cents, line.Basis) : ((long, string)?)null).ToArray();
    }

    public bool IsUnderpaid(long expectedCents, long allowedCents) =>
        expectedCents - allowedCents > Math.Max(settings.ThresholdCents, Percent(expectedCents, settings.ThresholdPercent));

    private (long Cents, string Basis, string MultipleProcedure)? Price(string payerId, PricedLine line)
    {
        var facility = FacilityPlaces.Contains(line.PlaceOfService.Trim());
        var rate = contracts.RateFor(payerId, line.Hcpcs, line.Modifiers);
        var medicareFee = medicare?.AllowedCents(line.Hcpcs, line.Modifiers, facility, _gpci);
        var setting = facility ? "facility" : "non-facility";
        (long PerUnit, string Basis)? expected = rate switch
        {
            { AllowedCents: { } cents } => (cents, $"contract {payerId} {rate.Hcpcs}{(rate.Modifier.Length > 0 ? "-" + rate.Modifier : "")}"),
            { PercentOfMedicare: { } percent } when medicareFee is { } fee =>
                (Percent(fee, percent), $"contract {payerId}: {percent}% of Medicare PFS {medicare!.Release}, {_gpci.Name}, {setting}"),
            _ when medicareFee is { } fee => (fee, $"Medicare PFS {medicare!.Release}, {_gpci.Name}, {setting}"),
            _ => null,
        };
        if (expected is not { } e)
        {
            return null;
        }

        var values = medicare?.ValuesFor(line.Hcpcs, line.Modifiers);
        var modifiers = line.Modifiers.Select(m => m.Trim().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var units = Math.Max(1, line.Units);
        var (factor, policy) = (100m, "");
        if (modifiers.Contains("50"))
        {
            units = 1; // a bilateral procedure is one service, priced for both sides
            (factor, policy) = values?.Bilateral switch { "1" => (150m, ", bilateral 150%"), "3" => (200m, ", bilateral 200%"), _ => (factor, policy) };
        }

        if (modifiers.Contains("62") && values?.CoSurgeons is "1" or "2")
        {
            (factor, policy) = (factor * 62.5m / 100m, policy + ", co-surgeon 62.5%");
        }

        if (modifiers.Overlaps(["80", "81", "82", "AS"]))
        {
            if (values?.AssistantAtSurgery == "1")
            {
                return null; // Medicare does not pay an assistant for this procedure: nothing is expected
            }

            var share = modifiers.Contains("AS") ? 13.6m : 16m;
            (factor, policy) = (factor * share / 100m, policy + $", assistant at surgery {share}%");
        }

        return (Percent(e.PerUnit * units, factor), e.Basis + policy, values?.MultipleProcedure ?? "");
    }

    private static long Percent(long cents, decimal percent) => (long)Math.Round(cents * percent / 100m, MidpointRounding.AwayFromZero);
}
