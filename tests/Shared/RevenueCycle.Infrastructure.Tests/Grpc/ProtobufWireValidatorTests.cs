using Google.Protobuf;
using RevenueCycle.Contracts.Eligibility.V1;
using RevenueCycle.Contracts.Submission.V1;
using RevenueCycle.ServiceDefaults.Grpc;

namespace RevenueCycle.Infrastructure.Tests.Grpc;

public sealed class ProtobufWireValidatorTests
{
    [Fact]
    public void Validate_AWellFormedMessage_HasNoViolation()
    {
        var request = new SubmitClaimRequest { IdempotencyKey = "k", Claim = new RevenueCycle.Contracts.Common.V1.Claim { ClaimId = "C1", Lines = { new RevenueCycle.Contracts.Common.V1.ServiceLine { Units = 2, DiagnosisPointers = { 1, 2 } } } } };

        Assert.Null(ProtobufWireValidator.Validate(request.ToByteArray(), SubmitClaimRequest.Descriptor));
    }

    [Fact]
    public void Validate_TruncatedNestedMessage_NamesTheNestedField()
    {
        var bytes = new SubmitClaimRequest { Claim = new RevenueCycle.Contracts.Common.V1.Claim { Lines = { new RevenueCycle.Contracts.Common.V1.ServiceLine { ProcedureCode = "99213" } } } }.ToByteArray();
        // Claim -> lines[0] -> procedure_code: make the innermost string claim more bytes than remain.
        var corrupt = bytes.ToArray();
        corrupt[^6] = 0x7f;

        var violation = ProtobufWireValidator.Validate(corrupt, SubmitClaimRequest.Descriptor);

        Assert.NotNull(violation);
        Assert.StartsWith("claim", violation.Field);
    }

    [Fact]
    public void Validate_WrongWireType_NamesTheFieldAndTypes()
    {
        // RegisterCoverageRequest.idempotency_key (field 1, string) sent as a varint.
        byte[] bytes = [0x08, 0x2a];

        var violation = ProtobufWireValidator.Validate(bytes, RegisterCoverageRequest.Descriptor);

        Assert.Equal("idempotency_key", violation!.Field);
        Assert.Contains("Varint", violation.Description);
    }

    [Fact]
    public void Validate_InvalidUtf8_IsNamed()
    {
        byte[] bytes = [0x0a, 0x02, 0xc3, 0x28];

        var violation = ProtobufWireValidator.Validate(bytes, RegisterCoverageRequest.Descriptor);

        Assert.Equal(("idempotency_key", "is not valid UTF-8"), (violation!.Field, violation.Description));
    }

    [Fact]
    public void Validate_UnknownFieldNumbers_AreSkippedAsProto3Allows()
    {
        byte[] bytes = [0xf8, 0x3e, 0x01, 0x0a, 0x01, 0x6b]; // field 999 varint, then idempotency_key = "k"

        Assert.Null(ProtobufWireValidator.Validate(bytes, RegisterCoverageRequest.Descriptor));
    }

    [Theory]
    [InlineData(new byte[] { 0xbf, 0x3e })] // field 999, wire type 7
    [InlineData(new byte[] { 0xbc, 0x3e })] // field 999, end group without a start
    [InlineData(new byte[] { 0xbb, 0x3e, 0x08, 0x01 })] // field 999, a group never ended
    public void Validate_UnknownFieldTheRuntimeCannotRead_IsRefused(byte[] bytes)
    {
        var violation = ProtobufWireValidator.Validate(bytes, RegisterCoverageRequest.Descriptor);

        Assert.NotNull(violation);
        Assert.Contains("field 999 (unknown)", violation.Description);
        Assert.ThrowsAny<InvalidProtocolBufferException>(() => RegisterCoverageRequest.Parser.ParseFrom(bytes));
    }

    [Fact]
    public void Validate_RandomBytes_NeverThrow_AndPassOnlyWhatTheRuntimeParses()
    {
        var random = new Random(20261127);
        var (passed, refused) = (0, 0);
        for (var i = 0; i < 2_000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);

            var violation = ProtobufWireValidator.Validate(bytes, SubmitClaimRequest.Descriptor);

            if (violation is null)
            {
                // What the validator lets through, the gRPC runtime must be able to read.
                Assert.Null(Record.Exception(() => SubmitClaimRequest.Parser.ParseFrom(bytes)));
                passed++;
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(violation.Description));
                refused++;
            }
        }

        Assert.True(passed > 0 && refused > 0, $"random input should exercise both answers: {passed} passed, {refused} refused");
    }
}
