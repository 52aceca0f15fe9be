using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Syntax;
using static RevenueCycle.X12.Claims.X12Values;

namespace RevenueCycle.X12.Claims;

/// <summary>
/// Reads the claims of an 837P or 837I transaction (as placed in its loops by <see cref="X12Reader"/>) back into the
/// claim model: what a payer (the sandbox) or a clearinghouse sees. Fields an 837 does not carry (RevenueCycle's own
/// ids) stay empty; the patient control number (CLM01) ties a claim back to its origin.
/// </summary>
public static class Claim837Reader
{
    public static List<Claim> Read(X12Transaction transaction)
    {
        var institutional = transaction.Version.StartsWith("005010X223", StringComparison.Ordinal);
        var claims = new List<Claim>();
        foreach (var billingLoop in transaction.Root.Children("2000A"))
        {
            var billing = Provider(billingLoop.Child("2010AA"), billingLoop.Segment("PRV"));
            foreach (var subscriberLoop in billingLoop.Children("2000B"))
            {
                // A 2000B without its SBR (reported by the reader as a missing required segment) reads as one with empty elements.
                var sbr = subscriberLoop.Segment("SBR") ?? new Segment("SBR");
                var subscriberName = subscriberLoop.Child("2010BA");
                var payerName = subscriberLoop.Child("2010BB");
                var subscriber = new Subscriber(
                    subscriberName?.Segment("NM1")?[9] ?? "", sbr[3], Name(subscriberName?.Segment("NM1")), Born(subscriberName), Sex(subscriberName),
                    Address(subscriberName), sbr[2] == "18" ? Relationship.Self : Relationship.Unspecified);
                var payer = new Payer(payerName?.Segment("NM1")?[9] ?? "", payerName?.Segment("NM1")?[3] ?? "", sbr[9], Address(payerName));
                var self = sbr[2] == "18";
                var selfPatient = new Patient("", "", subscriber.Name, subscriber.DateOfBirth, subscriber.Sex, subscriber.Address, "");
                foreach (var claimLoop in subscriberLoop.Children("2300"))
                {
                    claims.Add(ReadClaim(claimLoop, billing, selfPatient, subscriber, payer, institutional));
                }

                foreach (var patientLoop in subscriberLoop.Children("2000C"))
                {
                    var patientName = patientLoop.Child("2010CA");
                    var relationship = ParseRelationship(patientLoop.Segment("PAT")?[1] ?? "");
                    var patient = new Patient("", "", Name(patientName?.Segment("NM1")), Born(patientName), Sex(patientName), Address(patientName), "");
                    foreach (var claimLoop in patientLoop.Children("2300"))
                    {
                        claims.Add(ReadClaim(claimLoop, billing, patient, subscriber with { RelationshipToPatient = self ? Relationship.Self : relationship }, payer, institutional));
                    }
                }
            }
        }

        return claims;
    }

    private static Claim ReadClaim(X12Loop loop, Provider? billing, Patient patient, Subscriber subscriber, Payer payer, bool institutional)
    {
        var clm = loop.Segment("CLM")!;
        var frequency = int.TryParse(clm.Component(5, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var f) && Enum.IsDefined((ClaimFrequency)f) ? (ClaimFrequency)f : ClaimFrequency.Unspecified;
        var his = loop.All("HI").ToList();
        var diagnoses = new List<Diagnosis>();
        var admitting = "";
        foreach (var hi in his)
        {
            for (var i = 1; i <= hi.Count; i++)
            {
                var qualifier = hi.Component(i, 1);
                if (qualifier is "ABK" or "BK" or "ABF" or "BF")
                {
                    diagnoses.Add(new Diagnosis(Diagnosis(hi.Component(i, 2)), hi.Component(i, 9)));
                }
                else if (qualifier is "ABJ" or "BJ")
                {
                    admitting = Diagnosis(hi.Component(i, 2));
                }
            }
        }

        InstitutionalInfo? info = null;
        if (institutional)
        {
            var cl1 = loop.Segment("CL1");
            var admission = loop.All("DTP").FirstOrDefault(d => d[1] == "435");
            var attending = loop.Child("2310A");
            var admittedOn = admission is null ? null : ParseDate(admission[3].Length >= 8 ? admission[3][..8] : admission[3]);
            var hour = admission is not null && admission[3].Length == 12 ? admission[3][8..] : "";
            info = new InstitutionalInfo($"0{clm.Component(5, 1)}{(int)frequency}", admittedOn, hour, cl1?[1] ?? "", cl1?[2] ?? "", null, "", cl1?[3] ?? "",
                attending is null ? null : Provider(attending, attending.Segment("PRV")), admitting);
        }

        var rendering = loop.Child("2310B") is { } renderingLoop && !institutional ? Provider(renderingLoop, renderingLoop.Segment("PRV")) : null;
        var referring = loop.Child("2310A") is { } referringLoop && !institutional ? Provider(referringLoop, null) : null;
        var lines = loop.Children("2400").Select(l => ReadLine(l, institutional)).ToList();
        // Each earlier payer's line adjudications (2430 SVD01 names the payer) join its claim-level loop (2320).
        var otherPayers = loop.Children("2320").Select(ReadOtherPayer)
            .Select(o => o with { Lines = lines.SelectMany(l => l.Adjudications.Where(a => a.PayerId == o.Payer.PayerId).Select(a => a.Line)).ToArray() })
            .ToArray();
        return new Claim(
            "", institutional ? ClaimType.Institutional : ClaimType.Professional, clm[1], frequency,
            Reference(loop, "F8"), Reference(loop, "G1"), Reference(loop, "9F"),
            billing, rendering, referring, patient, subscriber, payer, "",
            institutional ? "" : clm.Component(5, 1), diagnoses, lines.Select(l => l.Line).ToArray(), Cents(clm[2]) ?? 0, info, "",
            otherPayers.Length == 0 ? null : otherPayers);
    }

    /// <summary>CTP04 in thousandths of a unit; 0 when it is not a number or does not fit a long.</summary>
    private static long DrugQuantity(string value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var quantity) && quantity <= long.MaxValue / 1000m ? (long)(quantity * 1000) : 0;

    private static OtherPayer ReadOtherPayer(X12Loop loop)
    {
        var sbr = loop.Segment("SBR")!;
        var subscriberLoop = loop.Child("2330A");
        var payerLoop = loop.Child("2330B");
        var adjustments = loop.All("CAS").SelectMany(Adjustments).ToArray();
        var paid = loop.All("AMT").FirstOrDefault(a => a[1] == "D") is { } amt ? Cents(amt[2]) ?? 0 : 0;
        var payer = new Payer(payerLoop?.Segment("NM1")?[9] ?? "", payerLoop?.Segment("NM1")?[3] ?? "", sbr[9], BuildingBlocks.Claims.Address.Empty);
        var subscriber = new Subscriber(subscriberLoop?.Segment("NM1")?[9] ?? "", sbr[3], Name(subscriberLoop?.Segment("NM1")), null, BuildingBlocks.Claims.Sex.Unspecified,
            BuildingBlocks.Claims.Address.Empty, ParseRelationship(sbr[2]));
        var adjudicated = payerLoop?.All("DTP").FirstOrDefault(d => d[1] == "573") is { } dtp ? ParseDate(dtp[3]) : null;
        var icn = payerLoop?.All("REF").FirstOrDefault(r => r[1] == "F8")?[2] ?? "";
        return new OtherPayer(payer, subscriber, icn, paid, adjustments, adjudicated, []);
    }

    private static (ServiceLine Line, List<(string PayerId, OtherPayerLine Line)> Adjudications) ReadLine(X12Loop loop, bool institutional)
    {
        var lx = loop.Segment("LX")!;
        var number = uint.TryParse(lx[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var service = loop.Segment(institutional ? "SV2" : "SV1");
        var procedure = service is null ? [] : service.Components(institutional ? 2 : 1);
        var code = procedure.Length > 1 ? procedure[1] : "";
        var modifiers = procedure.Skip(2).Where(m => m.Length > 0).ToArray();
        var charge = service is null ? 0 : Cents(service[institutional ? 3 : 2]) ?? 0;
        var units = service is null ? 0 : Count(service[institutional ? 5 : 4]) ?? 0;
        var place = !institutional && service is not null && service[5].Length > 0 ? service[5] : "";
        var pointers = !institutional && service is not null
            ? service.Components(7).Where(p => p.Length > 0).Select(p => uint.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0).ToArray()
            : [];
        var dates = loop.All("DTP").FirstOrDefault(d => d[1] == "472") is { } dtp ? ParsePeriod(dtp[2], dtp[3]) : (null, null);
        var drug = loop.Child("2410") is { } drugLoop && drugLoop.Segment("LIN") is { } lin
            ? new DrugIdentification(lin[3], drugLoop.Segment("CTP")?.Component(5, 1) ?? "", DrugQuantity(drugLoop.Segment("CTP")?[4] ?? ""))
            : null;
        var rendering = loop.Child("2420A") is { } renderingLoop ? Provider(renderingLoop, renderingLoop.Segment("PRV")) : null;
        var adjudications = new List<(string, OtherPayerLine)>();
        foreach (var adjudication in loop.Children("2430"))
        {
            var svd = adjudication.Segment("SVD")!;
            var adjudicated = svd.Components(3);
            var paidUnits = Count(svd[5]) ?? 0;
            var on = adjudication.All("DTP").FirstOrDefault(d => d[1] == "573") is { } date ? ParseDate(date[3]) : null;
            adjudications.Add((svd[1], new OtherPayerLine(number, adjudicated.Length > 1 ? adjudicated[1] : "", adjudicated.Skip(2).Where(m => m.Length > 0).ToArray(),
                Cents(svd[2]) ?? 0, paidUnits, adjudication.All("CAS").SelectMany(Adjustments).ToArray(), on)));
        }

        var line = new ServiceLine(number, code, modifiers, units, charge, place, pointers, Reference(loop, "6R"), dates.Item1, dates.Item2, rendering, drug, institutional ? service?[1] ?? "" : "");
        return (line, adjudications);
    }

    private static IEnumerable<PayerAdjustment> Adjustments(Segment cas)
    {
        for (var i = 2; i + 1 <= cas.Count && i <= 17; i += 3)
        {
            if (cas[i].Length > 0)
            {
                yield return new PayerAdjustment(cas[1], cas[i], Cents(cas[i + 1]) ?? 0, decimal.TryParse(cas[i + 2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var qty) ? qty : 0);
            }
        }
    }

    private static string Reference(X12Loop loop, string qualifier) => loop.All("REF").FirstOrDefault(r => r[1] == qualifier)?[2] ?? "";

    private static Provider? Provider(X12Loop? loop, Segment? prv)
    {
        if (loop?.Segment("NM1") is not { } nm1)
        {
            return null;
        }

        var person = nm1[2] == "1";
        var taxId = loop.All("REF").FirstOrDefault(r => r[1] is "EI" or "SY")?[2] ?? "";
        return new Provider(nm1[9], prv?[3] ?? "", taxId, person ? EntityType.Person : EntityType.Organization, person ? "" : nm1[3], person ? Name(nm1) : PersonName.Empty, Address(loop));
    }

    private static PersonName Name(Segment? nm1) => nm1 is null ? PersonName.Empty : new PersonName(nm1[3], nm1[4], nm1[5], nm1[7]);

    private static Address Address(X12Loop? loop)
    {
        var n3 = loop?.Segment("N3");
        var n4 = loop?.Segment("N4");
        return n3 is null && n4 is null ? BuildingBlocks.Claims.Address.Empty : new Address(n3?[1] ?? "", n3?[2] ?? "", n4?[1] ?? "", n4?[2] ?? "", n4?[3] ?? "", n4?[4] ?? "");
    }

    private static DateOnly? Born(X12Loop? loop) => loop?.Segment("DMG") is { } dmg ? ParseDate(dmg[2]) : null;

    private static Sex Sex(X12Loop? loop) => loop?.Segment("DMG") is { } dmg ? ParseSex(dmg[3]) : BuildingBlocks.Claims.Sex.Unspecified;
}
