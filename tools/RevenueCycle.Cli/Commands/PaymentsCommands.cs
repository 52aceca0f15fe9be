using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Contracts.Collections.V1;

namespace RevenueCycle.Cli.Commands;

/// <summary><c>rcm payments record | refund</c>: patient money in and out of an account, each exactly once per key.</summary>
public static class PaymentsCommands
{
    /// <summary>
    /// <c>rcm payments record ACCOUNT AMOUNT_CENTS --method cash|check|card|ach [--reference REF] [--claim ID]... [--open] [--key KEY] [--json]</c>:
    /// the default key is derived from the arguments, so the same command run twice records one payment.
    /// </summary>
    public static async Task<int> RecordAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var (account, amount, method) = (arguments.Positional(2, "the account id"), Cents(arguments.Positional(3, "the amount in cents")), arguments.Required("--method"));
        var request = new RecordPatientPaymentRequest
        {
            AccountId = account, AmountCents = amount, Method = method, Reference = arguments.Option("--reference") ?? "", OpenAccount = arguments.Option("--open") is not null,
        };
        request.ClaimIds.AddRange(arguments.Options("--claim"));
        request.IdempotencyKey = arguments.Option("--key") ?? $"rcm-payment-{account}-{amount}-{method}-{request.Reference}-{string.Join(",", request.ClaimIds)}";
        var updated = await client.Collections.RecordPatientPaymentAsync(request, GatewayClient.Deadline());
        return await WriteAsync(output, arguments, updated, $"Recorded {Money.Format(amount)} ({method}) on {account}");
    }

    /// <summary><c>rcm payments refund ACCOUNT AMOUNT_CENTS --method check|card|ach|cash [--key KEY] [--json]</c>: out of the account's credit.</summary>
    public static async Task<int> RefundAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var (account, amount, method) = (arguments.Positional(2, "the account id"), Cents(arguments.Positional(3, "the amount in cents")), arguments.Required("--method"));
        var request = new RefundPatientCreditRequest
        {
            AccountId = account, AmountCents = amount, Method = method, IdempotencyKey = arguments.Option("--key") ?? $"rcm-refund-{account}-{amount}-{method}",
        };
        var updated = await client.Collections.RefundPatientCreditAsync(request, GatewayClient.Deadline());
        return await WriteAsync(output, arguments, updated, $"Refunded {Money.Format(amount)} ({method}) from {account}");
    }

    internal static async Task<int> WriteAsync(TextWriter output, Arguments arguments, Account account, string done)
    {
        if (arguments.Option("--json") is not null)
        {
            await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(account));
            return 0;
        }

        await output.WriteLineAsync($"{done}. Patient due {Money.Format(account.PatientBalanceCents)}, credit {Money.Format(account.CreditCents)}, insurance pending {Money.Format(account.InsurancePendingCents)}.");
        return 0;
    }

    internal static long Cents(string text) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var cents)
        ? cents
        : throw new UsageException($"'{text}' is not an amount in cents (e.g. 2500 for $25.00)");
}
