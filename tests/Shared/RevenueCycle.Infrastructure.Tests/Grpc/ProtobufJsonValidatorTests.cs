using System.Text.Json;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Contracts.Submission.V1;
using RevenueCycle.ServiceDefaults.Grpc;

namespace RevenueCycle.Infrastructure.Tests.Grpc;

public sealed class ProtobufJsonValidatorTests
{
    private static IEnumerable<string> Check(string json, Google.Protobuf.Reflection.MessageDescriptor descriptor)
    {
        using var document = JsonDocument.Parse(json);
        return ProtobufJsonValidator.Validate(document.RootElement, descriptor).Select(v => $"{v.Field}: {v.Description}");
    }

    [Fact]
    public void Validate_Proto3Json_AcceptsCamelCaseSnakeCaseStringInt64AndEnumNames()
    {
        var json = """{"idempotencyKey":"k","claim":{"claim_id":"C1","type":"CLAIM_TYPE_PROFESSIONAL","totalChargeCents":"14500","lines":[{"units":1,"chargeCents":12500,"diagnosisPointers":[1,2]}]}}""";

        Assert.Empty(Check(json, SubmitClaimRequest.Descriptor));
    }

    [Fact]
    public void Validate_EveryProblem_IsReportedWithItsPath()
    {
        var json = """{"claim":{"lines":[{"units":-1},{"chargeCents":"12.50","modifiers":"25"}],"frequency":"WEEKLY","nope":1},"idempotencyKey":7}""";

        Assert.Equal(
            [
                "claim.lines[0].units: is out of range (0 to 4294967295)",
                "claim.lines[1].charge_cents: expected an integer",
                "claim.lines[1].modifiers: expected an array",
                "claim.frequency: expected one of CLAIM_FREQUENCY_UNSPECIFIED, CLAIM_FREQUENCY_ORIGINAL, CLAIM_FREQUENCY_REPLACEMENT, CLAIM_FREQUENCY_VOID",
                "claim.nope: is not a field of Claim",
                "idempotency_key: expected a string",
            ],
            Check(json, SubmitClaimRequest.Descriptor));
    }

    [Fact]
    public void Validate_Timestamps_MustBeRfc3339()
    {
        Assert.Empty(Check("""{"postedAt":"2026-04-01T10:00:00Z"}""", Remittance.Descriptor));
        Assert.Single(Check("""{"postedAt":"yesterday"}""", Remittance.Descriptor));
    }

    [Fact]
    public void Validate_NonObjectBody_IsRefused()
    {
        Assert.Equal(["body: must be a JSON object"], Check("[1,2]", Remittance.Descriptor));
    }
}
