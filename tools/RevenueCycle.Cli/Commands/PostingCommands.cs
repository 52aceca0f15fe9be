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
}
