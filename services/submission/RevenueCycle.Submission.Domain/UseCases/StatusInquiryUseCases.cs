using System.Globalization;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Submission.Domain.Model;
using RevenueCycle.Submission.Domain.Ports;
using RevenueCycle.X12.Inquiries;
using RevenueCycle.X12.Syntax;
using RevenueCycle.X12.Writing;

namespace RevenueCycle.Submission.Domain.UseCases;

/// <summary>A claim status inquiry sent: its interchange control number and the claims asked about.</summary>
public sealed record StatusInquiry(int ControlNumber, string FileName, IReadOnlyList<string> ClaimIds);

/// <summary>
/// Claim status inquiries (276, 005010X212) for claims the payer has been silent about: sent (or accepted, or pended)
/// and no news for <c>silentDays</c> days. One 276 per payer in one interchange to the clearinghouse; each claim's history
/// notes the inquiry, which restarts its clock, and the 277 that answers it is read like any other (a note of its
/// status on the claim). The interchange control number comes from the sender's counter, shared with the 837s.
/// </summary>
public sealed class StatusInquiryUseCases(IDocumentStore store, IClearinghouse clearinghouse, SubmissionSettings settings, TimeProvider clock)
{
    public const int MaxClaims = 500;

    public const int MaxSilentDays = 365;

    public async Task<StatusInquiry?> InquireAsync(int silentDays, CancellationToken cancellationToken)
    {
        new BuildingBlocks.Errors.Validator().Require(silentDays is >= 0 and <= MaxSilentDays, "silent_days", $"must be between 0 and {MaxSilentDays}").ThrowIfInvalid();
        var now = clock.GetUtcNow();
        var cutoff = now.AddDays(-silentDays).ToUnixTimeMilliseconds();
        var silent = (await store.RangeAsync(ClaimKeys.AwaitingAnswer, null, MaxClaims, cancellationToken: cancellationToken)).Where(e => e.Score <= cutoff)
            .ToDictionary(e => e.Member, e => DateTimeOffset.FromUnixTimeMilliseconds((long)e.Score), StringComparer.Ordinal);
        if (silent.Count == 0)
        {
            return null;
        }

        var records = (await store.GetManyAsync<ClaimRecord>(silent.Keys.Select(ClaimKeys.Claim).ToList(), cancellationToken))
            .Where(r => r.Value.Latest.Status is ClaimStatus.Submitted or ClaimStatus.Accepted && r.Value.Latest.Claim.Payer is not null && r.Value.Latest.Claim.Subscriber is not null)
            .ToList();
        if (records.Count == 0)
        {
            return null;
        }

        var control = await ReserveControlNumberAsync(cancellationToken);
        var builder = new InterchangeBuilder(X12Writer.Isa("ZZ", settings.Submitter.Id, "ZZ", settings.Submitter.ReceiverId, now, control, settings.Production, Delimiters.Default), Delimiters.Default);
        var transactions = records.GroupBy(r => r.Value.Latest.Claim.Payer!.PayerId).Select((byPayer, i) =>
        {
            var payer = byPayer.First().Value.Latest.Claim.Payer!;
            var request = new ClaimStatusRequest276(
                new X12Party("PR", "2", payer.Name.Length > 0 ? payer.Name : payer.PayerId, "", "PI", payer.PayerId),
                new X12Party("41", "2", settings.Submitter.Name, "", "46", settings.Submitter.Id),
                byPayer.Select(r => Query(r.Value)).ToList());
            return ((i + 1).ToString("D4", CultureInfo.InvariantCulture), (IReadOnlyList<Segment>)ClaimStatusRequest276Builder.Body(request, $"{control}-{i + 1}", now));
        }).ToList();
        var text = X12Writer.Write(builder.Group("HR", settings.Submitter.Id, settings.Submitter.ReceiverId, now, control, ClaimStatusRequest276Builder.Version, "276", transactions).Build());
        var name = $"276-{settings.Submitter.Id}-{control:D9}.x12";
        await clearinghouse.SendAsync(new ClearinghouseFile(name, text), cancellationToken);

        // Noted after it went out: a claim changed meanwhile keeps its change, and is asked again on a later round.
        var changes = new ChangeSet();
        foreach (var record in records)
        {
            var days = (int)(now - silent[record.Value.ClaimId]).TotalDays;
            changes.PutClaim(record.Value.WithLatest(record.Value.Latest.Noting(now, "276", string.Create(CultureInfo.InvariantCulture,
                $"claim status inquiry {control:D9} after {days} days without news"))), record.Version);
        }

        await store.CommitAsync(changes, cancellationToken);
        return new StatusInquiry(control, name, records.Select(r => r.Value.ClaimId).ToList());
    }

    /// <summary>The 276's question about one claim: billing provider, subscriber (and patient when a dependent), its numbers, charge and dates.</summary>
    private static ClaimStatusQuery Query(ClaimRecord record)
    {
        var claim = record.Latest.Claim;
        var provider = claim.BillingProvider;
        var subscriber = claim.Subscriber!;
        var self = subscriber.RelationshipToPatient is Relationship.Self or Relationship.Unspecified;
        var patient = claim.Patient;
        return new ClaimStatusQuery(
            new X12Party("1P", "2", provider?.OrganizationName.Length > 0 ? provider.OrganizationName : provider?.Name.Last ?? "", "", "XX", provider?.Npi ?? ""),
            new X12Person(subscriber.Name.Last.ToUpperInvariant(), subscriber.Name.First.ToUpperInvariant(), subscriber.MemberId, self ? subscriber.DateOfBirth : null, ""),
            self || patient is null ? null : new X12Person(patient.Name.Last.ToUpperInvariant(), patient.Name.First.ToUpperInvariant(), "", patient.DateOfBirth, ""),
            claim.PatientControlNumber, claim.PatientControlNumber, record.PayerClaimControlNumber, claim.TotalChargeCents,
            claim.Lines.Select(l => l.ServiceDateFrom).Min(), claim.Lines.Select(l => l.ServiceDateTo ?? l.ServiceDateFrom).Max());
    }

    /// <summary>The sender's next interchange control number, committed before the 276 goes out so no other file reuses it.</summary>
    private Task<int> ReserveControlNumberAsync(CancellationToken cancellationToken) =>
        store.ExecuteAsync(null, "", async changes =>
        {
            var counter = await store.GetAsync<SenderCounter>(ClaimKeys.Counter(settings.Submitter.Id), cancellationToken);
            var next = SenderCounter.Next(counter?.Value);
            changes.Put(ClaimKeys.Counter(settings.Submitter.Id), new SenderCounter(settings.Submitter.Id, next), counter?.Version ?? ChangeSet.New);
            return next;
        }, retryOnConflict: true, cancellationToken);
}
