using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Collections.Domain.Assistance;
using RevenueCycle.Collections.Domain.Model;

namespace RevenueCycle.Collections.Domain.UseCases;

/// <summary>What a placement run did: the accounts placed (and the balance each), and the accounts passed over by reason.</summary>
public sealed record PlacementRun(string AgencyId, DateOnly On, IReadOnlyList<(string AccountId, long PlacedCents)> Placed, IReadOnlyDictionary<string, int> Skipped);

/// <summary>
/// Working an account's patient balance: write-offs, financial assistance, the guarantor's mailing address, agency
/// placement (refused before the cadence and IRS 501(r) allow it), agency payments and recalls, and new charges
/// added to a payment plan. Every change is one commit on the account document; a retried request changes nothing twice.
/// </summary>
public sealed class CollectionUseCases(IDocumentStore store, AccountUseCases accounts, DunningPolicy dunning, FinancialAssistance assistance, TimeProvider clock)
{
    /// <summary>Accounts placed with an agency on a day: what that day's placement file lists.</summary>
    public static string PlacementsIndex(DateOnly day) => $"placements:{day:yyyyMMdd}";

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Writes off up to the patient's open balance under a manual code (small balance, administrative, charity), the claims
    /// named first; or, as a final denial, a denied claim's open insurance balance.
    /// </summary>
    public Task<Versioned<Account>> WriteOffAsync(string accountId, string idempotencyKey, string code, long amountCents, IReadOnlyList<string> claimIds, CancellationToken cancellationToken)
    {
        new Validator()
            .RequireText(accountId, "account_id", 64)
            .RequireText(idempotencyKey, "idempotency_key", 128)
            .Require(WriteOffCodes.Manual.Contains(code), "code", $"must be one of {string.Join(", ", WriteOffCodes.Manual)} (bad debt comes with agency placement)")
            .Require(Money.IsPositive(amountCents), "amount_cents", Money.PositiveMessage)
            .ThrowIfInvalid();
        return Change(accountId, idempotencyKey, new { accountId, code, amountCents, claimIds }, (account, validator) =>
        {
            RequireClaims(validator, account, claimIds);
            if (code == WriteOffCodes.FinalDenial)
            {
                // The payer side of one claim: what the payer neither paid, adjusted nor left to the patient.
                validator.Require(claimIds.Count == 1, "claim_ids", "name the one denied claim a final denial writes off");
                var claim = claimIds.Count == 1 ? account.Claims.FirstOrDefault(c => c.ClaimId == claimIds[0]) : null;
                validator.Require(claim is null || claim.AdjudicatedAt is not null, "claim_ids[0]", "has no answer from the payer yet: a denial is written off once the payer has denied it");
                var insurance = claim?.InsuranceBalanceCents ?? 0;
                validator.Require(amountCents <= insurance, "amount_cents", $"is more than the claim's open insurance balance ({Money.Format(insurance)})");
                return validator.IsValid ? account.WithFinalDenialWriteOff(claimIds[0], amountCents, clock.GetUtcNow(), $"write-off:{code}:{idempotencyKey}") : account;
            }

            var open = account.Claims.Sum(c => Math.Max(c.PatientBalanceCents, 0));
            validator.Require(amountCents <= open, "amount_cents", $"is more than the patient owes ({Money.Format(open)})");
            return Replanned(account, account.WithWriteOff(code, amountCents, clock.GetUtcNow(), $"write-off:{code}:{idempotencyKey}", claimIds));
        }, cancellationToken);
    }

    /// <summary>Where a household falls on the policy's sliding scale; records nothing.</summary>
    public AssistanceScreening Screen(int householdSize, long annualIncomeCents)
    {
        ValidateHousehold(householdSize, annualIncomeCents).ThrowIfInvalid();
        return assistance.Screen(householdSize, annualIncomeCents);
    }

    /// <summary>
    /// Decides a financial-assistance application: the discount the household earns is written off as charity from each
    /// open patient balance, the decision is kept on the account, and a financial-assistance hold is released.
    /// </summary>
    public Task<Versioned<Account>> DecideAssistanceAsync(string accountId, string idempotencyKey, int householdSize, long annualIncomeCents, CancellationToken cancellationToken)
    {
        ValidateHousehold(householdSize, annualIncomeCents).RequireText(accountId, "account_id", 64).RequireText(idempotencyKey, "idempotency_key", 128).ThrowIfInvalid();
        return Change(accountId, idempotencyKey, new { accountId, householdSize, annualIncomeCents, assistance = true }, (account, _) =>
        {
            if (account.Placement is { Status: PlacementStatus.Placed } placed)
            {
                throw new PreconditionFailedException($"Account '{accountId}' is with agency {placed.AgencyId}: recall it first, so the discount reaches what the agency works.");
            }

            var screening = assistance.Screen(householdSize, annualIncomeCents);
            var updated = Replanned(account, account.WithCharity(screening.DiscountPercent, clock.GetUtcNow(), $"assistance:{idempotencyKey}"));
            var written = -updated.Ledger.Skip(account.Ledger.Count).Sum(e => e.AmountCents);
            return updated with
            {
                Assistance = new AssistanceDetermination(Today, householdSize, annualIncomeCents, screening.GuidelineYear, screening.PercentOfPoverty, screening.DiscountPercent,
                    Today.AddDays(assistance.Policy.ValidDays), written),
                Hold = updated.Hold?.Reason == "FINANCIAL_ASSISTANCE" ? null : updated.Hold,
            };
        }, cancellationToken);
    }

    private static Validator ValidateHousehold(int householdSize, long annualIncomeCents) => new Validator()
        .Require(householdSize is >= 1 and <= 30, "household_size", "must be 1 to 30")
        .Require(annualIncomeCents is >= 0 and <= Money.MaxCents, "annual_income_cents", "must be 0 to 1000000000000");

    /// <summary>Sets where the guarantor's statements and letters go; a mail-house file leaves out accounts without one.</summary>
    public Task<Versioned<Account>> SetGuarantorAsync(string accountId, Guarantor guarantor, CancellationToken cancellationToken)
    {
        var a = guarantor.Address;
        new Validator()
            .RequireText(accountId, "account_id", 64)
            .RequireText(guarantor.Name, "name", 80)
            .RequireText(a.Line1, "address.line1", 55)
            .Require(a.Line2.Length <= 55, "address.line2", "is longer than 55 characters")
            .RequireText(a.City, "address.city", 30)
            .Require(a.State.Length == 2 && a.State.All(char.IsAsciiLetterUpper), "address.state", "must be a two-letter state code, e.g. TX")
            .Require(a.PostalCode.Length is 5 or 9 && a.PostalCode.All(char.IsAsciiDigit), "address.postal_code", "must be 5 or 9 digits")
            .Require(a.Country is "" or "US", "address.country", "must be US (or empty): statements go by US mail")
            .Require(!new[] { guarantor.Name, a.Line1, a.Line2, a.City }.Any(v => v.IndexOfAny([',', '"', '\n', '\r', '~', '*']) >= 0), "name",
                "name and address lines may not hold commas, quotes, line breaks, ~ or *")
            .ThrowIfInvalid();
        return Change(accountId, null, null, (account, _) => account with { Guarantor = guarantor }, cancellationToken);
    }

    /// <summary>
    /// Places the account's claims the cadence and IRS 501(r) allow with an agency (their balance written off to bad
    /// debt); when none may be placed, refuses and says why, claim by claim, and changes nothing.
    /// </summary>
    public Task<Versioned<Account>> PlaceAsync(string accountId, string agencyId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(accountId, "account_id", 64).RequireText(agencyId, "agency_id", 32).ThrowIfInvalid();
        return store.ExecuteAsync(null, "", async changes =>
        {
            var current = await accounts.GetAsync(accountId, cancellationToken);
            var (claims, refusals) = dunning.Placeable(current.Value, Today);
            if (claims.Count == 0)
            {
                throw new PreconditionFailedException($"Account '{accountId}' cannot be placed with an agency: {string.Join("; ", refusals)}.");
            }

            var updated = current.Value.WithPlacement(agencyId, claims, Today, clock.GetUtcNow(), $"placement:{agencyId}:{Today:yyyyMMdd}");
            accounts.Put(changes, updated, current.Version).Index(PlacementsIndex(Today), accountId, 0);
            return new Versioned<Account>(updated, current.Version + 1);
        }, retryOnConflict: true, cancellationToken);
    }

    /// <summary>Places every account whose claims may go to the agency today; the others are counted by why not.</summary>
    public async Task<PlacementRun> PlaceReadyAsync(string agencyId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(agencyId, "agency_id", 32).ThrowIfInvalid();
        var placed = new List<(string, long)>();
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal); // placing moves an account to the end of the index it is read from
        await foreach (var page in AccountUseCases.PagesAsync(store, cancellationToken))
        {
            foreach (var account in page.Select(p => p.Value).Where(a => seen.Add(a.AccountId)))
            {
                var (claims, refusals) = dunning.Placeable(account, Today);
                if (claims.Count == 0)
                {
                    // Counted by the rule, without claim ids or dates.
                    var why = refusals.Count == 0 ? "nothing to place" : refusals[0].Rule;
                    skipped[why] = skipped.GetValueOrDefault(why) + 1;
                    continue;
                }

                try
                {
                    var result = await PlaceAsync(account.AccountId, agencyId, cancellationToken);
                    placed.Add((account.AccountId, result.Value.Placement!.PlacedCents));
                }
                catch (PreconditionFailedException)
                {
                    skipped["changed during the run"] = skipped.GetValueOrDefault("changed during the run") + 1;
                }
            }
        }

        return new PlacementRun(agencyId, Today, placed, skipped);
    }

    /// <summary>Takes the account back from its agency: what the agency had not collected returns to the patient balance.</summary>
    public Task<Versioned<Account>> RecallAsync(string accountId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(accountId, "account_id", 64).ThrowIfInvalid();
        return Change(accountId, null, null, (account, _) =>
            account.Placement is { Status: PlacementStatus.Placed }
                ? account.WithRecall(Today, clock.GetUtcNow(), $"recall:{Today:yyyyMMdd}")
                : throw new PreconditionFailedException($"Account '{accountId}' is not placed with an agency."), cancellationToken);
    }

    /// <summary>Posts what the agency collected and the fee it kept; more than the agency is working, or a fee over the payment, is refused.</summary>
    public Task<Versioned<Account>> RecordAgencyPaymentAsync(string accountId, string idempotencyKey, long amountCents, long feeCents, CancellationToken cancellationToken)
    {
        new Validator()
            .RequireText(accountId, "account_id", 64)
            .RequireText(idempotencyKey, "idempotency_key", 128)
            .Require(Money.IsPositive(amountCents), "amount_cents", Money.PositiveMessage)
            .Require(feeCents >= 0 && feeCents <= amountCents, "fee_cents", "must be 0 to the amount collected")
            .ThrowIfInvalid();
        return Change(accountId, idempotencyKey, new { accountId, amountCents, feeCents, agency = true }, (account, validator) =>
        {
            var outstanding = account.Placement?.OutstandingCents ?? 0;
            validator.Require(account.Placement is { Status: PlacementStatus.Placed }, "account_id", "is not placed with an agency")
                .Require(amountCents <= outstanding, "amount_cents", $"is more than the agency is working on this account ({Money.Format(outstanding)})");
            return account.WithAgencyPayment(amountCents, feeCents, clock.GetUtcNow(), $"agency-payment:{idempotencyKey}");
        }, cancellationToken);
    }

    /// <summary>The accounts placed on a day, for the agency's placement file.</summary>
    public async Task<IReadOnlyList<Account>> PlacedOnAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var placed = new List<Account>();
        await foreach (var page in AccountUseCases.PagesAsync(store, cancellationToken, PlacementsIndex(day)))
        {
            placed.AddRange(page.Select(a => a.Value));
        }

        return placed;
    }

    /// <summary>
    /// Adds what the patient came to owe since the plan was made (a new visit) to the active plan: the installments
    /// not yet due are recomputed to carry it, the last absorbing the rounding.
    /// </summary>
    public Task<Versioned<Account>> AddChargesToPlanAsync(string accountId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(accountId, "account_id", 64).ThrowIfInvalid();
        return Change(accountId, null, null, (account, validator) =>
        {
            var plan = account.Plan;
            if (plan is null || plan.StatusOn(Today) != PlanStatus.Active)
            {
                throw new PreconditionFailedException($"Account '{accountId}' has no payment plan in good standing to add charges to.");
            }

            var added = account.PatientBalanceCents - (plan.TotalCents - plan.PaidCents);
            validator.Require(added > 0, "account_id", "has no new patient balance since the plan was made");
            return validator.IsValid ? account with { Plan = plan.WithAdded(added, Today) } : account;
        }, cancellationToken);
    }

    /// <summary>A plan in good standing pays less when the balance it pays was written down, so keeping to it never defaults it.</summary>
    private Account Replanned(Account before, Account after) =>
        after.Plan is { } plan && plan.StatusOn(Today) == PlanStatus.Active && before.PatientBalanceCents > after.PatientBalanceCents
            ? after with { Plan = plan.WithReduced(before.PatientBalanceCents - after.PatientBalanceCents, Today) }
            : after;

    private static void RequireClaims(Validator validator, Account account, IReadOnlyList<string> claimIds)
    {
        for (var i = 0; i < claimIds.Count; i++)
        {
            validator.Require(account.Claims.Any(c => c.ClaimId == claimIds[i]), $"claim_ids[{i}]", "is not a claim on this account");
        }
    }

    private Task<Versioned<Account>> Change(string accountId, string? idempotencyKey, object? request, Func<Account, Validator, Account> change,
        CancellationToken cancellationToken) => accounts.ChangeAsync(accountId, idempotencyKey, request, change, cancellationToken);
}
