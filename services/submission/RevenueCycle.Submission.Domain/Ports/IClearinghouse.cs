namespace RevenueCycle.Submission.Domain.Ports;

/// <summary>A file to or from the clearinghouse: its name and X12 text.</summary>
public sealed record ClearinghouseFile(string Name, string Content)
{
    /// <summary>A file's identity whatever its name: its content's SHA-256, lower-case hex (intake reads a file once by it).</summary>
    public static string IdOf(string content) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content)));
}

/// <summary>
/// The clearinghouse (or payer) connection: hand over an interchange; collect the answers (999, 277CA, 277, 835).
/// Adapters: the in-process payer sandbox, a directory drop (outbox/inbox, the pattern of SFTP clearinghouses).
/// Received files stay until acknowledged, so a crash between reading and recording one loses nothing.
/// </summary>
public interface IClearinghouse
{
    Task SendAsync(ClearinghouseFile file, CancellationToken cancellationToken);

    Task<IReadOnlyList<ClearinghouseFile>> ReceiveAsync(CancellationToken cancellationToken);

    Task AcknowledgeAsync(ClearinghouseFile file, CancellationToken cancellationToken);
}
