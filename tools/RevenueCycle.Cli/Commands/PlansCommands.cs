using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Contracts.Collections.V1;
using Spectre.Console;

namespace RevenueCycle.Cli.Commands;

/// <summary><c>rcm plans create | show</c>: payment plans on an account's patient-due balance.</summary>
public static class PlansCommands
{
    /// <summary>
    /// <c>rcm plans create ACCOUNT (--installment CENTS | --count N) [--down CENTS] [--day 1-31] [--grace DAYS] [--key KEY] [--json]</c>.
    /// </summary>
    public static async Task<int> CreateAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new CreatePaymentPlanRequest
        {
            AccountId = arguments.Positional(2, "the account id"),
            DownPaymentCents = Number(arguments.Option("--down") ?? "0", "--down"),
            InstallmentCents = Number(arguments.Option("--installment") ?? "0", "--installment"),
            InstallmentCount = (int)Number(arguments.Option("--count") ?? "0", "--count"),
            DayOfMonth = (int)Number(arguments.Option("--day") ?? "1", "--day"),
            GraceDays = (int)Number(arguments.Option("--grace") ?? "10", "--grace"),
        };
        request.IdempotencyKey = arguments.Option("--key")
            ?? $"rcm-plan-{request.AccountId}-{request.DownPaymentCents}-{request.InstallmentCents}-{request.InstallmentCount}-{request.DayOfMonth}-{request.GraceDays}";
        return await WriteAsync(output, arguments, await client.Collections.CreatePaymentPlanAsync(request, GatewayClient.Deadline()));
    }

    /// <summary><c>rcm plans show ACCOUNT [--json]</c>: the schedule, what has been paid, and whether the plan is in good standing.</summary>
    public static async Task<int> ShowAsync(GatewayClient client, Arguments arguments, TextWriter output) =>
        await WriteAsync(output, arguments, await client.Collections.GetPaymentPlanAsync(new GetPaymentPlanRequest { AccountId = arguments.Positional(2, "the account id") }, GatewayClient.Deadline()));

    /// <summary><c>rcm plans add ACCOUNT [--json]</c>: the balance of visits since the plan was made joins it; the installments not yet due carry it.</summary>
    public static async Task<int> AddAsync(GatewayClient client, Arguments arguments, TextWriter output) =>
        await WriteAsync(output, arguments, await client.Collections.AddChargesToPlanAsync(new AddChargesToPlanRequest { AccountId = arguments.Positional(2, "the account id") }, GatewayClient.Deadline()));

    private static async Task<int> WriteAsync(TextWriter output, Arguments arguments, PaymentPlan plan)
    {
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(plan));
            return 0;
        }

        var console = EligibilityView.Console(output);
        console.MarkupLine($"[bold]Payment plan {Markup.Escape(plan.PlanId)}[/] on {Markup.Escape(plan.AccountId)}: {Markup.Escape(plan.Status)}");
        console.WriteLine($"Total {Money.Format(plan.TotalCents)}, down payment {Money.Format(plan.DownPaymentCents)}, paid {Money.Format(plan.PaidCents)}, " +
            $"due by today {Money.Format(plan.DueByTodayCents)}, {plan.GraceDays.ToString(CultureInfo.InvariantCulture)} days of grace");
        var table = new Table().Border(TableBorder.Rounded).AddColumns("#", "Due", "Amount");
        var n = 0;
        foreach (var i in plan.Installments)
        {
            table.AddRow((++n).ToString(CultureInfo.InvariantCulture), EligibilityView.Date(i.DueOn), Money.Format(i.AmountCents));
        }

        console.Write(table);
        return 0;
    }

    private static long Number(string text, string option) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        ? n
        : throw new UsageException($"{option} must be a whole number");
}
