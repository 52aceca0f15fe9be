using System.Globalization;
using RevenueCycle.X12;
using RevenueCycle.X12.Inquiries;
using RevenueCycle.X12.Writing;

namespace RevenueCycle.Sandbox.Domain;

/// <summary>
/// The payer sandbox's answers to 270 eligibility inquiries: one 271 per interchange, one answer per question (its
/// TRN echoed), by the same member-id scenarios as its claims (docs/SANDBOX.md), so what eligibility says about a
/// member is what the payer later does with the member's claims. Deterministic: amounts depend only on the scenario
/// and the plan year of the date of service.
/// </summary>
public static class SandboxEligibility
{
    public const string PlanName = "SANDBOX PPO";
    public const string GroupNumber = "GRP-SANDBOX-01";

    /// <summary>The 271 interchange answering a 270 interchange; null when the scenario is a payer that never answers (T).</summary>
    public static string? Answer(string interchange270, DateTimeOffset at)
    {
        var document = X12Reader.Parse(interchange270);
        var interchange = document.Interchanges.FirstOrDefault();
        var transaction = document.Transactions.FirstOrDefault(t => t.Type == "270");
        if (interchange is null || transaction is null)
        {
            return null; // not a 270: a payer's front end would send a 999; real-time callers see no answer
        }

        var inquiry = EligibilityInquiry270Builder.Read(transaction);
        if (inquiry.Requests.Any(r => SandboxScenarios.For(r.Subscriber.MemberId) == SandboxScenario.NoAnswer))
        {
            return null;
        }

        var unavailable = inquiry.Requests.Any(r => SandboxScenarios.For(r.Subscriber.MemberId) == SandboxScenario.PayerUnavailable);
        var response = new EligibilityResponse271(inquiry.Source, inquiry.Receiver,
            unavailable ? [new RequestRejection(true, "42", "R")] : [], [],
            unavailable ? [] : inquiry.Requests.Select(r => Answer(r, at)).ToList());
        var control = int.TryParse(interchange.ControlNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        var answer = PayerSandbox.Addressed(interchange, EligibilityResponse271Builder.Body(response, transaction.Root.Segment("BHT")?[3] ?? "1", at));
        var isa = X12Writer.Isa("ZZ", answer.ReceiverId, "ZZ", answer.SenderId, at, (int)(((long)control * 10 + 1) % 1_000_000_000), false, answer.Delimiters);
        var built = new InterchangeBuilder(isa, answer.Delimiters)
            .Group("HB", answer.ReceiverId, answer.SenderId, at, control % 1_000_000_000, EligibilityResponse271Builder.Version, "271", [("0001", answer.Body)])
            .Build();
        return X12Writer.Write(built);
    }

    private static EligibilityAnswer Answer(EligibilityRequest request, DateTimeOffset at)
    {
        var trace = request.TraceNumber;
        var scenario = SandboxScenarios.For(request.Subscriber.MemberId);
        var serviceDate = request.ServiceDate ?? DateOnly.FromDateTime(at.UtcDateTime);
        var yearStart = new DateOnly(serviceDate.Year, 1, 1);
        var subscriber = request.Subscriber with { Last = Or(request.Subscriber.Last, "SUBSCRIBER"), First = Or(request.Subscriber.First, "SANDBOX") };
        if (scenario == SandboxScenario.Rejection)
        {
            // The member id is not on file: the claims of this member are rejected by the 277CA (A7:164) the same way.
            return new EligibilityAnswer(trace, "9RCMSANDBX", subscriber, request.Dependent, [new RequestRejection(false, "72", "C")], []);
        }

        var asked = request.ServiceTypes.Count > 0 ? request.ServiceTypes : ["30"];
        var dates = new List<X12Period> { new("346", yearStart, null) };
        List<Benefit> benefits;
        if (scenario == SandboxScenario.Terminated)
        {
            // Ended the day before the plan year of the date of service: claims for it are denied CO-27.
            dates = [new X12Period("346", yearStart.AddYears(-1), null), new X12Period("347", yearStart.AddDays(-1), null)];
            benefits = [new Benefit("6", "IND", asked, "", PlanName, "", null, null, "", ["COVERAGE TERMINATED"])];
        }
        else
        {
            // D: a $500 calendar-year deductible with $50 left, 20% coinsurance (the claim scenario takes exactly that $50).
            // Otherwise the deductible is met and the plan pays in network in full, 40% coinsurance out of network.
            var deductibleLeft = scenario == SandboxScenario.DeductibleAndCoinsurance ? 5_000L : 0;
            var coinsurance = scenario == SandboxScenario.DeductibleAndCoinsurance ? 0.2m : 0m;
            benefits =
            [
                new Benefit("1", "IND", asked, "PR", PlanName, "", null, null, "", []),
                new Benefit("C", "IND", ["30"], "", "", "23", 50_000, null, "Y", []),
                new Benefit("C", "IND", ["30"], "", "", "29", deductibleLeft, null, "Y", []),
                new Benefit("C", "FAM", ["30"], "", "", "23", 100_000, null, "Y", []),
                new Benefit("A", "IND", ["30"], "", "", "", null, coinsurance, "Y", []),
                new Benefit("A", "IND", ["30"], "", "", "", null, 0.4m, "N", []),
                new Benefit("B", "IND", ["98"], "", "", "27", 2_500, null, "Y", ["OFFICE VISIT COPAY"]),
                new Benefit("G", "IND", ["30"], "", "", "23", 300_000, null, "Y", []),
                new Benefit("G", "IND", ["30"], "", "", "29", 300_000 - (50_000 - deductibleLeft), null, "Y", []),
            ];
            if (scenario == SandboxScenario.AuthorizationRequired)
            {
                benefits.Add(new Benefit("CB", "IND", ["2", "62"], "", "", "", null, null, "Y", ["PRIOR AUTHORIZATION REQUIRED FOR SURGERY AND MRI/CT"]) { AuthorizationRequired = "Y" });
            }

            if (scenario == SandboxScenario.OtherCoverage)
            {
                benefits.Add(new Benefit("R", "IND", ["30"], "C1", "OTHER HEALTH PLAN", "", null, null, "", ["OTHER COVERAGE ON FILE - BILL THE PRIMARY PAYER FIRST"])
                {
                    Dates = [new X12Period("290", yearStart, null)],
                    RelatedEntities = [new X12Party("PRP", "2", "OTHER HEALTH PLAN", "", "PI", "99999")],
                });
            }
        }

        return new EligibilityAnswer(trace, "9RCMSANDBX", subscriber, request.Dependent, [], benefits)
        {
            Dates = dates,
            References = [new X12Reference("6P", GroupNumber, "")],
            Relationship = request.Dependent is null ? "" : "19",
        };
    }

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;
}
