using System.Security.Cryptography;
using System.Text;
using RevenueCycle.Sandbox.Domain;

namespace RevenueCycle.Sandbox.Api;

/// <summary>
/// The sandbox payer's real-time eligibility endpoint as a clearinghouse serves it under CAQH CORE Connectivity
/// (HTTP+MIME): a multipart form whose Payload is a 270 answered by a form whose Payload is the 271, with ErrorCode
/// Success, or an envelope error (ErrorCode and ErrorMessage, HTTP 400). A member whose scenario never answers is
/// held until <see cref="SandboxOptions.NoAnswerDelay"/> and answered 504, as a clearinghouse whose payer timed out.
/// </summary>
public static class EligibilityEndpoint
{
    public static void MapSandboxEligibility(this WebApplication app) => app.MapPost("/v1/sandbox/eligibility", async (HttpRequest request, TimeProvider clock, SandboxOptions options, CancellationToken ct) =>
    {
        if (!request.HasFormContentType)
        {
            return Envelope(StatusCodes.Status400BadRequest, "", "PayloadTypeIllegal", "a CORE multipart form is required");
        }

        var form = await request.ReadFormAsync(ct);
        var payloadType = form["PayloadType"].ToString();
        var payload = form["Payload"].ToString();
        if (payloadType != "X12_270_Request_005010X279A1" || payload.Length == 0)
        {
            return Envelope(StatusCodes.Status400BadRequest, "", "PayloadTypeIllegal", "PayloadType must be X12_270_Request_005010X279A1 with a Payload");
        }

        if (form["Checksum"].ToString() is { Length: > 0 } checksum
            && !checksum.Equals(Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(payload))), StringComparison.OrdinalIgnoreCase))
        {
            return Envelope(StatusCodes.Status400BadRequest, "", "ChecksumMismatch", "the Checksum is not the SHA-1 of the Payload");
        }

        if (SandboxEligibility.Answer(payload, clock.GetUtcNow()) is { } answer)
        {
            return Envelope(StatusCodes.Status200OK, answer, "Success", "");
        }

        await Task.Delay(options.NoAnswerDelay, ct);
        return Envelope(StatusCodes.Status504GatewayTimeout, "", "Timeout", "the payer did not answer");
    });

    private static IResult Envelope(int status, string payload, string errorCode, string errorMessage)
    {
        var boundary = "core-" + Guid.NewGuid().ToString("N");
        var body = new StringBuilder();
        void Field(string name, string value) => body.Append("--").Append(boundary).Append("\r\nContent-Disposition: form-data; name=\"").Append(name).Append("\"\r\n\r\n").Append(value).Append("\r\n");
        Field("PayloadType", payload.Length > 0 ? "X12_271_Response_005010X279A1" : "CoreEnvelopeError");
        Field("ProcessingMode", "RealTime");
        Field("PayloadID", Guid.NewGuid().ToString());
        Field("CORERuleVersion", "2.2.0");
        Field("ErrorCode", errorCode);
        Field("ErrorMessage", errorMessage);
        if (payload.Length > 0)
        {
            Field("Payload", payload);
        }

        body.Append("--").Append(boundary).Append("--\r\n");
        return Results.Text(body.ToString(), $"multipart/form-data; boundary={boundary}", Encoding.UTF8, status);
    }
}
