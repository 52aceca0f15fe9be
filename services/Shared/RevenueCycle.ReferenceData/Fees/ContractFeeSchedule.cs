using RevenueCycle.ReferenceData.Io;

namespace RevenueCycle.ReferenceData.Fees;

/// <summary>What a payer's contract allows for a code: a fixed amount per unit, or a percent of the Medicare fee.</summary>
public sealed record ContractRate(string PayerId, string Hcpcs, string Modifier, long? AllowedCents, decimal? PercentOfMedicare);

/// <summary>
/// Contracted rates per payer from one CSV (<c>payer_id,hcpcs,modifier,allowed,percent_of_medicare</c>): a row
/// gives a fixed allowed amount in dollars or a percent of the Medicare fee (120 = 120%); hcpcs <c>*</c> is the
/// payer's rate for every code without its own row. A code with a modifier row uses it when the line has the modifier.
/// </summary>
public sealed class ContractFeeSchedule
{
    private readonly Dictionary<(string Payer, string Code, string Modifier), ContractRate> _rates;

    private ContractFeeSchedule(Dictionary<(string, string, string), ContractRate> rates) => _rates = rates;

    public static readonly ContractFeeSchedule Empty = new([]);

    public int Rates => _rates.Count;

    public ContractRate? RateFor(string payerId, string hcpcs, IReadOnlyList<string> modifiers)
    {
        var code = hcpcs.Trim().ToUpperInvariant();
        foreach (var modifier in modifiers.Select(m => m.Trim().ToUpperInvariant()))
        {
            if (_rates.TryGetValue((payerId, code, modifier), out var specific))
            {
                return specific;
            }
        }

        return _rates.GetValueOrDefault((payerId, code, "")) ?? _rates.GetValueOrDefault((payerId, "*", ""));
    }

    public static ContractFeeSchedule Load(string path)
    {
        var rates = new Dictionary<(string, string, string), ContractRate>();
        using var csv = FeeCsv.Open(path, "payer_id", comments: true);
        int payer = csv.Column("payer_id"), hcpcs = csv.Column("hcpcs"), modifier = csv.Column("modifier"), allowed = csv.Column("allowed"), percent = csv.Column("percent_of_medicare");
        foreach (var (line, fields) in csv.Rows())
        {
            var payerId = FeeCsv.Cell(fields, payer);
            if (payerId.Length == 0)
            {
                continue;
            }

            var fixedAmount = FeeCsv.Cell(fields, allowed).Length > 0 ? csv.Decimal(fields, allowed, line) : (decimal?)null;
            var share = FeeCsv.Cell(fields, percent).Length > 0 ? csv.Decimal(fields, percent, line) : (decimal?)null;
            if ((fixedAmount is null) == (share is null) || fixedAmount < 0 || share <= 0)
            {
                throw new ReferenceDataException(csv.Name, line, "give either a positive allowed amount or a positive percent_of_medicare");
            }

            var rate = new ContractRate(payerId, FeeCsv.Cell(fields, hcpcs).ToUpperInvariant(), FeeCsv.Cell(fields, modifier).ToUpperInvariant(),
                fixedAmount is { } dollars ? (long)Math.Round(dollars * 100m, MidpointRounding.AwayFromZero) : null, share);
            if (!rates.TryAdd((rate.PayerId, rate.Hcpcs, rate.Modifier), rate))
            {
                throw new ReferenceDataException(csv.Name, line, $"payer {rate.PayerId} has two rates for {rate.Hcpcs} {rate.Modifier}");
            }
        }

        return new ContractFeeSchedule(rates);
    }
}
