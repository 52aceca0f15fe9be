using System.Reflection;
using Google.Protobuf.Reflection;

namespace RevenueCycle.ServiceDefaults.Grpc;

/// <summary>Finds the protobuf method descriptor of a gRPC path (<c>/package.Service/Method</c>) among our contracts.</summary>
public static class ContractDescriptors
{
    private static readonly Lazy<Dictionary<string, MethodDescriptor>> Methods = new(Load);

    public static MethodDescriptor? Find(string fullMethodName) =>
        Methods.Value.GetValueOrDefault(fullMethodName.TrimStart('/'));

    private static Dictionary<string, MethodDescriptor> Load()
    {
        var contracts = typeof(Contracts.Common.V1.Claim).Assembly;
        var files = contracts.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(FileDescriptor))
            .Select(p => (FileDescriptor)p!.GetValue(null)!);
        return files.SelectMany(f => f.Services).SelectMany(s => s.Methods)
            .ToDictionary(m => $"{m.Service.FullName}/{m.Name}", StringComparer.Ordinal);
    }
}
