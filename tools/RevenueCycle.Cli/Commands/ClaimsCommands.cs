using RevenueCycle.Contracts.Common.V1;
using RevenueCycle.Contracts.Submission.V1;

namespace RevenueCycle.Cli.Commands;

public static class ClaimsCommands
{
    public static async Task<int> SubmitAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var file = arguments.Positional(2, "the claim file");
        var claim = ReadJson<Claim>(file);
        // Default key: the file's content, so resubmitting the same file is a retry and a different claim is not.
        var key = arguments.Option("--key") ?? ContentKey("", file);
        var request = new SubmitClaimRequest { Claim = claim, IdempotencyKey = key };
        var record = await client.Submission.SubmitClaimAsync(request, GatewayClient.Deadline());
        await output.WriteLineAsync(GatewayClient.Json.Format(record));
        return record.Versions[0].Status == ClaimStatus.ScrubRejected ? 1 : 0;
    }

    public static async Task<int> StatusAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var record = await client.Submission.GetClaimAsync(new GetClaimRequest { ClaimId = arguments.Positional(2, "the claim id") }, GatewayClient.Deadline());
        await output.WriteLineAsync(GatewayClient.Json.Format(record));
        return 0;
    }

    public static async Task<int> CorrectAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var claimId = arguments.Positional(2, "the claim id");
        var file = arguments.Positional(3, "the corrected claim file");
        var claim = ReadJson<Claim>(file);
        var request = new CorrectClaimRequest { ClaimId = claimId, Claim = claim, IdempotencyKey = arguments.Option("--key") ?? ContentKey(claimId + "|correct|", file) };
        var record = await client.Submission.CorrectClaimAsync(request, GatewayClient.Deadline());
        await output.WriteLineAsync(GatewayClient.Json.Format(record));
        return record.Versions[^1].Status == ClaimStatus.ScrubRejected ? 1 : 0;
    }

    public static async Task<int> VoidAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var claimId = arguments.Positional(2, "the claim id");
        // One void per claim: the default key makes a repeated command a retry.
        var request = new VoidClaimRequest { ClaimId = claimId, IdempotencyKey = arguments.Option("--key") ?? "rcm-void-" + claimId };
        await output.WriteLineAsync(GatewayClient.Json.Format(await client.Submission.VoidClaimAsync(request, GatewayClient.Deadline())));
        return 0;
    }

    public static async Task<int> ListAsync(GatewayClient client, Arguments arguments, ClaimWorklist worklist, TextWriter output)
    {
        var days = arguments.Option("--days") is { } text
            ? int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : throw new UsageException("--days is a number of days")
            : 30;
        var request = new ListClaimsRequest { Worklist = worklist, DueWithinDays = days };
        await output.WriteLineAsync(GatewayClient.Json.Format(await client.Submission.ListClaimsAsync(request, GatewayClient.Deadline())));
        return 0;
    }

    /// <summary><c>rcm claims transmit</c>: what went out now, counts included when zero; a note on stderr when nothing did.</summary>
    public static async Task<int> TransmitAsync(GatewayClient client, TextWriter output, TextWriter notes)
    {
        var response = await client.Submission.TransmitClaimsAsync(new TransmitClaimsRequest(), GatewayClient.Deadline());
        await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(response));
        if (response.Built.Count == 0 && response.Sent == 0)
        {
            await notes.WriteLineAsync("rcm: nothing to send: no claim is queued and no interchange is pending. The clearinghouse loop "
                + "(Submission__PollInterval; make run: every 5 s) may have sent them already: see `rcm transmissions list` and `rcm claims status ID`.");
        }

        return 0;
    }

    /// <summary><c>rcm claims inquire</c>: the 276 that went out and the claims it asks about; a note on stderr when none did.</summary>
    public static async Task<int> InquireAsync(GatewayClient client, Arguments arguments, TextWriter output, TextWriter notes)
    {
        var request = new InquireClaimStatusRequest();
        if (arguments.Option("--days") is { } text)
        {
            request.SilentDays = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d)
                ? d
                : throw new UsageException("--days is a number of days");
        }

        var response = await client.Submission.InquireClaimStatusAsync(request, GatewayClient.Deadline());
        await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(response));
        if (response.ClaimIds.Count == 0)
        {
            await notes.WriteLineAsync("rcm: no 276 sent: no claim sent to a payer has been without news that long. "
                + "The answer (277) is read by `rcm claims receive` or the clearinghouse loop and noted on the claim: `rcm claims status ID`.");
        }

        return 0;
    }

    /// <summary><c>rcm claims receive</c>: what was read now, counts included when zero; a note on stderr when nothing was.</summary>
    public static async Task<int> ReceiveAsync(GatewayClient client, TextWriter output, TextWriter notes)
    {
        var response = await client.Submission.ReceiveResponsesAsync(new ReceiveResponsesRequest(), GatewayClient.Deadline());
        await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(response));
        if (response.Files == 0)
        {
            await notes.WriteLineAsync("rcm: nothing to read: no answer is waiting from the clearinghouse. The clearinghouse loop "
                + "(make run: every 5 s) may have read them already: see `rcm claims status ID`.");
        }

        return 0;
    }

    /// <summary>Hands submission one response file (a corrected 835, a file from the payer's portal) to read as the inbox's are.</summary>
    public static async Task<int> ReceiveFileAsync(GatewayClient client, Arguments arguments, TextWriter output, TextWriter notes)
    {
        var path = arguments.Positional(2, "the X12 file (999, 277CA, 277 or 835)");
        if (!File.Exists(path))
        {
            throw new UsageException($"{path} does not exist");
        }

        var request = new ReceiveResponseFileRequest { FileName = Path.GetFileName(path), Content = await File.ReadAllTextAsync(path) };
        var response = await client.Submission.ReceiveResponseFileAsync(request, GatewayClient.Deadline());
        await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(response));
        if (response.Summary.Duplicates > 0)
        {
            await notes.WriteLineAsync("rcm: this file was read before (by its content): nothing was done again.");
        }
        else if (response.Summary.RemittancesRefused > 0 && response.File.ResolvedAt is not null)
        {
            await notes.WriteLineAsync($"rcm: an 835 in it was not posted, but {response.File.Resolution}: nothing to do.");
        }
        else if (response.Summary.RemittancesRefused > 0)
        {
            await notes.WriteLineAsync("rcm: an 835 in it was not posted; the file is on `rcm transmissions set-aside` with why.");
        }

        return 0;
    }

    public static async Task<int> ListTransmissionsAsync(GatewayClient client, TextWriter output)
    {
        await output.WriteLineAsync(GatewayClient.Json.Format(await client.Submission.ListTransmissionsAsync(new ListTransmissionsRequest(), GatewayClient.Deadline())));
        return 0;
    }

    public static async Task<int> ListSetAsideAsync(GatewayClient client, TextWriter output, TextWriter notes)
    {
        var response = await client.Submission.ListSetAsideFilesAsync(new ListSetAsideFilesRequest(), GatewayClient.Deadline());
        await output.WriteLineAsync(GatewayClient.JsonWithZeros.Format(response));
        if (response.Files.Count == 0)
        {
            await notes.WriteLineAsync("rcm: nothing set aside: every file from the clearinghouse was read, and every 835 in them posted.");
        }

        return 0;
    }

    public static async Task<int> ResolveSetAsideAsync(GatewayClient client, Arguments arguments, TextWriter output)
    {
        var request = new ResolveSetAsideFileRequest
        {
            FileId = arguments.Positional(2, "the file id (from rcm transmissions set-aside)"),
            Resolution = arguments.Option("--note") ?? throw new UsageException("--note says what was done about it, e.g. --note \"posted by hand\""),
        };
        await output.WriteLineAsync(GatewayClient.Json.Format(await client.Submission.ResolveSetAsideFileAsync(request, GatewayClient.Deadline())));
        return 0;
    }

    private static string ContentKey(string prefix, string file) =>
        "rcm-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([.. System.Text.Encoding.UTF8.GetBytes(prefix), .. File.ReadAllBytes(file)]))[..32];

    public static T ReadJson<T>(string path) where T : Google.Protobuf.IMessage<T>, new()
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path} does not exist");
        }

        try
        {
            return GatewayClient.Parser.Parse<T>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is Google.Protobuf.InvalidProtocolBufferException or System.Text.Json.JsonException or FormatException)
        {
            throw new UsageException($"{path} is not a valid {typeof(T).Name} in the contract's JSON: {e.Message}");
        }
    }
}
