using CsCheck;
using RevenueCycle.BuildingBlocks.IntegrationEvents;
using RevenueCycle.Collections.Domain.Model;
using RevenueCycle.Collections.Domain.Statements;

namespace RevenueCycle.Collections.Tests.Domain.Model;

/// <summary>The ledger line by line: a service line traced from its charge to zero, patient shares by kind, a secondary payer's turn.</summary>
public sealed class LedgerTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly LineCharge[] TwoLines = [new("C1-1", 10_000), new("C1-2", 4_500)];

    [Fact]
    public void EachServiceLine_IsTracedFromItsChargeToZero_WithThePatientShareByKind()
    {
        // Line 1: allowed 8,000, deductible 1,500 and 20% coinsurance of the rest (1,300) left to the patient; line 2: a copay
        // and a non-covered supply (PR-96);
        // and a claim-level CAS PR 300 the payer took off the claim's payment (CLP04 is the lines' payments less 300).
        var adjudication = new Adjudication("12345", PaidCents: 5_200 + 1_000 - 300, AdjustmentCents: 2_000 + 1_500, PatientShareCents: 2_800 + 2_000 + 300,
            DeductibleCents: 1_500, CoinsuranceCents: 1_300, CopayCents: 1_600,
            [new AdjudicatedLine("C1-1", 5_200, 2_000, 1_500, 1_300, 0, 0), new AdjudicatedLine("C1-2", 1_000, 1_500, 0, 0, 1_600, 0, NonCoveredCents: 400)], NonCoveredCents: 400);

        var account = Account.Open("a1")
            .WithCharge("C1", 14_500, TwoLines, Day1, "submitted-1", "pat-1", new DateOnly(2026, 3, 2))
            .WithAdjudication("C1", PayerSequence.Final, adjudication, Day1.AddDays(20), "adjudicated-1")
            .WithPatientPayment(5_100, Day1.AddDays(30), "payment-1");

        var line1 = account.Ledger.Where(e => e.LineItemControlNumber == "C1-1").ToList();
        Assert.Equal([10_000L, -5_200L, -2_000L, 1_500L, 1_300L], line1.Select(e => e.AmountCents));
        Assert.Equal(0, line1.Sum(e => e.InsuranceEffectCents)); // nothing left with the payer for the line
        Assert.Equal(2_800, line1.Sum(e => e.PatientEffectCents));
        Assert.Equal([ResponsibilityKinds.Deductible, ResponsibilityKinds.Coinsurance], line1.Where(e => e.Kind == LedgerKinds.PatientResponsibility).Select(e => e.Reason));
        Assert.Equal([(ResponsibilityKinds.Copay, 1_600L), (ResponsibilityKinds.NonCovered, 400L)],
            account.Ledger.Where(e => e.LineItemControlNumber == "C1-2" && e.Kind == LedgerKinds.PatientResponsibility).Select(e => (e.Reason, e.AmountCents)));
        // The claim-level CAS (a 300 patient share the payer did not put on a line) is written at the claim level.
        var claimLevel = Assert.Single(account.Ledger, e => e.LineItemControlNumber == "" && e.Kind == LedgerKinds.PatientResponsibility);
        Assert.Equal((300L, ResponsibilityKinds.Other), (claimLevel.AmountCents, claimLevel.Reason));
        Assert.Equal((0L, 0L), (account.InsurancePendingCents, account.PatientBalanceCents));
        Assert.Equal(["pat-1"], account.PatientIds);
    }

    [Fact]
    public void Replacement_WritesOnlyEachLinesDifference_AndAVoidTakesEveryLineToZero()
    {
        var account = Account.Open("a1")
            .WithCharge("C1", 14_500, TwoLines, Day1, "v1")
            .WithCharge("C1", 16_000, [new LineCharge("C1-1", 10_000), new LineCharge("C1-2", 6_000)], Day1, "v2")
            .WithCharge("C1", 0, [], Day1, "void");

        Assert.Equal([("C1-1", 10_000L), ("C1-2", 4_500L), ("C1-2", 1_500L), ("C1-1", -10_000L), ("C1-2", -6_000L)],
            account.Ledger.Select(e => (e.LineItemControlNumber, e.AmountCents)));
        Assert.Equal(0, account.InsurancePendingCents);
    }

    [Fact]
    public void PrimaryShare_WaitsForTheSecondaryPayer_WhichLeavesThePatientLess()
    {
        var account = Account.Open("a1")
            .WithCharge("C1", 14_500, TwoLines, Day1, "submitted", secondaryExpected: true)
            .WithAdjudication("C1", PayerSequence.Final, new Adjudication("12345", 7_000, 5_500, 2_000, 2_000, 0, 0, []), Day1, "primary");

        var waiting = account;
        account = account.WithAdjudication("C1", PayerSequence.Subsequent, new Adjudication("67890", 1_600, 0, 400, 0, 400, 0, []), Day1.AddDays(9), "secondary");

        Assert.Equal((0L, 2_000L), (waiting.PatientBalanceCents, waiting.InsurancePendingCents)); // nothing billable while the secondary has not answered
        Assert.Equal((400L, 0L), (account.PatientBalanceCents, account.InsurancePendingCents));
        Assert.Equal(account.PatientBalanceCents, account.Ledger.Sum(e => e.PatientEffectCents));
        Assert.Equal(-1_600, account.Ledger.Where(e => e.PayerId == "67890").Sum(e => e.InsuranceEffectCents + e.PatientEffectCents));
    }

    [Fact]
    public void InsurancePayingAfterThePatientDid_LeavesACredit_ThatGoesToTheNextBalanceFirst()
    {
        var account = Account.Open("a1")
            .WithCharge("C1", 10_000, [], Day1, "s1", serviceDate: new DateOnly(2026, 3, 2))
            .WithAdjudication("C1", PayerSequence.Final, new Adjudication("P", 6_000, 1_000, 3_000, 3_000, 0, 0, []), Day1, "primary")
            .WithPatientPayment(3_000, Day1.AddDays(5), "paid at the desk")
            .WithAdjudication("C1", PayerSequence.Subsequent, new Adjudication("S", 2_500, 0, 500, 0, 500, 0, []), Day1.AddDays(20), "secondary");

        Assert.Equal((2_500L, -2_500L), (account.CreditCents, account.PatientBalanceCents));

        var next = account.WithCharge("C2", 5_000, [], Day1.AddDays(30), "s2", serviceDate: new DateOnly(2026, 4, 20))
            .WithAdjudication("C2", PayerSequence.Final, new Adjudication("P", 3_000, 1_000, 1_000, 1_000, 0, 0, []), Day1.AddDays(40), "primary-2");

        Assert.Equal((1_500L, 1_000L), (next.CreditCents, next.Claims.Single(c => c.ClaimId == "C2").PatientPaidCents));
    }

    private enum Step { Submit, Void, Primary, Secondary, Forwarded, Denied, Reversal, Payment, Refund, WriteOff, Place, AgencyPayment, Recall, Charity }

    private static readonly Gen<(Step Step, int Claim, long A, long B, long C)> Steps =
        Gen.Select(Gen.Enum<Step>(), Gen.Int[0, 2], Gen.Long[0, 50_000], Gen.Long[0, 20_000], Gen.Long[0, 10_000]);

    /// <summary>
    /// For any sequence of charges, voids, adjudications (primary, secondary, forwarded, denied, reversed), patient
    /// payments and refunds, write-offs, financial assistance, agency placements, agency payments and recalls (a patient
    /// payment may come while the account is placed), the ledger explains the balances: its entries add up to what the payers and the patient owe, and the
    /// patient is never billed a claim a payer still has, nor a share held for another payer.
    /// </summary>
    [Fact]
    public void AnySequence_TheEntriesAddUpToTheBalances_AndHeldSharesAreNotThePatients()
    {
        Steps.Array[1, 40].Sample(steps =>
        {
            var account = Account.Open("a1");
            foreach (var (step, n, a, b, c) in steps)
            {
                var claim = $"C{n}";
                account = step switch
                {
                    Step.Submit => account.WithCharge(claim, a + b, [new LineCharge($"{claim}-1", a), new LineCharge($"{claim}-2", b)], Day1, "s", secondaryExpected: n == 2),
                    Step.Void => account.WithCharge(claim, 0, [], Day1, "v"),
                    Step.Primary => account.WithAdjudication(claim, PayerSequence.Final,
                        new Adjudication("P", a, b, c, c / 2, c - c / 2, 0, [new AdjudicatedLine($"{claim}-1", a / 2, b / 3, c / 2, 0, 0, 0)]), Day1, "p"),
                    Step.Secondary => account.WithAdjudication(claim, PayerSequence.Subsequent, new Adjudication("S", a / 4, 0, c / 3, 0, c / 3, 0, []), Day1, "2"),
                    Step.Forwarded => account.WithAdjudication(claim, PayerSequence.Forwarded, new Adjudication("P", a, b, c, 0, 0, 0, []), Day1, "19"),
                    Step.Denied => account.WithAdjudication(claim, PayerSequence.Final, new Adjudication("P", 0, 0, 0, 0, 0, 0, []), Day1, "4"),
                    Step.Reversal => account.WithAdjudication(claim, PayerSequence.Final, new Adjudication("P", -a, -b, -c, -c, 0, 0, []), Day1, "22"),
                    Step.Refund when account.CreditCents > 0 => account.WithRefund(Math.Min(account.CreditCents, a + 1), Day1, "refund", "check"),
                    Step.Refund => account,
                    Step.WriteOff => account.WithWriteOff(WriteOffCodes.Administrative, Math.Min(a + 1, account.Claims.Sum(x => Math.Max(x.PatientBalanceCents, 0))), Day1, "w", [claim]),
                    Step.Place when account.Placement is not { Status: PlacementStatus.Placed } => account.WithPlacement("ACME", [claim], new DateOnly(2026, 8, 1), Day1, "place"),
                    Step.AgencyPayment when account.Placement is { OutstandingCents: > 0 } p => account.WithAgencyPayment(Math.Min(p.OutstandingCents, a + 1), c % (Math.Min(p.OutstandingCents, a + 1) + 1), Day1, "agency"),
                    Step.Recall when account.Placement is { Status: PlacementStatus.Placed } => account.WithRecall(new DateOnly(2026, 9, 1), Day1, "recall"),
                    Step.Place or Step.AgencyPayment or Step.Recall => account,
                    Step.Charity when account.Placement is not { Status: PlacementStatus.Placed } => account.WithCharity((int)(a % 101), Day1, "fa"),
                    Step.Charity => account,
                    _ => account.WithPatientPayment(a + 1, Day1, "pay", "cash", [claim]),
                };
            }

            var (statement, _) = Statement.For(account, "run", new DateOnly(2026, 4, 20), StatementPolicy.Default with { MinimumCents = 0 });
            var billed = statement?.Lines.Select(l => account.Claims.Single(c => c.ClaimId == l.ClaimId)).ToList() ?? [];
            return billed.All(c => c.InsurancePendingCents == 0 && c.PendingPatientResponsibilityCents == 0)
                && account.Ledger.Sum(e => e.InsuranceEffectCents) == account.InsurancePendingCents
                && account.Ledger.Sum(e => e.PatientEffectCents) == account.PatientBalanceCents
                && account.Claims.All(cl => cl.InsurancePendingCents == cl.InsuranceBalanceCents + cl.PendingPatientResponsibilityCents)
                && account.Claims.All(cl => cl.PatientBalanceCents == cl.PatientResponsibilityCents - cl.PatientPaidCents - cl.PatientWrittenOffCents)
                && account.Claims.All(cl => cl.PatientWrittenOffCents >= 0)
                && account.Claims.Sum(cl => cl.PatientWrittenOffCents) == -account.Ledger.Where(e => e.Kind == LedgerKinds.WriteOff).Sum(e => e.AmountCents)
                && account.UnappliedCents >= 0;
        }, iter: 2_000);
    }
}
