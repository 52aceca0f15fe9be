using RevenueCycle.BuildingBlocks.Claims;

namespace RevenueCycle.Scrubbing.Domain.Rules;

internal static class LineNumbers
{
    /// <summary>The line's own number (LX01) when it has one, else its position: findings follow the line, not its place.</summary>
    public static uint Of(ServiceLine line, int index) => line.LineNumber == 0 ? (uint)(index + 1) : line.LineNumber;
}
