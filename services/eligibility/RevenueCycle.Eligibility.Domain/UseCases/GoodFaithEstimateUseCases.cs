using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.Ports;

namespace RevenueCycle.Eligibility.Domain.UseCases;

/// <summary>An item asked for: provider, code, description, diagnoses, quantity, and the charge when the provider knows it.</summary>
public sealed record GfeItemRequest(GfeProvider Provider, string ServiceCode, string Description, IReadOnlyList<string> DiagnosisCodes, uint Quantity, long? ExpectedChargeCents,
    bool SeparatelyScheduled);

/// <summary>Issues a Good Faith Estimate. Field paths in errors follow the <c>CreateGoodFaithEstimateRequest</c> contract.</summary>
public sealed record CreateGoodFaithEstimate(
    string PatientId,
    string PatientLastName,
    string PatientFirstName,
    DateOnly? PatientBirthDate,
    string PrimaryService,
    DateOnly? ScheduledDate,
    IReadOnlyList<GfeItemRequest> Items);

/// <summary>Good Faith Estimates for uninsured and self-pay patients, kept (the rule asks for six years) and retrievable by id.</summary>
public sealed class GoodFaithEstimateUseCases(IDocumentStore store, IFeeSchedule fees, TimeProvider clock)
{
    /// <summary>The disclaimers 45 CFR 149.610(c)(1)(vi)-(ix) requires, in plain words.</summary>
    public static readonly IReadOnlyList<string> Disclaimers =
    [
        "This Good Faith Estimate shows the costs of items and services that are reasonably expected for your health care needs. It is based on information known at the time it was created.",
        "It does not include unknown or unexpected costs that may arise during treatment. You could be charged more if complications or special circumstances occur. There may be additional items or services recommended as part of your care that must be scheduled or requested separately and are not reflected here.",
        "If you are billed for more than this Good Faith Estimate, you have the right to dispute the bill: if the billed charges are at least $400 more than this estimate for any provider or facility, you may start the patient-provider dispute resolution process with the U.S. Department of Health and Human Services within 120 calendar days of the date on the original bill. Keep a copy of this estimate (www.cms.gov/nosurprises, 1-800-985-3059).",
        "This Good Faith Estimate is not a contract and does not require you to obtain the items or services from any of the providers or facilities listed.",
        "Items marked 'scheduled separately' are expected from other providers; each of them will give you its own Good Faith Estimate on request.",
    ];

    private static string Key(string id) => $"gfe:{id}";

    public Task<GoodFaithEstimate> CreateAsync(string idempotencyKey, CreateGoodFaithEstimate command, CancellationToken cancellationToken)
    {
        Validate(idempotencyKey, command);
        return store.ExecuteAsync(idempotencyKey, DocumentStoreExtensions.Fingerprint(command), async changes =>
        {
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var items = await PriceAsync(command, command.ScheduledDate ?? today, cancellationToken);
            var (dueBy, timing) = Timing(today, command.ScheduledDate);
            var estimate = new GoodFaithEstimate("gfe_" + Guid.CreateVersion7().ToString("N"), command.PatientId.Trim(), command.PatientLastName.Trim(), command.PatientFirstName.Trim(),
                command.PatientBirthDate, command.PrimaryService.Trim(), command.ScheduledDate, items, items.Sum(i => i.ExpectedChargeCents), Disclaimers, now, dueBy, timing);
            changes.Put(Key(estimate.EstimateId), estimate, ChangeSet.New);
            return estimate;
        }, cancellationToken: cancellationToken);
    }

    public async Task<GoodFaithEstimate> GetAsync(string estimateId, CancellationToken cancellationToken)
    {
        new Validator().RequireText(estimateId, "estimate_id").ThrowIfInvalid();
        return (await store.GetAsync<GoodFaithEstimate>(Key(estimateId), cancellationToken))?.Value ?? throw new NotFoundException("Good Faith Estimate", estimateId);
    }

    /// <summary>
    /// When the estimate is due (45 CFR 149.610(b)(1)(vii)): scheduled 10 or more business days ahead, within 3 business days
    /// of scheduling; 3 to 9 ahead, within 1 business day; requested with nothing scheduled, within 3 business days of the
    /// request; fewer than 3 ahead, not required. Business days are weekdays (federal holidays are not counted out).
    /// </summary>
    public static (DateOnly? DueBy, string Timing) Timing(DateOnly today, DateOnly? scheduled)
    {
        if (scheduled is not { } date)
        {
            return (AddBusinessDays(today, 3), "requested: due within 3 business days of the request");
        }

        var ahead = BusinessDaysBetween(today, date);
        return ahead switch
        {
            >= 10 => (AddBusinessDays(today, 3), string.Create(CultureInfo.InvariantCulture, $"scheduled {ahead} business days ahead: due within 3 business days of scheduling")),
            >= 3 => (AddBusinessDays(today, 1), string.Create(CultureInfo.InvariantCulture, $"scheduled {ahead} business days ahead: due within 1 business day of scheduling")),
            _ => (null, string.Create(CultureInfo.InvariantCulture, $"scheduled {ahead} business days ahead: not required (given as a courtesy)")),
        };
    }

    private static DateOnly AddBusinessDays(DateOnly from, int days)
    {
        var date = from;
        while (days > 0)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days--;
            }
        }

        return date;
    }

    private static int BusinessDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            count += date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0 : 1;
        }

        return count;
    }

    /// <summary>The provider's charge when given; else the Medicare fee schedule baseline (payer "SELF-PAY" has no contract), said so.</summary>
    private async Task<IReadOnlyList<GfeItem>> PriceAsync(CreateGoodFaithEstimate command, DateOnly dateOfService, CancellationToken cancellationToken)
    {
        var unpriced = command.Items.Where(i => i.ExpectedChargeCents is null).ToList();
        var prices = unpriced.Count == 0 ? []
            : await fees.PriceAsync("SELF-PAY", unpriced.Select(i => new EstimateService(i.ServiceCode, [], i.Quantity, "11", null)).ToList(), dateOfService, cancellationToken);
        var v = new Validator();
        var items = new List<GfeItem>();
        var next = 0;
        for (var i = 0; i < command.Items.Count; i++)
        {
            var item = command.Items[i];
            var quantity = Math.Max(1, item.Quantity);
            if (item.ExpectedChargeCents is { } charge)
            {
                items.Add(new GfeItem(item.Provider, item.ServiceCode.Trim().ToUpperInvariant(), item.Description.Trim(), item.DiagnosisCodes, quantity, charge, "the provider's self-pay charge", item.SeparatelyScheduled));
                continue;
            }

            var price = prices[next++];
            if (price.AllowedCents is { } baseline)
            {
                items.Add(new GfeItem(item.Provider, item.ServiceCode.Trim().ToUpperInvariant(), item.Description.Trim(), item.DiagnosisCodes, quantity, baseline, price.Basis, item.SeparatelyScheduled));
            }
            else
            {
                v.Add($"items[{i}].expected_charge_cents", $"is needed: no fee schedule prices {item.ServiceCode.Trim()}");
            }
        }

        v.ThrowIfInvalid();
        return items;
    }

    private static void Validate(string idempotencyKey, CreateGoodFaithEstimate c)
    {
        var v = new Validator()
            .RequireText(idempotencyKey, "idempotency_key", 128)
            .RequireText(c.PatientLastName, "patient.name.last", 60)
            .RequireText(c.PatientFirstName, "patient.name.first", 35)
            .Require(c.PatientBirthDate.HasValue, "patient.date_of_birth", "is required on a Good Faith Estimate")
            .RequireText(c.PrimaryService, "primary_service", 200)
            .Require(c.Items.Count is > 0 and <= 200, "items", "must list 1 to 200 items or services");
        for (var i = 0; i < c.Items.Count; i++)
        {
            var item = c.Items[i];
            v.RequireText(item.Provider.Name, $"items[{i}].provider.name", 120)
                .Require(Npi.IsValid(item.Provider.Npi), $"items[{i}].provider.npi", "must be a valid 10-digit NPI")
                .Require(item.Provider.TaxId.Length == 9 && item.Provider.TaxId.All(char.IsAsciiDigit), $"items[{i}].provider.tax_id", "must be the 9-digit TIN")
                .RequireText(item.Provider.Location, $"items[{i}].provider.location", 120)
                .Require(item.ServiceCode.Trim().Length == 5 && item.ServiceCode.Trim().All(char.IsAsciiLetterOrDigit), $"items[{i}].service_code", "must be a 5-character CPT/HCPCS code")
                .RequireText(item.Description, $"items[{i}].description", 200)
                .Require(item.Quantity <= 9_999, $"items[{i}].quantity", "must be at most 9999")
                .Require(item.ExpectedChargeCents is null or >= 0 and <= Money.MaxCents, $"items[{i}].expected_charge_cents", Money.RangeMessage);
        }

        v.ThrowIfInvalid();
    }
}
