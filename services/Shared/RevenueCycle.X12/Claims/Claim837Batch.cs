using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.X12.Model;
using RevenueCycle.X12.Syntax;
using RevenueCycle.X12.Writing;

namespace RevenueCycle.X12.Claims;

/// <summary>The envelope of an outgoing interchange: who sends to whom, its control number, production or test.</summary>
public sealed record InterchangeHeader(string SenderQualifier, string SenderId, string ReceiverQualifier, string ReceiverId, int ControlNumber, bool Production);

/// <summary>
/// Puts claims into one interchange: professional and institutional claims in their own functional groups (GS08
/// names the guide), at most <see cref="MaxClaimsPerTransaction"/> claims per transaction set as the guides advise,
/// control numbers derived from the interchange's so each is unique per sender.
/// </summary>
public static class Claim837Batch
{
    public const int MaxClaimsPerTransaction = 5_000;

    public static X12Interchange Build(IReadOnlyList<Claim> claims, Submitter837 submitter, InterchangeHeader header, DateTimeOffset at, Delimiters? delimiters = null)
    {
        var chosen = delimiters ?? Delimiters.Default;
        var builder = new InterchangeBuilder(X12Writer.Isa(header.SenderQualifier, header.SenderId, header.ReceiverQualifier, header.ReceiverId, at, header.ControlNumber, header.Production, chosen), chosen);
        var group = 0;
        foreach (var byType in claims.GroupBy(c => c.Type == ClaimType.Institutional).OrderBy(g => g.Key))
        {
            group++;
            var version = byType.Key ? Claim837Writer.InstitutionalVersion : Claim837Writer.ProfessionalVersion;
            var transactions = byType.Chunk(MaxClaimsPerTransaction).Select((chunk, index) =>
            {
                // ST02: the interchange control number's last digits, the group and the transaction, unique within the group.
                var control = $"{header.ControlNumber % 100_000:D5}{group}{index + 1:D3}";
                var body = Claim837Writer.Body(chunk, submitter, $"{header.ControlNumber}{group}{index + 1}", at);
                return (control, (IReadOnlyList<Segment>)body);
            }).ToList();
            builder.Group("HC", submitter.Id, submitter.ReceiverId, at, (int)((long)header.ControlNumber * 10 % 1_000_000_000) + group, version, "837", transactions);
        }

        return builder.Build();
    }

    /// <summary>The interchange as text (with line breaks after each segment, as most clearinghouses accept).</summary>
    public static string Write(IReadOnlyList<Claim> claims, Submitter837 submitter, InterchangeHeader header, DateTimeOffset at) =>
        X12Writer.Write(Build(claims, submitter, header, at));
}
