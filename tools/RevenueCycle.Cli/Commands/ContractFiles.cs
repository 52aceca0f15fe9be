using System.Text.Json;
using Google.Protobuf;
using RevenueCycle.Contracts.Scrubbing.V1;
using Proto = RevenueCycle.Contracts.Common.V1;

namespace RevenueCycle.Cli.Commands;

/// <summary>Files written in the contracts' JSON.</summary>
public static class ContractFiles
{
    /// <summary>One claim, a ScrubClaimRequest, a ScrubBatchRequest or an array of claims.</summary>
    public static List<Proto.Claim> ReadClaims(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path} does not exist");
        }

        var text = File.ReadAllText(path);
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                return root.EnumerateArray().Select(e => GatewayClient.Parser.Parse<Proto.Claim>(e.GetRawText())).ToList();
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("claims", out _))
            {
                return [.. GatewayClient.Parser.Parse<ScrubBatchRequest>(text).Claims];
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("claim", out _))
            {
                return [GatewayClient.Parser.Parse<ScrubClaimRequest>(text).Claim];
            }

            return [GatewayClient.Parser.Parse<Proto.Claim>(text)];
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}:{e.LineNumber + 1}: not valid JSON ({e.Message.Split(" Path:")[0]})");
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            throw new UsageException($"{path} does not hold claims in the contract's JSON: {e.Message}");
        }
    }
}
