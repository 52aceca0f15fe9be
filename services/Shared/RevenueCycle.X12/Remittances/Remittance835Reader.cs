using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Syntax;
using static RevenueCycle.X12.Claims.X12Values;

namespace RevenueCycle.X12.Remittances;

/// <summary>Reads an 835 transaction (as placed in its loops by <see cref="X12Reader"/>) into a <see cref="Remittance835"/>.</summary>
public static class Remittance835Reader
{
    public static Remittance835 Read(X12Transaction transaction)
    {
        var root = transaction.Root;
        var bpr = root.Segment("BPR");
        var trn = root.Segment("TRN");
        var payer = root.Child("1000A");
        var payee = root.Child("1000B");
        var payerId = payer?.All("REF").FirstOrDefault(r => r[1] == "2U")?[2] is { Length: > 0 } id ? id
            : trn?[3] is { Length: 10 } originator ? originator[1..].TrimStart('0') : payer?.Segment("N1")?[4] ?? "";
        var claims = root.Children("2000").SelectMany(lx => lx.Children("2100")).Select(ReadClaim).ToArray();
        var plb = root.All("PLB").SelectMany(ProviderAdjustments).ToArray();
        var paymentDate = bpr is null ? null : ParseDate(bpr[16]);
        return new Remittance835(payerId, payer?.Segment("N1")?[2] ?? "", payee?.Segment("N1")?[2] ?? "", payee?.Segment("N1")?[4] ?? "",
            trn?[2] ?? "", paymentDate ?? DateOnly.MinValue, bpr is null ? 0 : Cents(bpr[2]) ?? 0, bpr?[4] ?? "", claims, plb);
    }

    /// <summary>One claim payment, for a streamed read (<see cref="X12Streaming"/> on loop 2100).</summary>
    public static ClaimPayment835 ReadClaim(X12Loop loop)
    {
        var clp = loop.Segment("CLP")!;
        var patient = loop.All("NM1").FirstOrDefault(n => n[1] == "QC");
        // Claim-level remarks: MOA03-07 (professional), MIA05 and MIA20-24 (institutional).
        var moaRemarks = loop.Segment("MOA") is { } moa ? Enumerable.Range(3, 5).Select(i => moa[i]) : [];
        var miaRemarks = loop.Segment("MIA") is { } mia ? new[] { 5, 20, 21, 22, 23, 24 }.Select(i => mia[i]) : [];
        var remarks = moaRemarks.Concat(miaRemarks).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var lines = loop.Children("2110").Select(ReadLine).ToArray();
        return new ClaimPayment835(clp[1], clp[2], Cents(clp[3]) ?? 0, Cents(clp[4]) ?? 0, Cents(clp[5]) ?? 0, clp[6], clp[7],
            patient is null ? PersonName.Empty : new PersonName(patient[3], patient[4], patient[5], patient[7]), patient?[9] ?? "",
            loop.All("CAS").SelectMany(Adjustments).ToArray(), remarks, lines);
    }

    private static LinePayment835 ReadLine(X12Loop loop)
    {
        var svc = loop.Segment("SVC")!;
        var procedure = svc.Components(1);
        var units = Count(svc[5].Length > 0 ? svc[5] : "1") ?? 1;
        var date = loop.All("DTM").FirstOrDefault(d => d[1] is "472" or "150") is { } dtm ? ParseDate(dtm[2]) : null;
        var allowed = loop.All("AMT").FirstOrDefault(a => a[1] == "B6") is { } amt ? Cents(amt[2]) : null;
        var byRevenueCode = procedure.Length > 0 && procedure[0] == "NU";
        return new LinePayment835(
            loop.All("REF").FirstOrDefault(r => r[1] == "6R")?[2] ?? "",
            !byRevenueCode && procedure.Length > 1 ? procedure[1] : "", byRevenueCode ? [] : procedure.Skip(2).Where(m => m.Length > 0).ToArray(),
            Cents(svc[2]) ?? 0, Cents(svc[3]) ?? 0, units, date,
            loop.All("CAS").SelectMany(Adjustments).ToArray(),
            loop.All("LQ").Where(l => l[1] == "HE").Select(l => l[2]).ToArray(), allowed,
            byRevenueCode ? (procedure.Length > 1 ? procedure[1] : "") : svc[4]);
    }

    private static IEnumerable<PayerAdjustment> Adjustments(Segment cas)
    {
        for (var i = 2; i <= 17 && i <= cas.Count; i += 3)
        {
            if (cas[i].Length > 0)
            {
                yield return new PayerAdjustment(cas[1], cas[i], Cents(cas[i + 1]) ?? 0,
                    decimal.TryParse(cas[i + 2], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var q) ? q : 0);
            }
        }
    }

    private static IEnumerable<ProviderAdjustment835> ProviderAdjustments(Segment plb)
    {
        var period = ParseDate(plb[2]) ?? DateOnly.MinValue;
        for (var i = 3; i + 1 <= plb.Count; i += 2)
        {
            if (plb[i].Length > 0)
            {
                yield return new ProviderAdjustment835(plb[1], period, plb.Component(i, 1), plb.Component(i, 2), Cents(plb[i + 1]) ?? 0);
            }
        }
    }
}
