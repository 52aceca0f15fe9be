using System.Net.Sockets;
using System.Text;
using RevenueCycle.Webhooks.Domain;

namespace RevenueCycle.Webhooks.Api.Delivery;

/// <summary>One signed POST; any 2xx is taken, anything else (and no answer) is an attempt that failed, said plainly.</summary>
public sealed class HttpWebhookSender(HttpClient http) : IWebhookSender
{
    public async Task<AttemptResult> SendAsync(string url, IReadOnlyDictionary<string, string> headers, string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new AttemptResult(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return new AttemptResult(false, e.InnerException is SocketException socket ? $"connection failed ({socket.SocketErrorCode})" : $"connection failed ({e.HttpRequestError})");
        }
    }
}
