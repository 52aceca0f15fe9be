using System.Text;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.Eligibility.Domain.Rules;
using RevenueCycle.Posting.Domain.UseCases;
using RevenueCycle.Sandbox.Domain;
using RevenueCycle.X12;
using RevenueCycle.X12.Claims;
using RevenueCycle.X12.Inquiries;
using RevenueCycle.X12.Remittances;
using RevenueCycle.X12.Writing;

namespace RevenueCycle.Fuzz;

/// <summary>
/// One target per input the platform reads from outside: the product code each kind of file reaches, from the bytes.
/// Bad input has documented answers: the X12 reader never throws (errors are collected, located, in the document),
/// the mappers read whatever the reader placed in loops, and posting's file check refuses a file with a
/// <see cref="ValidationException"/> listing every located finding. Anything else that escapes (a null reference, an
/// index out of range, an invalid cast, a format or overflow exception) is a crash; so is a hang or a dead process.
/// </summary>
public static class FuzzTargets
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["x12"] = Reader,
        ["835"] = Remittance835,
        ["837"] = Claims837,
        ["271"] = Eligibility271,
    };

    /// <summary>The exceptions the code under test documents for bad input: the located refusal, never a crash.</summary>
    public static bool IsExpected(Exception exception) => exception is ValidationException;

    /// <summary>Runs a target on one input: a documented refusal is an answer; anything else escapes.</summary>
    public static void Run(string target, byte[] input)
    {
        try
        {
            All[target](input);
        }
        catch (Exception e) when (IsExpected(e))
        {
        }
    }

    /// <summary>
    /// The tokenizer, envelopes, loops and element checks (<see cref="X12Reader"/>), streamed and whole, and every
    /// error's text; a document that reads clean must write and read clean again.
    /// </summary>
    private static void Reader(byte[] input)
    {
        var document = X12Reader.Parse(new MemoryStream(input));
        foreach (var error in document.Errors)
        {
            _ = error.ToString();
        }

        foreach (var transaction in X12Reader.Read(new MemoryStream(input), []))
        {
            _ = transaction.Root.Id;
        }

        if (document.IsValid && X12Reader.Parse(X12Writer.Write(document)) is { IsValid: false } again)
        {
            throw new FuzzInvariantException($"a document read without errors does not read back once written: {again.Errors[0]}");
        }
    }

    /// <summary>
    /// The 835 mapper as both services run it: submission's intake maps every 835 transaction the reader has a guide
    /// for (errors or not) to <see cref="Remittance835"/>; posting checks a whole file, streaming its claims.
    /// </summary>
    private static void Remittance835(byte[] input)
    {
        foreach (var transaction in X12Reader.Parse(new MemoryStream(input)).Transactions.Where(t => t.Type == "835" && t.Spec is not null))
        {
            var remittance = Remittance835Reader.Read(transaction);
            _ = Remittance835Mapping.Payment(remittance);
            foreach (var claim in remittance.Claims)
            {
                _ = Remittance835Mapping.Claim(claim);
            }
        }

        RemittanceFileUseCases.CheckFile(() => new MemoryStream(input));
    }

    /// <summary>The 837 reader (<see cref="Claim837Reader"/>) on every 837P/837I transaction, then the payer sandbox's whole answer (999, 277CA, 277, 835).</summary>
    private static void Claims837(byte[] input)
    {
        foreach (var transaction in X12Reader.Parse(new MemoryStream(input)).Transactions.Where(t => t.Type == "837" && t.Spec is not null))
        {
            _ = Claim837Reader.Read(transaction);
        }

        _ = PayerSandbox.Respond(Encoding.UTF8.GetString(input), ReceivedAt);
    }

    /// <summary>
    /// The 271 mapper: <see cref="EligibilityResponse271Builder.Read"/> and benefit extraction on every 271 transaction
    /// the reader has a guide for, then eligibility's reading of the file as the service does it.
    /// </summary>
    private static void Eligibility271(byte[] input)
    {
        foreach (var transaction in X12Reader.Parse(new MemoryStream(input)).Transactions.Where(t => t.Type == "271" && t.Spec is not null))
        {
            var response = EligibilityResponse271Builder.Read(transaction);
            _ = BenefitExtraction.From(response, null);
            foreach (var answer in response.Answers)
            {
                _ = BenefitExtraction.From(response, answer);
            }
        }

        var read = EligibilityExchangeFiles.Read(Encoding.UTF8.GetString(input));
        _ = EligibilityExchangeFiles.ReadFor(Encoding.UTF8.GetString(input), read.Answers.FirstOrDefault()?.Answer?.TraceNumber ?? "");
    }
}

/// <summary>A property the product promises failed on a fuzzed input (not an exception the product throws): a crash.</summary>
public sealed class FuzzInvariantException(string message) : Exception(message);
