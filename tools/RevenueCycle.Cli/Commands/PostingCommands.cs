using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using RevenueCycle.Contracts.Posting.V1;

namespace RevenueCycle.Cli.Commands;

public static class PostingCommands
{
    public static async Task<int> PostAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var remittance = ClaimsCommands.ReadJson<Remittance>(arguments.Positional(2, "the remittance file"));
        var response = await client.Posting.PostRemittanceAsync(new PostRemittanceRequest { Remittance = remittance }, GatewayClient.Deadline());
        await output.WriteLineAsync(GatewayClient.Json.Format(response));
        return 0;
    }

    /// <summary>Streams an 835 file to posting in 1 MiB chunks; prints what each transaction posted, or every finding and exit 1.</summary>
    public static async Task<int> ImportAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var path = arguments.Positional(2, "the 835 file");
        if (!File.Exists(path))
        {
            throw new UsageException($"{path} does not exist");
        }

        // Posting a large file takes a while after the last byte: the deadline grows with the file.
        var deadline = DateTime.UtcNow.AddSeconds(60 + new FileInfo(path).Length / 100_000);
        using var call = client.Posting.ImportRemittanceFile(new CallOptions(deadline: deadline));
        try
        {
            await using (var file = File.OpenRead(path))
            {
                var buffer = new byte[1 << 20];
                int read;
                while ((read = await file.ReadAsync(buffer)) > 0)
                {
                    await call.RequestStream.WriteAsync(new RemittanceFileChunk { Content = ByteString.CopyFrom(buffer, 0, read) });
                }
            }

            await call.RequestStream.CompleteAsync();
            await output.WriteLineAsync(GatewayClient.Json.Format(await call.ResponseAsync));
            return 0;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument && e.GetRpcStatus()?.GetDetail<BadRequest>() is { } findings)
        {
            await output.WriteLineAsync($"{path}: not imported, nothing posted ({findings.FieldViolations.Count} finding{(findings.FieldViolations.Count == 1 ? "" : "s")})");
            foreach (var finding in findings.FieldViolations)
            {
                await output.WriteLineAsync($"  {finding.Field}: {finding.Description}");
            }

            return 1;
        }
    }

    public static async Task<int> WorklistAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new ListDenialWorklistRequest { RootCause = arguments.Option("--owner") ?? "billing" };
        await output.WriteLineAsync(GatewayClient.Json.Format(await client.Posting.ListDenialWorklistAsync(request, GatewayClient.Deadline())));
        return 0;
    }

    public static async Task<int> DepositAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var trace = arguments.Positional(2, "the trace number");
        var amount = long.TryParse(arguments.Positional(3, "the amount in cents"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var cents)
            ? cents
            : throw new UsageException("the amount is whole cents, e.g. 81080");
        var date = DateOnly.TryParseExact(arguments.Option("--date") ?? DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "yyyy-MM-dd",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : throw new UsageException("--date is YYYY-MM-DD");
        var request = new RecordDepositRequest
        {
            BankReference = arguments.Option("--ref") ?? $"rcm-{trace}-{amount}-{date:yyyyMMdd}", TraceNumber = trace, PayerId = arguments.Option("--payer") ?? "", AmountCents = amount,
            DepositDate = new Google.Type.Date { Year = date.Year, Month = date.Month, Day = date.Day },
        };
        var deposit = await client.Posting.RecordDepositAsync(request, GatewayClient.Deadline());
        await output.WriteLineAsync(GatewayClient.Json.Format(deposit));
        return deposit.Status == ReconciliationStatus.Matched ? 0 : 1;
    }

    public static async Task<int> ReconciliationAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var status = arguments.Option("--status") ?? "awaiting-deposit";
        if (status == "awaiting-deposit")
        {
            await output.WriteLineAsync(GatewayClient.Json.Format(await client.Posting.ListRemittancesAwaitingDepositAsync(new ListRemittancesAwaitingDepositRequest(), GatewayClient.Deadline())));
            return 0;
        }

        var parsed = Enum.TryParse<ReconciliationStatus>(status.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var s) && s != ReconciliationStatus.Unspecified
            ? s
            : throw new UsageException("--status is matched, amount-differs, awaiting-remittance or awaiting-deposit");
        await output.WriteLineAsync(GatewayClient.Json.Format(await client.Posting.ListDepositsAsync(new ListDepositsRequest { Status = parsed }, GatewayClient.Deadline())));
        return 0;
    }

    public static async Task<int> ListProviderAdjustmentsAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new ListProviderAdjustmentsRequest { ReasonCode = arguments.Option("--reason") ?? "" };
        await output.WriteLineAsync(GatewayClient.Json.Format(await client.Posting.ListProviderAdjustmentsAsync(request, GatewayClient.Deadline())));
        return 0;
    }

    public static async Task<int> ListUnderpaymentsAsync(GatewayClient client, TextWriter output)
    {
        await output.WriteLineAsync(GatewayClient.Json.Format(await client.Posting.ListUnderpaymentsAsync(new ListUnderpaymentsRequest(), GatewayClient.Deadline())));
        return 0;
    }

    public static async Task<int> ListUnmatchedAsync(GatewayClient client, TextWriter output)
    {
        await output.WriteLineAsync(GatewayClient.Json.Format(await client.Posting.ListUnmatchedPaymentsAsync(new ListUnmatchedPaymentsRequest(), GatewayClient.Deadline())));
        return 0;
    }

    public static async Task<int> ListDenialsAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new ListDenialsRequest();
        if (arguments.Option("--category") is { } category)
        {
            request.Category = Enum.TryParse<DenialCategory>(category.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed)
                ? parsed
                : throw new UsageException($"unknown category '{category}' ({string.Join(", ", Enum.GetNames<DenialCategory>().Skip(1))})");
        }

        var response = await client.Posting.ListDenialsAsync(request, GatewayClient.Deadline());
        await output.WriteLineAsync(GatewayClient.Json.Format(response));
        return 0;
    }

    /// <summary><c>rcm denials resolve DENIAL_ID --as written-off|appealed|corrected|other [--note TEXT]</c>: close a denial; it leaves its worklist.</summary>
    public static async Task<int> ResolveDenialAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new ResolveDenialRequest
        {
            DenialId = arguments.Positional(2, "the denial id"), Resolution = arguments.Required("--as").ToUpperInvariant().Replace('-', '_'), Note = arguments.Option("--note") ?? "",
        };
        await output.WriteLineAsync(GatewayClient.Json.Format(await client.Posting.ResolveDenialAsync(request, GatewayClient.Deadline())));
        return 0;
    }
}
