using System.Reflection;
using System.Xml.Linq;
using Google.Protobuf.Reflection;

namespace RevenueCycle.Gateway.ApiReference;

/// <summary>
/// The proto comments, as Grpc.Tools wrote them into the contracts' XML documentation file
/// (<c>RevenueCycle.Contracts.xml</c>, copied beside the assembly on build and publish). Descriptors compiled into C#
/// carry no comments, so this is where the API reference gets its prose. A missing file only costs the descriptions.
/// </summary>
internal sealed class ProtoComments
{
    private readonly Dictionary<string, string> _members;

    private ProtoComments(Dictionary<string, string> members) => _members = members;

    public static ProtoComments Load(Assembly contracts)
    {
        var file = Path.ChangeExtension(contracts.Location, ".xml");
        if (string.IsNullOrEmpty(contracts.Location) || !File.Exists(file))
        {
            return new ProtoComments([]);
        }

        var members = XDocument.Load(file).Descendants("member")
            .Select(m => (Name: (string?)m.Attribute("name"), Summary: m.Element("summary")))
            .Where(m => m.Name is not null && m.Summary is not null)
            .ToDictionary(m => m.Name!, m => Clean(m.Summary!.Value), StringComparer.Ordinal);
        return new ProtoComments(members);
    }

    public string? Of(MessageDescriptor message) => message.ClrType is null ? null : Find($"T:{DocName(message.ClrType)}");

    public string? Of(EnumDescriptor enumeration) => Find($"T:{DocName(enumeration.ClrType)}");

    /// <summary>A field's comment; map entries (key, value) have no generated type and no comment.</summary>
    public string? Of(FieldDescriptor field) =>
        field.ContainingType.ClrType is null ? null : Find($"P:{DocName(field.ContainingType.ClrType)}.{field.PropertyName}");

    public string? Of(Type serviceType) => Find($"T:{DocName(serviceType)}");

    /// <summary>The rpc's comment, as written on the generated server base method.</summary>
    public string? Of(Type serviceType, MethodDescriptor method)
    {
        var prefix = $"M:{DocName(serviceType)}.{method.Service.Name}Base.{method.Name}(";
        return _members.FirstOrDefault(m => m.Key.StartsWith(prefix, StringComparison.Ordinal)).Value;
    }

    /// <summary>The enum values' comments, by proto name.</summary>
    public IEnumerable<(string Name, string Comment)> ValuesOf(EnumDescriptor enumeration) =>
        enumeration.ClrType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (Name: f.GetCustomAttribute<OriginalNameAttribute>()?.Name, Comment: Find($"F:{DocName(enumeration.ClrType)}.{f.Name}")))
            .Where(v => v.Name is not null && v.Comment is not null)
            .Select(v => (v.Name!, v.Comment!));

    private string? Find(string member) => _members.GetValueOrDefault(member);

    private static string DocName(Type type) => type.FullName!.Replace('+', '.');

    /// <summary>The comment's lines without the XML indentation, so blank lines and list items read as Markdown.</summary>
    private static string Clean(string summary) =>
        string.Join('\n', summary.Split('\n').Select(l => l.Trim())).Trim();
}
