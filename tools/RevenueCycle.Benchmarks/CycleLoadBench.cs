using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Contracts.Mapping;
using RevenueCycle.Contracts.Posting.V1;
using RevenueCycle.Contracts.Submission.V1;
using RevenueCycle.Platform;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.UseCases;
using RevenueCycle.Testing;

namespace RevenueCycle.Benchmarks;

/// <summary>
/// The load that once lost a payment: many claims submitted through the gateway of the single-process platform at
/// once, sent and answered by the payer sandbox while their claim-submitted events are still queued, so the 835s
/// reach posting before the claims do. Measures how fast the event backlog drains and checks that every payment
/// meets its claim in the end.
/// </summary>
public static class CycleLoadBench
{
    private const string Key = "cycle-load-bench-key";

    public static object Run(int claims, int accounts)
    {
        var ct = CancellationToken.None;
        var options = new PlatformOptions { ApiKey = Key, GatewayGrpcPort = 0, GatewayHttpPort = 0, ClearinghouseInterval = TimeSpan.Zero };
        using var platform = new Disposer(PlatformHost.StartAsync(options, cancellationToken: ct).GetAwaiter().GetResult());
        var host = platform.Host;
        using var channel = GrpcChannel.ForAddress(host.GatewayGrpc);
        var headers = new Metadata { { "x-api-key", Key } };
        var submission = new SubmissionService.SubmissionServiceClient(channel);
        var posting = new PostingService.PostingServiceClient(channel);
        var store = host.ServiceProviders["posting"].GetRequiredService<IDocumentStore>();

        var clock = Stopwatch.StartNew();
        Parallel.ForEach(Enumerable.Range(0, claims), new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            var claim = Samples.Claim($"LOAD-{i:D6}").ToProto();
            claim.Patient.AccountId = $"acct-{i % accounts:D4}";
            claim.Subscriber.MemberId = $"M{i:D8}"; // ends in a digit: the sandbox's clean-pay scenario
            claim.Lines[0].ChargeCents += i; // no exact duplicates between claims
            submission.SubmitClaim(new SubmitClaimRequest { IdempotencyKey = $"load-{i}", Claim = claim }, headers, cancellationToken: ct);
        });
        var submitted = clock.Elapsed.TotalSeconds;

        var transmitted = submission.TransmitClaims(new TransmitClaimsRequest(), headers, cancellationToken: ct);
        var received = submission.ReceiveResponses(new ReceiveResponsesRequest(), headers, cancellationToken: ct);
        var answered = clock.Elapsed.TotalSeconds;
        var knownAtAnswer = Known(store, claims);
        var unmatchedAtAnswer = Unmatched(posting, headers);

        // Drain: every claim known to posting and no payment left waiting for its claim.
        var samples = new List<(double At, int Known)>();
        while (clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            var known = Known(store, claims);
            samples.Add((clock.Elapsed.TotalSeconds, known));
            if (known == claims && Unmatched(posting, headers) == 0)
            {
                break;
            }

            Thread.Sleep(250);
        }

        var drained = clock.Elapsed.TotalSeconds;
        return new
        {
            claims,
            accounts,
            submit_seconds = Math.Round(submitted, 2),
            submit_claims_per_second = Math.Round(claims / submitted),
            transmitted = transmitted.Built.Sum(t => t.Claims.Count),
            remittances = received.Remittances835,
            known_to_posting_when_the_835s_arrived = knownAtAnswer,
            waiting_for_their_claim_then = unmatchedAtAnswer,
            drain_seconds_after_the_835s = Math.Round(drained - answered, 2),
            claim_submitted_handled_per_second = Math.Round((claims - knownAtAnswer) / Math.Max(0.001, drained - answered)),
            known_at_the_end = samples[^1].Known,
            waiting_at_the_end = Unmatched(posting, headers),
        };
    }

    private static int Known(IDocumentStore store, int claims)
    {
        var keys = Enumerable.Range(0, claims).Select(i => SubmittedClaimUseCases.Key($"LOAD-{i:D6}")).ToArray();
        return store.GetManyAsync<SubmittedClaim>(keys).GetAwaiter().GetResult().Count(c => c.Value.Known);
    }

    private static int Unmatched(PostingService.PostingServiceClient posting, Metadata headers)
    {
        var count = 0;
        var token = "";
        do
        {
            var page = posting.ListUnmatchedPayments(new ListUnmatchedPaymentsRequest { PageSize = 500, PageToken = token }, headers);
            count += page.Items.Count;
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return count;
    }

    private sealed class Disposer(PlatformHost host) : IDisposable
    {
        public PlatformHost Host => host;

        public void Dispose() => host.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
