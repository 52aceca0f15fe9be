using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Scrubbing.V1;
using RevenueCycle.ReferenceData.Catalog;
using RevenueCycle.ReferenceData.Demo;
using RevenueCycle.ReferenceData.Io;
using RevenueCycle.Scrubbing.Domain.PayerRules;
using RevenueCycle.Scrubbing.Domain.Rules;
using Proto = RevenueCycle.Contracts.Common.V1;

namespace RevenueCycle.Cli.Commands;

public static class ScrubCommands
{
    /// <summary>
    /// <c>rcm scrub FILE.json [--refdata DIR] [--payer-rules FILE] [--today YYYY-MM-DD] [--online [--record]]</c>: scrubs the
    /// claims in the file offline (the demo pack and demo payer rules without <c>--refdata</c>); with <c>--online</c> the
    /// scrubbing service checks them (ValidateClaim: nothing recorded or counted, <c>--today</c> honoured), and with
    /// <c>--record</c> too it scrubs them for real (ScrubBatch: recorded, counted in the clean-claim rate, judged today).
    /// The file holds one claim, <c>{"claim": ...}</c>, <c>{"claims": [...]}</c> or an array of claims, in the
    /// contract's JSON. Exit 1 when any claim is not clean.
    /// </summary>
    public static async Task<int> ScrubAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var file = arguments.Positional(1, "the claim file");
        var claims = ContractFiles.ReadClaims(file);
        var results = arguments.Option("--online") is null ? Offline(claims, arguments)
            : arguments.Option("--record") is not null ? await RecordedAsync(client, claims, arguments)
            : await ValidatedAsync(client, claims, arguments);

        var summary = new JsonWriterBuffer();
        summary.Write(results, claims.Count);
        await output.WriteLineAsync(summary.ToString());
        return results.All(r => r.Clean) ? 0 : 1;
    }

    /// <summary><c>rcm scrub rules</c> / <c>rcm scrub reload</c> / <c>rcm scrub rate</c>: the scrubber's tables and rate, through the gateway.</summary>
    public static async Task<int> AdminAsync(GatewayClient client, string what, TextWriter output)
    {
        IMessage response = what switch
        {
            "rules" => await client.Scrubbing.ListRuleSetsAsync(new ListRuleSetsRequest(), GatewayClient.Deadline()),
            "reload" => await client.Scrubbing.ReloadRuleSetsAsync(new ReloadRuleSetsRequest(), GatewayClient.Deadline()),
            _ => await client.Scrubbing.GetCleanClaimRateAsync(new GetCleanClaimRateRequest(), GatewayClient.Deadline()),
        };
        await output.WriteLineAsync(GatewayClient.Json.Format(response));
        return 0;
    }

    private static List<ScrubResult> Offline(IReadOnlyList<Proto.Claim> claims, Arguments arguments)
    {
        ScrubContext context;
        try
        {
            var reference = arguments.Option("--refdata") is { } refdata ? ReferenceDirectoryLoader.Load(refdata, ReferenceParts.All) : DemoPack.Load(TimeProvider.System);
            var rules = arguments.Option("--payer-rules") is { } path ? PayerRuleReader.Read(path)
                : arguments.Option("--refdata") is null ? DemoPayerRules.Load() : PayerRuleSet.Empty;
            context = new ScrubContext(reference, rules, Today(arguments));
        }
        catch (ReferenceDataException e)
        {
            throw new UsageException($"reference data refused: {e.Message}");
        }

        var results = new List<ScrubResult>(claims.Count);
        for (var i = 0; i < claims.Count; i++)
        {
            var v = new Validator();
            var claim = claims[i].ToDomain(v, $"claims[{i}]");
            var result = new ScrubResult { ClaimId = claims[i].ClaimId, Sequence = (uint)i };
            if (!v.IsValid)
            {
                result.RulesVersion = "request validation";
                result.Findings.AddRange(v.Violations.Select(f => new Proto.Finding
                {
                    RuleId = "CLM-MALFORMED", Severity = Proto.Severity.Reject, Owner = Proto.Owner.Billing, Field = f.Field,
                    Message = $"The claim could not be read: {f.Field} {f.Description}.", Source = "RevenueCycle claim contract", Fix = "Correct the field.",
                }));
            }
            else
            {
                result.Findings.AddRange(ClaimScrubber.Scrub(claim, context).Select(f => f.ToProto()));
                result.RulesVersion = ClaimScrubber.RulesVersion(claim, context);
                result.Clean = result.Findings.All(f => f.Severity != Proto.Severity.Reject);
            }

            results.Add(result);
        }

        return results;
    }

    /// <summary>Checked by the scrubbing service, as of <c>--today</c>: nothing recorded, the clean-claim rate untouched.</summary>
    private static async Task<List<ScrubResult>> ValidatedAsync(GatewayClient client, IReadOnlyList<Proto.Claim> claims, Arguments arguments)
    {
        var today = Today(arguments);
        var results = new List<ScrubResult>();
        for (var i = 0; i < claims.Count; i++)
        {
            var result = await client.Scrubbing.ValidateClaimAsync(
                new ScrubClaimRequest { Claim = claims[i], AsOf = new Google.Type.Date { Year = today.Year, Month = today.Month, Day = today.Day } }, GatewayClient.Deadline());
            result.Sequence = (uint)i;
            results.Add(result);
        }

        return results;
    }

    /// <summary>Scrubbed for real (ScrubBatch): recorded, counted in the clean-claim rate, judged today.</summary>
    private static async Task<List<ScrubResult>> RecordedAsync(GatewayClient client, IReadOnlyList<Proto.Claim> claims, Arguments arguments)
    {
        if (arguments.Option("--today") is not null)
        {
            throw new UsageException("--today is for checks (--online without --record): a recorded scrub is judged today");
        }

        var request = new ScrubBatchRequest();
        request.Claims.AddRange(claims);
        using var call = client.Scrubbing.ScrubBatch(request, GatewayClient.Deadline());
        var results = new List<ScrubResult>();
        await foreach (var result in call.ResponseStream.ReadAllAsync())
        {
            results.Add(result);
        }

        return results;
    }

    private static DateOnly Today(Arguments arguments) => arguments.Option("--today") is { } text
        ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : throw new UsageException($"bad --today '{text}' (YYYY-MM-DD)")
        : DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>{"claims": N, "clean": K, "results": [ScrubResult ...]} with each result in the contract's JSON.</summary>
    private sealed class JsonWriterBuffer
    {
        private readonly System.Text.StringBuilder _text = new();

        public void Write(IReadOnlyList<ScrubResult> results, int claims)
        {
            _text.Append("{\n  \"claims\": ").Append(claims).Append(",\n  \"clean\": ").Append(results.Count(r => r.Clean)).Append(",\n  \"results\": [");
            for (var i = 0; i < results.Count; i++)
            {
                _text.Append(i == 0 ? "\n" : ",\n").Append(Indent(GatewayClient.Json.Format(results[i])));
            }

            _text.Append("\n  ]\n}");
        }

        public override string ToString() => _text.ToString();

        private static string Indent(string json) => string.Join('\n', json.Split('\n').Select(l => "    " + l));
    }
}
