using System.Threading.Channels;
using RevenueCycle.BuildingBlocks.Errors;
using RevenueCycle.BuildingBlocks.Storage;
using RevenueCycle.Posting.Domain.Model;
using RevenueCycle.Posting.Domain.Rules;
using RevenueCycle.X12;
using RevenueCycle.X12.Errors;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Remittances;

namespace RevenueCycle.Posting.Domain.UseCases;

/// <summary>One 835 transaction of an imported file and what posting it did.</summary>
public sealed record ImportedRemittance(int Transaction, string ControlNumber, PostingResult Result);

public sealed record RemittanceImportResult(int ClaimPayments, IReadOnlyList<ImportedRemittance> Remittances);

/// <summary>
/// Imports an 835 file of any size: many transactions, many payers. Two streamed passes over the file. The first
/// checks everything (X12 syntax and the guide, every claim's and every transaction's balancing, duplicate traces in
/// the file) and refuses the whole file with every finding located when anything is wrong, so nothing is
/// half-imported. The second posts each transaction through <see cref="RemittanceUseCases"/> in chunks while the
/// file is still being read; a transaction already posted (same payer and trace number) is a duplicate and posts
/// nothing, and one interrupted earlier resumes where it stopped.
/// </summary>
public sealed class RemittanceFileUseCases(RemittanceUseCases remittances)
{
    /// <summary>Findings reported at most; a file with more is broken throughout and the first ones say how.</summary>
    public const int MaxFindings = 200;

    private static readonly HashSet<string> ClaimLoops = ["2100"];

    private sealed record TransactionPlan(string ControlNumber, Remittance Payment, int ClaimCount);

    /// <summary>Checks the whole file, then posts it; <paramref name="open"/> opens the file from its start, once per pass.</summary>
    public async Task<RemittanceImportResult> ImportAsync(Func<Stream> open, CancellationToken cancellationToken)
    {
        var plans = Check(open);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<(int Transaction, ClaimPayment? Claim)>(new BoundedChannelOptions(RemittanceUseCases.ChunkSize * 4) { SingleReader = true, SingleWriter = true });
        // The reader is synchronous and hands claims over as their loops close: it runs on its own thread and waits
        // while posting catches up, so at most a few chunks are in memory.
        var producer = Task.Factory.StartNew(() => Produce(open, channel.Writer, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            return await ConsumeAsync(plans, channel.Reader, cancellationToken);
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
        finally
        {
            await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<RemittanceImportResult> ConsumeAsync(List<TransactionPlan> plans, ChannelReader<(int Transaction, ClaimPayment? Claim)> reader, CancellationToken cancellationToken)
    {
        var results = new List<ImportedRemittance>();
        Versioned<RemittanceHeader>? header = null;
        var duplicate = false;
        var current = -1;
        var start = 0;
        var claims = 0;
        var chunk = new List<ClaimPayment>(RemittanceUseCases.ChunkSize);
        await foreach (var (transaction, claim) in reader.ReadAllAsync(cancellationToken))
        {
            var plan = plans[transaction];
            if (transaction != current)
            {
                current = transaction;
                (header, duplicate) = await remittances.BeginAsync(plan.Payment, plan.ClaimCount, "file", cancellationToken);
                start = 0;
            }

            if (claim is not null)
            {
                claims++;
                if (duplicate)
                {
                    continue;
                }

                chunk.Add(claim);
                if (chunk.Count == RemittanceUseCases.ChunkSize)
                {
                    header = await remittances.PostChunkAsync(header!, start, chunk, cancellationToken);
                    start += chunk.Count;
                    chunk = new List<ClaimPayment>(RemittanceUseCases.ChunkSize);
                }

                continue;
            }

            if (!duplicate)
            {
                header = await remittances.PostChunkAsync(header!, start, chunk, cancellationToken);
                chunk = new List<ClaimPayment>(RemittanceUseCases.ChunkSize);
            }

            results.Add(new ImportedRemittance(transaction + 1, plan.ControlNumber, header!.Value.Result(duplicate)));
        }

        return new RemittanceImportResult(claims, results);
    }

    private static void Produce(Func<Stream> open, ChannelWriter<(int Transaction, ClaimPayment? Claim)> writer, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = open();
            var index = 0;
            var streaming = new X12Streaming(ClaimLoops, (loop, _) =>
            {
                if (loop.Segment("CLP") is not null)
                {
                    writer.WriteAsync((index, Remittance835Mapping.Claim(Remittance835Reader.ReadClaim(loop))), cancellationToken).AsTask().GetAwaiter().GetResult();
                }
            });
            foreach (var _ in X12Reader.Read(stream, [], streaming: streaming))
            {
                writer.WriteAsync((index++, null), cancellationToken).AsTask().GetAwaiter().GetResult();
            }

            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
        }
    }

    /// <summary>
    /// The first pass alone (nothing is posted): the number of 835 transactions of a file that would import, or a
    /// <see cref="ValidationException"/> with every finding located.
    /// </summary>
    public static int CheckFile(Func<Stream> open) => Check(open).Count;

    /// <summary>The first pass: every finding, located; the plan of each transaction when there are none.</summary>
    private static List<TransactionPlan> Check(Func<Stream> open)
    {
        var v = new Validator();
        var errors = new List<X12Error>();
        var plans = new List<TransactionPlan>();
        var traces = new Dictionary<(string, string), int>();
        var number = 1;
        var claims = 0;
        var paid = Int128.Zero;
        var streaming = new X12Streaming(ClaimLoops, (loop, _) =>
        {
            if (loop.Segment("CLP") is null)
            {
                return;
            }

            var read = Remittance835Reader.ReadClaim(loop);
            var claim = Remittance835Mapping.Claim(read);
            if (v.Violations.Count < MaxFindings)
            {
                var where = $"transaction {number}, segment {loop.Position} (CLP, loop 2100)";
                RemittanceBalancing.CheckClaim(v, claim, where);
                // The mapping cuts a CAS quantity to what posting keeps (a count of units); such a file is refused, not changed.
                foreach (var adjustment in read.AllAdjustments.Where(a => a.Quantity > uint.MaxValue))
                {
                    v.Add(where, $"CAS {adjustment.GroupCode} {adjustment.ReasonCode}: quantity {adjustment.Quantity} is more units than posting keeps ({uint.MaxValue})");
                }
            }

            claims++;
            paid += claim.PaidCents;
        });

        using (var stream = open())
        {
            foreach (var transaction in X12Reader.Read(stream, errors, streaming: streaming))
            {
                var where = $"transaction {number} (ST {transaction.ControlNumber})";
                if (transaction.Type != "835")
                {
                    v.Add(where, $"is a {transaction.Type}, not an 835 remittance");
                }
                else
                {
                    var payment = Remittance835Mapping.Payment(Remittance835Reader.Read(transaction));
                    v.RequireText(payment.PayerId, $"{where}: payer id (1000A REF*2U, or TRN03)", 80).RequireText(payment.TraceNumber, $"{where}: TRN02", 80);
                    RemittanceBalancing.CheckTotal(v, payment.TotalPaidCents, paid, payment.Plb, where);
                    if (traces.TryGetValue((payment.PayerId, payment.TraceNumber), out var first))
                    {
                        v.Add(where, $"repeats the payer and trace number of transaction {first}");
                    }

                    traces.TryAdd((payment.PayerId, payment.TraceNumber), number);
                    plans.Add(new TransactionPlan(transaction.ControlNumber, payment, claims));
                }

                claims = 0;
                paid = Int128.Zero;
                number++;
            }
        }

        foreach (var error in errors.Take(MaxFindings))
        {
            v.Add("file", error.ToString());
        }

        v.Require(plans.Count > 0 || !v.IsValid, "file", "holds no 835 transaction");
        v.ThrowIfInvalid();
        return plans;
    }
}
