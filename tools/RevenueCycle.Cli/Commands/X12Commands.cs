using System.Globalization;
using System.Text;
using System.Text.Json;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.X12;
using RevenueCycle.X12.Claims;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Writing;

namespace RevenueCycle.Cli.Commands;

/// <summary>Offline X12: read and check a file, or write an 837 for claims in the contract's JSON. No server needed.</summary>
public static class X12Commands
{
    /// <summary><c>rcm x12 parse FILE [--json]</c>: the parsed transactions as JSON (exit 0), or the located errors (exit 1).</summary>
    public static async Task<int> ParseAsync(Arguments arguments, TextWriter output)
    {
        var document = Read(arguments.Positional(2, "the X12 file"));
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            if (document.IsValid)
            {
                X12Json.Write(document, json);
            }
            else
            {
                json.WriteStartObject();
                json.WriteBoolean("valid", false);
                X12Json.WriteErrors(document.Errors, json);
                json.WriteEndObject();
            }
        }

        await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray()));
        return document.IsValid ? 0 : 1;
    }

    /// <summary><c>rcm x12 validate FILE</c>: one line per located error, or a summary; exit 1 when there are errors.</summary>
    public static async Task<int> ValidateAsync(Arguments arguments, TextWriter output)
    {
        var document = Read(arguments.Positional(2, "the X12 file"));
        foreach (var error in document.Errors)
        {
            await output.WriteLineAsync(error.ToString());
        }

        foreach (var warning in document.Warnings)
        {
            await output.WriteLineAsync("warning: " + warning);
        }

        var transactions = document.Transactions.ToList();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{(document.IsValid ? "valid" : "invalid")}: {document.Interchanges.Count} interchange(s), {transactions.Count} transaction set(s) ({string.Join(", ", transactions.Select(t => $"{t.Type} {(t.Version.Length > 0 ? t.Version : t.Spec?.Version)}").Distinct())}), {document.Errors.Count} error(s)"));
        return document.IsValid ? 0 : 1;
    }

    /// <summary>
    /// <c>rcm x12 build-837 CLAIMS.json [--out FILE] [--sender ID] [--receiver ID] [--control N] [--production]</c>:
    /// an 837 interchange (837P and 837I groups as the claims need) for claims in the contract's JSON.
    /// </summary>
    public static async Task<int> Build837Async(Arguments arguments, TextWriter output)
    {
        var protos = ContractFiles.ReadClaims(arguments.Positional(2, "the claims file"));
        var claims = new List<BuildingBlocks.Claims.Claim>();
        var v = new Validator();
        for (var i = 0; i < protos.Count; i++)
        {
            claims.Add(protos[i].ToDomain(v, $"claims[{i}]"));
        }

        if (!v.IsValid)
        {
            throw new UsageException("the claims do not read: " + string.Join("; ", v.Violations.Select(f => $"{f.Field} {f.Description}")));
        }

        var sender = arguments.Option("--sender") ?? "RCMSUBMITTER";
        var receiver = arguments.Option("--receiver") ?? "RCMRECEIVER";
        var control = arguments.Option("--control") is { } c
            ? int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 999_999_999 ? n : throw new UsageException($"bad --control '{c}' (1 to 999999999)")
            : 1;
        var submitter = new Submitter837(arguments.Option("--submitter-name") ?? "REVENUECYCLE", sender, arguments.Option("--contact") ?? "BILLING OFFICE", arguments.Option("--phone") ?? "8005550100",
            arguments.Option("--receiver-name") ?? "CLEARINGHOUSE", receiver);
        string text;
        try
        {
            text = Claim837Batch.Write(claims, submitter, new InterchangeHeader("ZZ", sender, "ZZ", receiver, control, arguments.Option("--production") is not null), DateTimeOffset.UtcNow);
        }
        catch (X12WriteException e)
        {
            throw new UsageException(e.Message);
        }

        if (arguments.Option("--out") is { } path)
        {
            await File.WriteAllTextAsync(path, text);
            await output.WriteLineAsync($"wrote {claims.Count} claim(s) to {path}");
        }
        else
        {
            await output.WriteAsync(text);
        }

        return 0;
    }

    private static X12Document Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"{path} does not exist");
        }

        using var stream = File.OpenRead(path);
        return X12Reader.Parse(stream);
    }
}
