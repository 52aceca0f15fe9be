using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Contracts.Collections.V1;
using Spectre.Console;

namespace RevenueCycle.Cli.Commands;

/// <summary>
/// <c>rcm accounts writeoff | guarantor</c>, <c>rcm assistance screen | decide</c>, <c>rcm agency place | recall | payment | file</c>
/// and <c>rcm statements export</c>: working a patient balance after the statements.
/// </summary>
public static class CollectionCommands
{
    /// <summary><c>rcm accounts writeoff ACCOUNT CENTS --code small-balance|administrative|charity|final-denial [--claim ID]... [--key KEY] [--json]</c>.</summary>
    public static async Task<int> WriteOffAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var (account, amount) = (arguments.Positional(2, "the account id"), PaymentsCommands.Cents(arguments.Positional(3, "the amount in cents")));
        var request = new WriteOffRequest { AccountId = account, AmountCents = amount, Code = Code(arguments.Required("--code")) };
        request.ClaimIds.AddRange(arguments.Options("--claim"));
        request.IdempotencyKey = Key(arguments, "writeoff");
        var updated = await client.Collections.WriteOffAsync(request, GatewayClient.Deadline());
        return await PaymentsCommands.WriteAsync(output, arguments, updated, $"Wrote off {Money.Format(amount)} ({request.Code.ToLowerInvariant()}) on {account}");
    }

    /// <summary><c>rcm accounts guarantor ACCOUNT --name NAME --line1 TEXT [--line2 TEXT] --city CITY --state ST --zip ZIP</c>: where statements are mailed.</summary>
    public static async Task<int> GuarantorAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new SetGuarantorRequest
        {
            AccountId = arguments.Positional(2, "the account id"),
            Guarantor = new Guarantor
            {
                Name = arguments.Required("--name"),
                Address = new Contracts.Common.V1.Address
                {
                    Line1 = arguments.Required("--line1"), Line2 = arguments.Option("--line2") ?? "", City = arguments.Required("--city"),
                    State = arguments.Required("--state").ToUpperInvariant(), PostalCode = arguments.Required("--zip").Replace("-", "", StringComparison.Ordinal),
                },
            },
        };
        var updated = await client.Collections.SetGuarantorAsync(request, GatewayClient.Deadline());
        await output.WriteLineAsync($"{updated.AccountId}: statements are mailed to {updated.Guarantor.Name}, {updated.Guarantor.Address.City} {updated.Guarantor.Address.State}.");
        return 0;
    }

    /// <summary><c>rcm assistance screen --household N --income CENTS [--json]</c>: the sliding scale's answer for a household; records nothing.</summary>
    public static async Task<int> ScreenAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new ScreenFinancialAssistanceRequest { HouseholdSize = Household(arguments), AnnualIncomeCents = PaymentsCommands.Cents(arguments.Required("--income")) };
        var screening = await client.Collections.ScreenFinancialAssistanceAsync(request, GatewayClient.Deadline());
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(screening));
            return 0;
        }

        await output.WriteLineAsync($"Household of {request.HouseholdSize}, income {Money.Format(request.AnnualIncomeCents)}: {screening.PercentOfPoverty}% of the {screening.GuidelineYear} " +
            $"HHS poverty guideline ({Money.Format(screening.GuidelineCents)}, {screening.Region}); discount {screening.DiscountPercent}%.");
        return 0;
    }

    /// <summary><c>rcm assistance decide ACCOUNT --household N --income CENTS [--key KEY] [--json]</c>: the discount written off as charity.</summary>
    public static async Task<int> DecideAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new DecideFinancialAssistanceRequest
        {
            AccountId = arguments.Positional(2, "the account id"), HouseholdSize = Household(arguments), AnnualIncomeCents = PaymentsCommands.Cents(arguments.Required("--income")),
        };
        request.IdempotencyKey = Key(arguments, "assistance");
        var updated = await client.Collections.DecideFinancialAssistanceAsync(request, GatewayClient.Deadline());
        var d = updated.Assistance;
        return await PaymentsCommands.WriteAsync(output, arguments, updated,
            $"{updated.AccountId}: {d.PercentOfPoverty}% of poverty, {d.DiscountPercent}% discount, {Money.Format(d.WrittenOffCents)} written off as charity, valid through {EligibilityView.Date(d.ValidThrough)}");
    }

    /// <summary><c>rcm agency place ACCOUNT --agency ID</c> or <c>rcm agency place --ready --agency ID</c>: refused, with why, before the cadence and 501(r) allow it.</summary>
    public static async Task<int> PlaceAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var agency = arguments.Required("--agency");
        if (arguments.Option("--ready") is not null)
        {
            var run = await client.Collections.PlaceReadyAccountsAsync(new PlaceReadyAccountsRequest { AgencyId = agency }, GatewayClient.Deadline());
            if (arguments.Option("--json") is not null)
            {
                await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(run));
                return 0;
            }

            await output.WriteLineAsync($"Placed {run.Placed.Count} account{(run.Placed.Count == 1 ? "" : "s")} with {agency} for {Money.Format(run.Placed.Sum(p => p.PlacedCents))} " +
                $"(file: rcm agency file --date {EligibilityView.Date(run.PlacedOn)} --out FILE)");
            foreach (var (reason, count) in run.Skipped.OrderByDescending(s => s.Value))
            {
                await output.WriteLineAsync($"  passed over {count.ToString(CultureInfo.InvariantCulture)}: {reason}");
            }

            return 0;
        }

        var updated = await client.Collections.PlaceWithAgencyAsync(new PlaceWithAgencyRequest { AccountId = arguments.Positional(2, "the account id"), AgencyId = agency }, GatewayClient.Deadline());
        return await PaymentsCommands.WriteAsync(output, arguments, updated,
            $"{updated.AccountId}: placed with {agency}, {Money.Format(updated.Placement.PlacedCents)} written off to bad debt (claims {string.Join(", ", updated.Placement.ClaimIds)})");
    }

    /// <summary><c>rcm agency recall ACCOUNT</c>.</summary>
    public static async Task<int> RecallAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var updated = await client.Collections.RecallFromAgencyAsync(new RecallFromAgencyRequest { AccountId = arguments.Positional(2, "the account id") }, GatewayClient.Deadline());
        return await PaymentsCommands.WriteAsync(output, arguments, updated, $"{updated.AccountId}: recalled from {updated.Placement.AgencyId}");
    }

    /// <summary><c>rcm agency payment ACCOUNT CENTS --fee CENTS [--key KEY]</c>: what the agency collected and kept.</summary>
    public static async Task<int> PaymentAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new RecordAgencyPaymentRequest
        {
            AccountId = arguments.Positional(2, "the account id"), AmountCents = PaymentsCommands.Cents(arguments.Positional(3, "the amount in cents")),
            FeeCents = PaymentsCommands.Cents(arguments.Option("--fee") ?? "0"),
        };
        request.IdempotencyKey = Key(arguments, "agency-payment");
        var updated = await client.Collections.RecordAgencyPaymentAsync(request, GatewayClient.Deadline());
        return await PaymentsCommands.WriteAsync(output, arguments, updated,
            $"{updated.AccountId}: agency collected {Money.Format(request.AmountCents)} (fee {Money.Format(request.FeeCents)}); recovered so far {Money.Format(updated.Placement.RecoveredCents)}");
    }

    /// <summary><c>rcm agency file --date YYYY-MM-DD --out FILE</c>: the placement file of a day.</summary>
    public static async Task<int> PlacementFileAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var file = await client.Collections.GetPlacementFileAsync(new GetPlacementFileRequest { PlacedOn = arguments.Required("--date") }, GatewayClient.Deadline());
        return await SaveAsync(file, arguments.Required("--out"), output);
    }

    /// <summary><c>rcm statements export RUN_ID --out FILE</c>: the run's mail-house file; statements without a mailing address are listed.</summary>
    public static async Task<int> MailHouseFileAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var file = await client.Collections.GetMailHouseFileAsync(new GetMailHouseFileRequest { RunId = arguments.Positional(2, "the statement run id") }, GatewayClient.Deadline());
        return await SaveAsync(file, arguments.Required("--out"), output);
    }

    /// <summary>The dunning history, placement and assistance lines of <c>rcm accounts show</c>.</summary>
    public static void Describe(IAnsiConsole console, Account account)
    {
        if (account.Dunning.Count > 0)
        {
            console.MarkupLine("Dunning: " + Markup.Escape(string.Join(", ", account.Dunning.Select(d => $"{d.Step.ToLowerInvariant().Replace('_', ' ')} {EligibilityView.Date(d.On)}"))));
        }

        if (account.NextLetter.Length > 0)
        {
            console.MarkupLine($"Next letter: {Markup.Escape(account.NextLetter.ToLowerInvariant().Replace('_', ' '))} on {EligibilityView.Date(account.NextLetterOn)}");
        }

        if (account.Placement is { } p)
        {
            console.MarkupLine($"Agency {Markup.Escape(p.AgencyId)}: {p.Status.ToLowerInvariant()} {EligibilityView.Date(p.PlacedOn)}, placed {Money.Format(p.PlacedCents)}, " +
                $"recovered {Money.Format(p.RecoveredCents)}, fees {Money.Format(p.FeeCents)}, outstanding {Money.Format(p.OutstandingCents)}");
        }

        if (account.Assistance is { } a)
        {
            console.MarkupLine($"Financial assistance {EligibilityView.Date(a.DecidedOn)}: {a.PercentOfPoverty}% of poverty, {a.DiscountPercent}% discount, " +
                $"{Money.Format(a.WrittenOffCents)} written off, valid through {EligibilityView.Date(a.ValidThrough)}");
        }
    }

    private static async Task<int> SaveAsync(ExportFile file, string path, TextWriter output)
    {
        await File.WriteAllBytesAsync(path, file.Content.ToByteArray());
        var rows = file.Content.ToStringUtf8().Count(c => c == '\n') - 1;
        await output.WriteLineAsync($"{path}: {rows.ToString(CultureInfo.InvariantCulture)} row{(rows == 1 ? "" : "s")} ({file.FileName})");
        foreach (var left in file.LeftOut)
        {
            await output.WriteLineAsync($"  left out (no mailing address): {left}");
        }

        return 0;
    }

    /// <summary>
    /// The request's idempotency key: --key when given (run the same command with the same key to retry safely), else a
    /// new one, since two equal write-offs or agency remittances in a month are two real events, not a retry.
    /// </summary>
    private static string Key(Arguments arguments, string what) => arguments.Option("--key") ?? $"rcm-{what}-{Guid.CreateVersion7():N}";

    private static string Code(string text) => text.ToUpperInvariant().Replace('-', '_');

    private static int Household(Arguments arguments) =>
        int.TryParse(arguments.Required("--household"), CultureInfo.InvariantCulture, out var n) ? n : throw new UsageException("--household must be a number of persons");
}
