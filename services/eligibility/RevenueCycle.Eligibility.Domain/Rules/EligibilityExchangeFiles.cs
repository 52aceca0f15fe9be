using System.Globalization;
using RevenueCycle.Eligibility.Domain.Model;
using RevenueCycle.Eligibility.Domain.UseCases;
using RevenueCycle.X12;
using RevenueCycle.X12.Inquiries;
using RevenueCycle.X12.Syntax;
using RevenueCycle.X12.Writing;

namespace RevenueCycle.Eligibility.Domain.Rules;

/// <summary>One answer of a 271 file as read: the X12 answer (for who it is about) and its typed result.</summary>
public sealed record ReadAnswer(EligibilityAnswer? Answer, EligibilityResult Result);

/// <summary>A 271 file as read: its answers, or the located problems that stop it being read (and warnings that do not).</summary>
public sealed record Read271(IReadOnlyList<ReadAnswer> Answers, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings);

/// <summary>Writes the 270 a question becomes and reads the 271 that answers it (005010X279A1).</summary>
public static class EligibilityExchangeFiles
{
    /// <summary>The 270 interchange for one question, from this platform (sender) to the clearinghouse (receiver).</summary>
    public static string Inquiry(EligibilityQuestion question, KnownPayer payer, string traceNumber, int controlNumber, EligibilityOptions options, DateTimeOffset at)
    {
        var subscriber = new X12Person(question.SubscriberLast.Trim().ToUpperInvariant(), question.SubscriberFirst.Trim().ToUpperInvariant(), question.MemberId.Trim(),
            question.Dependent is null ? question.SubscriberBirthDate : null, question.Dependent is null ? question.SubscriberGender : "");
        var dependent = question.Dependent is { } d ? new X12Person(d.Last.Trim().ToUpperInvariant(), d.First.Trim().ToUpperInvariant(), "", d.BirthDate, d.Gender) : null;
        var inquiry = new EligibilityInquiry270(
            new X12Party("PR", "2", payer.Name, "", "PI", payer.PayerId),
            new X12Party("1P", "2", options.ProviderName, "", "XX", options.ProviderNpi),
            [new EligibilityRequest(traceNumber, TraceOriginator(options.SenderId), subscriber, dependent, question.DateOfService, question.ServiceTypes)]);
        var isa = X12Writer.Isa("ZZ", options.SenderId, "ZZ", options.ReceiverId, at, controlNumber, false, Delimiters.Default);
        var interchange = new InterchangeBuilder(isa, Delimiters.Default)
            .Group("HS", options.SenderId, options.ReceiverId, at, controlNumber, EligibilityInquiry270Builder.Version, "270",
                [("0001", EligibilityInquiry270Builder.Body(inquiry, traceNumber, at))])
            .Build();
        return X12Writer.Write(interchange);
    }

    /// <summary>TRN03, exactly 10 characters: 9 (a user-assigned identifier) and the sender's id, cut or padded with zeros to 9.</summary>
    public static string TraceOriginator(string senderId)
    {
        var id = new string(senderId.Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        return "9" + id[..Math.Min(9, id.Length)].PadRight(9, '0');
    }

    /// <summary>Every answer of a 271 file; a file that does not read (broken envelopes, another version) gives its located problems and no answer.</summary>
    public static Read271 Read(string text)
    {
        var document = X12Reader.Parse(text);
        // Another version (4010 271s are still sent) is said once, plainly: its envelope "errors" against 5010 are noise.
        var unsupported = document.Interchanges.SelectMany(i => i.Groups).SelectMany(g => g.Transactions.Where(t => t.Type == "271" && t.Spec is null)
            .Select(t => t.Version.Length > 0 ? t.Version : g.Gs[8])).Distinct().ToList();
        if (unsupported.Count > 0)
        {
            return new Read271([], unsupported.Select(v => $"271 {(v.Length > 0 ? v : "of an unknown version")} is not supported: RevenueCycle reads 271 {EligibilityResponse271Builder.Version}.").ToList(),
                [.. document.Warnings]);
        }

        var problems = document.Errors.Take(20).Select(e => e.ToString()).ToList();
        if (!document.Transactions.Any(t => t.Type == "271"))
        {
            problems.Add(document.Transactions.Any() ? $"not a 271: the file holds {string.Join(", ", document.Transactions.Select(t => t.Type).Distinct())}." : "not a 271: no transaction set was read.");
        }

        if (problems.Count > 0)
        {
            return new Read271([], problems, [.. document.Warnings]);
        }

        var answers = new List<ReadAnswer>();
        foreach (var transaction in document.Transactions.Where(t => t.Type == "271"))
        {
            var response = EligibilityResponse271Builder.Read(transaction);
            answers.AddRange(response.Answers.Count == 0
                ? [new ReadAnswer(null, BenefitExtraction.From(response, null))]
                : response.Answers.Select(a => new ReadAnswer(a, BenefitExtraction.From(response, a))));
        }

        return new Read271(answers, [], [.. document.Warnings]);
    }

    /// <summary>The result for the question with <paramref name="traceNumber"/>, or the problem that stops the 271 answering it.</summary>
    public static (EligibilityResult? Result, string Problem) ReadFor(string text, string traceNumber)
    {
        var read = Read(text);
        if (read.Problems.Count > 0)
        {
            return (null, "the 271 cannot be read: " + string.Join("; ", read.Problems.Take(3)));
        }

        var matched = read.Answers.FirstOrDefault(a => a.Answer?.TraceNumber == traceNumber)
            ?? (read.Answers.Count == 1 ? read.Answers[0] : null);
        return matched is null
            ? (null, string.Create(CultureInfo.InvariantCulture, $"the 271 has {read.Answers.Count} answers and none for trace {traceNumber}"))
            : (matched.Result, "");
    }
}
