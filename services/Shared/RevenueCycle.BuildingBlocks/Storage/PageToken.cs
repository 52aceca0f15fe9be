using System.Globalization;
using System.Text;
using RevenueCycle.BuildingBlocks.Errors;

namespace RevenueCycle.BuildingBlocks.Storage;

/// <summary>Opaque page tokens over an index cursor: the last entry of the page, base64url-encoded.</summary>
public static class PageToken
{
    public static string Encode(IndexEntry? last) =>
        last is null ? "" : Convert.ToBase64String(Encoding.UTF8.GetBytes($"{last.Score.ToString("R", CultureInfo.InvariantCulture)}|{last.Member}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static IndexEntry? Decode(string token, string field = "page_token")
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && double.TryParse(text[..bar], NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
            {
                return new IndexEntry(text[(bar + 1)..], score);
            }
        }
        catch (FormatException)
        {
            // falls through to the error below
        }

        throw new ValidationException(field, "is not a token this service issued");
    }

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>The page size to use for what a caller asked: 0 or less is the default, more than the cap is the cap.</summary>
    public static int Size(int requested) => requested <= 0 ? DefaultPageSize : Math.Min(requested, MaxPageSize);

    /// <summary>
    /// One page of the documents an index lists, in index order: the members after the token, read through
    /// <paramref name="key"/> (member to document key). The page holds at most <see cref="Size"/>(<paramref name="requestedSize"/>) items.
    /// </summary>
    public static async Task<Page<T>> PageOfAsync<T>(
        this IDocumentStore store, string index, Func<string, string> key, string token, int requestedSize, bool descending, CancellationToken cancellationToken)
    {
        var (members, next) = await store.PageAsync(index, token, Size(requestedSize), descending, cancellationToken);
        var documents = await store.GetManyAsync<T>(members.Select(key).ToArray(), cancellationToken);
        return new Page<T>(documents.Select(d => d.Value).ToArray(), next);
    }

    /// <summary>Reads one page of <paramref name="size"/> members after the token; the next token is empty on the last page.</summary>
    public static async Task<(IReadOnlyList<string> Members, string NextToken)> PageAsync(
        this IDocumentStore store, string index, string token, int size, bool descending, CancellationToken cancellationToken)
    {
        var entries = await store.RangeAsync(index, Decode(token), size + 1, descending, cancellationToken);
        var page = entries.Take(size).ToArray();
        return (page.Select(e => e.Member).ToArray(), entries.Count > size ? Encode(page[^1]) : "");
    }
}
