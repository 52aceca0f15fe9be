using System.Globalization;
using System.Net;
using System.Text;
using RevenueCycle.BuildingBlocks.Claims;
using RevenueCycle.Collections.Domain.Kpis;

namespace RevenueCycle.Collections.Api.Charts;

/// <summary>
/// The denial Pareto as a self-contained SVG: one bar per root cause or CARC, most denials first, its count and dollars
/// under it, and the cumulative share of all denials as a line. Server-rendered, so the dashboard needs no chart
/// library and nothing from a CDN; each bar carries its key and count as data attributes for tests and tools.
/// </summary>
public static class DenialParetoSvg
{
    private const int Width = 640, Height = 300, Left = 48, Right = 48, Top = 24, Bottom = 64;

    public static string Render(IReadOnlyList<DenialCount> denials, string title)
    {
        var total = denials.Sum(d => d.Denials);
        var max = Math.Max(1, denials.Count == 0 ? 1 : denials.Max(d => d.Denials));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = denials.Count == 0 ? plotWidth : (double)plotWidth / denials.Count;
        var svg = new StringBuilder();
        // Presentation attributes, not a <style> element: a page's content security policy may forbid inline styles.
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {Width} {Height}" width="{Width}" height="{Height}" role="img" aria-label="{Escape(title)}" data-total="{total}" font-family="sans-serif" font-size="11" fill="#333">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title>{Escape(title)}</title>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Top + plotHeight}" x2="{Width - Right}" y2="{Top + plotHeight}" stroke="#999"/>""");
        if (total == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width / 2}" y="{Height / 2}" text-anchor="middle">No denials in the period</text>""");
        }

        var cumulative = 0;
        var points = new List<string>();
        for (var i = 0; i < denials.Count; i++)
        {
            var d = denials[i];
            var h = plotHeight * d.Denials / (double)max;
            var x = Left + i * slot + slot * 0.15;
            var w = slot * 0.7;
            cumulative += d.Denials;
            var cx = Left + i * slot + slot / 2;
            points.Add(F(cx) + "," + F(Top + plotHeight - plotHeight * cumulative / (double)total));
            svg.Append(CultureInfo.InvariantCulture, $"""<rect class="bar" fill="#3b6ea8" data-key="{Escape(d.Key)}" data-denials="{d.Denials}" data-cents="{d.DeniedCents}" x="{F(x)}" y="{F(Top + plotHeight - h)}" width="{F(w)}" height="{F(h)}"><title>{Escape(d.Key)}: {d.Denials} denials, {Money.Format(d.DeniedCents)}</title></rect>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{F(cx)}" y="{F(Top + plotHeight - h - 4)}" text-anchor="middle">{d.Denials}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{F(cx)}" y="{Top + plotHeight + 16}" text-anchor="middle">{Escape(d.Key)}</text>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{F(cx)}" y="{Top + plotHeight + 30}" text-anchor="middle">{Money.Format(d.DeniedCents)}</text>""");
        }

        if (points.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<polyline class="cum" fill="none" stroke="#d9822b" stroke-width="2" points="{string.Join(' ', points)}"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width - Right + 4}" y="{Top + 4}">100%</text><text x="{Width - Right + 4}" y="{Top + plotHeight}">0%</text>""");
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="{Height - 8}">{total} denials; the line is the cumulative share</text></svg>""");
        return svg.ToString();
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
