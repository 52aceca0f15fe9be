using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using RevenueCycle.Eligibility.Domain.Ports;

namespace RevenueCycle.Eligibility.Api.Clearinghouse;

/// <summary>
/// A clearinghouse's real-time endpoint as CAQH CORE Connectivity (rule 270, HTTP+MIME) defines it: the 270 is POSTed
/// as a multipart form with the CORE envelope fields (ProcessingMode RealTime, PayloadType, PayloadID, TimeStamp,
/// SenderID, ReceiverID, CORERuleVersion, Checksum, and UserName/Password when configured); the answer is a form whose
/// Payload is the 271 when ErrorCode is Success. A plain-text answer is taken as the 271 itself. No answer within
/// the timeout is no answer; an HTTP or envelope error throws, which the use case reports as the clearinghouse
/// being unreachable. The payer sandbox service serves this at <c>/v1/sandbox/eligibility</c>.
/// </summary>
public sealed class HttpEligibilityExchange(HttpClient http, EligibilityConnectionOptions options, TimeProvider clock) : IEligibilityExchange
{
    public const string RequestPayloadType = "X12_270_Request_005010X279A1";
    public const string ResponsePayloadType = "X12_271_Response_005010X279A1";

    public async Task<string?> AskAsync(string interchange270, string traceNumber, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("RealTime"), "ProcessingMode" },
            { new StringContent(RequestPayloadType), "PayloadType" },
            { new StringContent(Guid.NewGuid().ToString()), "PayloadID" },
            { new StringContent(clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)), "TimeStamp" },
            { new StringContent(options.ToDomain().SenderId), "SenderID" },
            { new StringContent(options.ToDomain().ReceiverId), "ReceiverID" },
            { new StringContent("2.2.0"), "CORERuleVersion" },
            { new StringContent(Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(interchange270)))), "Checksum" },
            { new StringContent(interchange270), "Payload" },
        };
        if (options.UserName.Length > 0)
        {
            form.Add(new StringContent(options.UserName), "UserName");
            form.Add(new StringContent(options.Password), "Password");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.PostAsync(options.Endpoint, form, deadline.Token);
            if (response.StatusCode == System.Net.HttpStatusCode.GatewayTimeout)
            {
                return null; // the clearinghouse says the payer did not answer
            }

            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            if (response.Content.Headers.ContentType?.MediaType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true)
            {
                return await PayloadAsync(body, response.Content.Headers.ContentType, deadline.Token); // an envelope error says why
            }

            response.EnsureSuccessStatusCode();
            return body;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The 271 a CORE response form carries; an ErrorCode other than Success is an envelope error.</summary>
    private static async Task<string> PayloadAsync(string body, System.Net.Http.Headers.MediaTypeHeaderValue contentType, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Parameters.FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value).Value
            ?? throw new HttpRequestException("the clearinghouse's multipart answer has no boundary");
        var reader = new MultipartReader(boundary, new MemoryStream(Encoding.UTF8.GetBytes(body)));
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.Name.Value is { } name)
            {
                fields[HeaderUtilities.RemoveQuotes(name).Value ?? name] = await new StreamReader(section.Body, Encoding.UTF8).ReadToEndAsync(cancellationToken);
            }
        }

        var error = fields.GetValueOrDefault("ErrorCode", "Success");
        if (!error.Equals("Success", StringComparison.OrdinalIgnoreCase))
        {
            throw new HttpRequestException($"the clearinghouse answered {error}: {fields.GetValueOrDefault("ErrorMessage", "")}");
        }

        return fields.GetValueOrDefault("Payload") ?? throw new HttpRequestException("the clearinghouse's answer has no Payload");
    }
}
