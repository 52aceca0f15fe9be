using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.X12;
using RevenueCycle.X12.Acknowledgments;
using RevenueCycle.X12.Claims;
using RevenueCycle.X12.Inquiries;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Remittances;
using RevenueCycle.X12.Syntax;
using RevenueCycle.X12.Writing;

namespace RevenueCycle.Sandbox.Domain;

/// <summary>A file the sandbox sends back: its name (kind and control number) and X12 text.</summary>
public sealed record SandboxFile(string Name, string Content);

/// <summary>
/// A payer for tests and demos: answers a 270 with a 271 (<see cref="SandboxEligibility"/>); reads an 837 interchange
/// like a payer's front end and adjudication would and answers with a 999 for every group, a 277CA for every accepted
/// transaction, a 277 for pended claims and one 835 per payer, each claim by its <see cref="SandboxScenario"/>; answers a
/// 276 claim status inquiry with a 277.
/// Deterministic: the same file and time give the same answers
/// (claim control numbers and trace numbers derive from the input), so tests can expect exact amounts.
/// </summary>
public static class PayerSandbox
{
    public const string PayerName = "REVENUECYCLE SANDBOX PAYER";

    public static IReadOnlyList<SandboxFile> Respond(string interchangeText, DateTimeOffset receivedAt)
    {
        var document = X12Reader.Parse(interchangeText);
        if (document.Transactions.Any(t => t.Type == "270"))
        {
            // An eligibility inquiry: the 271 (none when the scenario is a payer that never answers).
            return SandboxEligibility.Answer(interchangeText, receivedAt) is { } answer
                ? [new SandboxFile($"271-{document.Interchanges.FirstOrDefault()?.ControlNumber ?? "0"}-1", answer)]
                : [];
        }

        if (document.Transactions.Any(t => t.Type == "276"))
        {
            return StatusAnswers(document, receivedAt);
        }

        var files = new List<SandboxFile>();
        var sequence = 0;
        foreach (var interchange in document.Interchanges)
        {
            var control = int.TryParse(interchange.ControlNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            string Next(string kind) => $"{kind}-{interchange.ControlNumber}-{++sequence}";
            int Control(int offset) => (int)(((long)control * 10 + offset) % 1_000_000_000);
            foreach (var group in interchange.Groups)
            {
                var ack = Acknowledgment999Builder.For(group, document.Errors);
                files.Add(Write(Next("999"), interchange, Control(1), "FA", Acknowledgment999Builder.Version, "999", Acknowledgment999Builder.Body(ack), receivedAt));
                var accepted = group.Transactions.Where(t => ack.Transactions.Any(a => a.ControlNumber == t.ControlNumber && a.Accepted) && t.Type == "837").ToList();
                var claims = accepted.SelectMany(t => Claim837Reader.Read(t).Select(c => (Claim: c, Transaction: t))).ToList();
                if (claims.Count == 0)
                {
                    continue;
                }

                var provider = claims[0].Claim.BillingProvider!;
                var providerName = provider.OrganizationName.Length > 0 ? provider.OrganizationName : provider.Name.Last;
                var statuses = claims.Select(c => Status(c.Claim, interchange.ControlNumber, receivedAt)).ToList();
                var batch = accepted[0].Root.Segment("BHT")?[3] ?? interchange.ControlNumber;
                var ack277 = new ClaimAcknowledgment277(PayerName, claims[0].Claim.Payer?.PayerId ?? "", interchange.SenderId, interchange.SenderId, batch,
                    DateOnly.FromDateTime(receivedAt.UtcDateTime), DateOnly.FromDateTime(receivedAt.UtcDateTime), statuses);
                files.Add(Write(Next("277CA"), interchange, Control(2), "HN", ClaimAcknowledgment277Builder.Version, "277",
                    ClaimAcknowledgment277Builder.Body(ack277, providerName, provider.Npi, receivedAt), receivedAt));

                var pended = claims.Where(c => SandboxScenarios.For(c.Claim.Subscriber?.MemberId ?? "") == SandboxScenario.Pended).ToList();
                if (pended.Count > 0)
                {
                    var response = new ClaimStatusResponse277(PayerName, pended[0].Claim.Payer?.PayerId ?? "", interchange.SenderId, interchange.SenderId, providerName, provider.Npi,
                        pended.Select(c => new ClaimStatusEntry(c.Claim.PatientControlNumber, Icn(interchange.ControlNumber, c.Claim), "P1", "20", DateOnly.FromDateTime(receivedAt.UtcDateTime),
                            c.Claim.TotalChargeCents, 0, c.Claim.Subscriber?.Name.Last ?? "", c.Claim.Subscriber?.Name.First ?? "", c.Claim.Subscriber?.MemberId ?? "")).ToList());
                    files.Add(Write(Next("277"), interchange, Control(3), "HN", ClaimStatusResponse277Builder.Version, "277",
                        ClaimStatusResponse277Builder.Body(response, batch, receivedAt), receivedAt));
                }

                var offset = 4;
                foreach (var byPayer in claims.Where(c => SandboxScenarios.For(c.Claim.Subscriber?.MemberId ?? "") is not (SandboxScenario.Rejection or SandboxScenario.Pended))
                    .GroupBy(c => c.Claim.Payer?.PayerId ?? ""))
                {
                    var remittance = Remit(byPayer.Select(c => c.Claim).ToList(), byPayer.Key, providerName, provider.Npi, interchange.ControlNumber, receivedAt);
                    files.Add(Write(Next("835"), interchange, Control(offset++), "HP", Remittance835Writer.Version, "835", Remittance835Writer.Body(remittance), receivedAt));
                }
            }
        }

        return files;
    }

    /// <summary>
    /// A 277 for each 276 (claim status inquiry): the claims asked about, by their member's scenario: pended (N) still
    /// P1:20 in process; rejected at the front end (R) A4:35, no record of the claim; every other claim F1:65, finalized
    /// and paid (its 835 went out). The claim is found by its patient account number (REF*EJ), echoed.
    /// </summary>
    private static IReadOnlyList<SandboxFile> StatusAnswers(X12Document document, DateTimeOffset at)
    {
        var files = new List<SandboxFile>();
        foreach (var interchange in document.Interchanges)
        {
            var control = int.TryParse(interchange.ControlNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            var sequence = 0;
            foreach (var transaction in interchange.Groups.SelectMany(g => g.Transactions).Where(t => t.Type == "276"))
            {
                var request = ClaimStatusRequest276Builder.Read(transaction);
                var provider = request.Queries.FirstOrDefault()?.Provider;
                var entries = request.Queries.Select(q =>
                {
                    var (category, status) = SandboxScenarios.For(q.Subscriber.MemberId) switch
                    {
                        SandboxScenario.Pended => ("P1", "20"),
                        SandboxScenario.Rejection => ("A4", "35"),
                        _ => ("F1", "65"),
                    };
                    return new ClaimStatusEntry(q.PatientAccountNumber.Length > 0 ? q.PatientAccountNumber : q.TraceNumber, q.PayerClaimControlNumber, category, status,
                        DateOnly.FromDateTime(at.UtcDateTime), q.ChargeCents ?? 0, 0, q.Subscriber.Last, q.Subscriber.First, q.Subscriber.MemberId);
                }).ToList();
                var response = new ClaimStatusResponse277(PayerName, request.Payer.Id, interchange.SenderId, interchange.SenderId, provider?.Name ?? "", provider?.Id ?? "", entries);
                var isa = (int)(((long)control * 10 + 5 + sequence) % 1_000_000_000);
                files.Add(Write($"277-{interchange.ControlNumber}-{++sequence}", interchange, isa, "HN", ClaimStatusResponse277Builder.Version, "277",
                    ClaimStatusResponse277Builder.Body(response, transaction.Root.Segment("BHT")?[3] ?? interchange.ControlNumber, at), at));
            }
        }

        return files;
    }

    private static ClaimStatus277 Status(Claim claim, string interchange, DateTimeOffset at)
    {
        var scenario = SandboxScenarios.For(claim.Subscriber?.MemberId ?? "");
        var rejected = scenario == SandboxScenario.Rejection;
        var from = claim.Lines.Select(l => l.ServiceDateFrom).Min();
        var to = claim.Lines.Select(l => l.ServiceDateTo ?? l.ServiceDateFrom).Max();
        return new ClaimStatus277(claim.PatientControlNumber, rejected ? "" : Icn(interchange, claim),
            rejected ? "A7" : "A1", rejected ? "164" : "20", rejected ? "IL" : "PR", claim.TotalChargeCents, DateOnly.FromDateTime(at.UtcDateTime), from, to,
            claim.Subscriber?.Name.Last ?? "", claim.Subscriber?.Name.First ?? "", claim.Subscriber?.MemberId ?? "");
    }

    /// <summary>Adjudicates the claims to one payer by their scenarios.</summary>
    private static Remittance835 Remit(IReadOnlyList<Claim> claims, string payerId, string providerName, string npi, string interchange, DateTimeOffset at)
    {
        var payments = new List<ClaimPayment835>();
        var recoupments = new List<ProviderAdjustment835>();
        foreach (var claim in claims)
        {
            var scenario = SandboxScenarios.For(claim.Subscriber?.MemberId ?? "");
            var icn = Icn(interchange, claim);
            var deductibleLeft = scenario == SandboxScenario.DeductibleAndCoinsurance ? 5_000L : 0;
            var lines = new List<LinePayment835>();
            for (var i = 0; i < claim.Lines.Count; i++)
            {
                var line = claim.Lines[i];
                var allowed = (long)Math.Round(line.ChargeCents * 0.8m, MidpointRounding.AwayFromZero);
                var adjustments = new List<PayerAdjustment>();
                if (scenario == SandboxScenario.Denial && i == claim.Lines.Count - 1 && !line.Modifiers.Any(DistinctServiceModifiers.Contains))
                {
                    lines.Add(new LinePayment835(line.LineItemControlNumber, line.ProcedureCode, line.Modifiers, line.ChargeCents, 0, line.Units, line.ServiceDateFrom,
                        [new PayerAdjustment("CO", "97", line.ChargeCents)], ["M15"], null, line.RevenueCode));
                    continue;
                }

                if (WholeClaimDenial(scenario, claim) is var (carc, remark) && carc.Length > 0)
                {
                    // What the 271 said of the member (terminated, another payer primary, authorization needed), or a late filing, decides the claim.
                    lines.Add(new LinePayment835(line.LineItemControlNumber, line.ProcedureCode, line.Modifiers, line.ChargeCents, 0, line.Units, line.ServiceDateFrom,
                        [new PayerAdjustment("CO", carc, line.ChargeCents)], remark.Length > 0 ? [remark] : [], null, line.RevenueCode));
                    continue;
                }

                if (line.ChargeCents > allowed)
                {
                    adjustments.Add(new PayerAdjustment("CO", "45", line.ChargeCents - allowed));
                }

                var deductible = Math.Min(deductibleLeft, allowed);
                deductibleLeft -= deductible;
                var coinsurance = scenario == SandboxScenario.DeductibleAndCoinsurance ? (long)Math.Round((allowed - deductible) * 0.2m, MidpointRounding.AwayFromZero) : 0;
                if (deductible > 0)
                {
                    adjustments.Add(new PayerAdjustment("PR", "1", deductible));
                }

                if (coinsurance > 0)
                {
                    adjustments.Add(new PayerAdjustment("PR", "2", coinsurance));
                }

                lines.Add(new LinePayment835(line.LineItemControlNumber, line.ProcedureCode, line.Modifiers, line.ChargeCents, allowed - deductible - coinsurance,
                    line.Units, line.ServiceDateFrom, adjustments, [], allowed, line.RevenueCode));
            }

            var paid = lines.Sum(l => l.PaidCents);
            var patient = lines.SelectMany(l => l.Adjustments).Where(a => a.GroupCode == "PR").Sum(a => a.AmountCents);
            var status = paid == 0 ? "4" : "1";
            var name = claim.Patient?.Name ?? claim.Subscriber?.Name ?? PersonName.Empty;
            var payment = new ClaimPayment835(claim.PatientControlNumber, status, claim.TotalChargeCents, paid, patient, "12", icn, name, claim.Subscriber?.MemberId ?? "",
                [], lines.Any(l => l.Adjustments.Any(a => a.ReasonCode == "97")) ? ["M15"] : [], lines);
            if (claim.Frequency == ClaimFrequency.Void)
            {
                // A void is answered with a reversal of what was paid on the claim it cancels, never with a payment.
                payments.Add(Reversal(payment, claim.PayerClaimControlNumber.Length > 0 ? claim.PayerClaimControlNumber : icn));
                continue;
            }

            payments.Add(payment);
            if (scenario == SandboxScenario.Recoupment)
            {
                recoupments.Add(new ProviderAdjustment835(npi, new DateOnly(at.Year, 12, 31), "WO", $"PRIOR-{icn}", (long)Math.Round(paid * 0.1m, MidpointRounding.AwayFromZero)));
            }
        }

        var total = payments.Sum(p => p.PaidCents) - recoupments.Sum(r => r.AmountCents);
        if (total < 0)
        {
            // Reversals took back more than this check pays: the 835 pays nothing and carries the balance forward (PLB FB),
            // to be taken from a later payment, so BPR02 = CLP04s - PLB still holds.
            recoupments.Add(new ProviderAdjustment835(npi, new DateOnly(at.Year, 12, 31), "FB", $"FWD-{interchange}", total));
            total = 0;
        }

        return new Remittance835(payerId, PayerName, providerName, npi, $"SBX{Hash(interchange + payerId)[..10]}", DateOnly.FromDateTime(at.UtcDateTime), total, "ACH", payments, recoupments);
    }

    /// <summary>NCCI's modifiers for a distinct procedural service: with one, the bundled line of scenario X is paid.</summary>
    private static readonly HashSet<string> DistinctServiceModifiers = ["59", "XE", "XP", "XS", "XU"];

    /// <summary>
    /// The denial a member's scenario gives every line: CO-29 past the filing limit (L, a billing denial), CO-27 after the coverage ended (I), CO-22 when another
    /// payer is primary (C), CO-197 when authorization is needed and the claim carries none (A, no REF*G1).
    /// </summary>
    private static (string Carc, string Remark) WholeClaimDenial(SandboxScenario scenario, Claim claim) => scenario switch
    {
        SandboxScenario.Terminated => ("27", ""),
        SandboxScenario.TimelyFiling => ("29", ""),
        SandboxScenario.OtherCoverage => ("22", "MA04"),
        SandboxScenario.AuthorizationRequired when claim.PriorAuthorizationNumber.Trim().Length == 0 => ("197", "N54"),
        _ => ("", ""),
    };

    /// <summary>
    /// A reversal (CLP02 22) of a claim payment: every amount negated, citing the payer's claim control number of the
    /// claim it reverses. The claim as voided is the claim as last sent, so its payment is the one the scenario gave.
    /// </summary>
    private static ClaimPayment835 Reversal(ClaimPayment835 payment, string payerClaimControlNumber) => payment with
    {
        StatusCode = "22",
        ChargeCents = -payment.ChargeCents,
        PaidCents = -payment.PaidCents,
        PatientResponsibilityCents = -payment.PatientResponsibilityCents,
        PayerClaimControlNumber = payerClaimControlNumber,
        Adjustments = [.. payment.Adjustments.Select(a => a with { AmountCents = -a.AmountCents })],
        Lines =
        [
            .. payment.Lines.Select(l => l with
            {
                ChargeCents = -l.ChargeCents,
                PaidCents = -l.PaidCents,
                AllowedCents = -l.AllowedCents,
                Adjustments = [.. l.Adjustments.Select(a => a with { AmountCents = -a.AmountCents })],
            }),
        ],
    };

    /// <summary>The payer's claim control number: derived from the interchange and the claim, so it is the same on every run.</summary>
    private static string Icn(string interchange, Claim claim) => $"SBX{Hash($"{interchange}|{claim.PatientControlNumber}|{(int)claim.Frequency}")[..12]}";

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>One answer to <paramref name="inbound"/>, addressed back to its sender (<see cref="Addressed"/>).</summary>
    private static SandboxFile Write(string name, X12Interchange inbound, int control, string functionalId, string version, string type, List<Segment> body, DateTimeOffset at)
    {
        var answer = Addressed(inbound, body);
        var isa = X12Writer.Isa("ZZ", answer.ReceiverId, "ZZ", answer.SenderId, at, control, false, answer.Delimiters);
        var interchange = new InterchangeBuilder(isa, answer.Delimiters)
            .Group(functionalId, isa[6].Trim(), isa[8].Trim(), at, control % 1_000_000_000, version, type, [("0001", answer.Body)])
            .Build();
        return new SandboxFile(name, X12Writer.Write(interchange));
    }

    /// <summary>
    /// An answer echoes the inbound sender's ids, segment names and (in a 999's IK404) copies of bad data, any of which
    /// may hold a character of the default delimiters. It is written with delimiters none of them hold
    /// (<see cref="Delimiters.Fitting"/>: the default, the inbound file's own, an alternative); when every set clashes
    /// (fuzzed garbage), the clashing characters are written as '?'. An answer is never refused for what it echoes.
    /// </summary>
    internal static AnswerEnvelope Addressed(X12Interchange inbound, IEnumerable<Segment> body)
    {
        var segments = body.ToList();
        var d = Delimiters.Fitting([inbound.SenderId, inbound.ReceiverId, .. segments.SelectMany(s => s.Elements)], inbound.Delimiters);
        return new AnswerEnvelope(d, d.Writable(inbound.SenderId), d.Writable(inbound.ReceiverId),
            segments.Select(s => s.Elements.Any(e => d.Writable(e) != e) ? new Segment(s.Id, [.. s.Elements.Select(d.Writable)]) : s).ToList());
    }
}

/// <summary>The delimiters, the inbound sender and receiver ids and the body of an answer, all writable together.</summary>
internal sealed record AnswerEnvelope(Delimiters Delimiters, string SenderId, string ReceiverId, List<Segment> Body);
