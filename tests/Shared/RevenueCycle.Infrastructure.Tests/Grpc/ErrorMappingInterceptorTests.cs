using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.ServiceDefaults.Grpc;
using RevenueCycle.Testing;

namespace RevenueCycle.Infrastructure.Tests.Grpc;

public sealed class ErrorMappingInterceptorTests
{
    private readonly ErrorMappingInterceptor _interceptor = new(NullLogger<ErrorMappingInterceptor>.Instance);

    [Fact]
    public void Validation_BecomesInvalidArgumentWithFieldViolations()
    {
        var error = _interceptor.Map(new ValidationException([new FieldViolation("claim.lines[0].units", "must be at least 1"), new FieldViolation("claim.payer", "is required")]), TestServerCallContext.Create());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var details = error.GetRpcStatus()!.GetDetail<BadRequest>();
        Assert.Equal(["claim.lines[0].units", "claim.payer"], details.FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public void ThousandsOfViolations_SendTheFirstAndHowManyMore()
    {
        var violations = Enumerable.Range(0, 5_000).Select(i => new FieldViolation($"remittance.claims[{i}].paid_cents", "does not balance with its lines and adjustments")).ToArray();

        var error = _interceptor.Map(new ValidationException(violations), TestServerCallContext.Create());

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var details = error.GetRpcStatus()!.GetDetail<BadRequest>();
        Assert.Equal(ErrorMappingInterceptor.MaxViolations + 1, details.FieldViolations.Count);
        Assert.Equal("remittance.claims[0].paid_cents", details.FieldViolations[0].Field);
        Assert.Equal("and 4950 more", details.FieldViolations[^1].Description);
        Assert.True(error.Status.Detail.Length < 8_000, $"status message of {error.Status.Detail.Length} characters");
    }

    [Theory]
    [InlineData(typeof(NotFoundException), StatusCode.NotFound)]
    [InlineData(typeof(ConcurrencyConflictException), StatusCode.Aborted)]
    [InlineData(typeof(PreconditionFailedException), StatusCode.FailedPrecondition)]
    [InlineData(typeof(IdempotencyKeyReusedException), StatusCode.AlreadyExists)]
    [InlineData(typeof(TimeoutException), StatusCode.Unavailable)]
    [InlineData(typeof(InvalidOperationException), StatusCode.Internal)]
    public void DomainExceptions_MapToTheirStatus(Type exceptionType, StatusCode expected)
    {
        Exception exception = exceptionType.Name switch
        {
            nameof(NotFoundException) => new NotFoundException("Claim", "C1"),
            nameof(ConcurrencyConflictException) => new ConcurrencyConflictException("Claim", "C1"),
            nameof(PreconditionFailedException) => new PreconditionFailedException("not now"),
            nameof(IdempotencyKeyReusedException) => new IdempotencyKeyReusedException("k"),
            nameof(TimeoutException) => new TimeoutException(),
            _ => new InvalidOperationException("secret detail"),
        };

        var error = _interceptor.Map(exception, TestServerCallContext.Create());

        Assert.Equal(expected, error.StatusCode);
        Assert.DoesNotContain("secret detail", error.Status.Detail); // internal errors do not leak their text
    }
}
