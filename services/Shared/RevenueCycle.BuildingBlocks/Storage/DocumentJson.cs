using System.Text.Json;
using System.Text.Json.Serialization;

namespace RevenueCycle.BuildingBlocks.Storage;

/// <summary>The one JSON shape for stored documents and integration events: camelCase, enums as strings.</summary>
public static class DocumentJson
{
    /// <remarks>
    /// Strict on the way in: a missing constructor parameter or a null where the type says non-null is an error,
    /// so an event from a foreign or broken publisher is refused (and dead-lettered) instead of half-read.
    /// </remarks>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"Stored JSON for {typeof(T).Name} is null.");
}
