using System.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace RevenueCycle.Gateway.ApiReference;

/// <summary>A service the gateway routes: its gateway name (the tag, the scope) and its proto service.</summary>
public sealed record RoutedService(string Name, ServiceDescriptor Descriptor, Type ClrType)
{
    public RoutedService(string name, (ServiceDescriptor Descriptor, Type ClrType) service) : this(name, service.Descriptor, service.ClrType)
    {
    }
}

/// <summary>The gRPC services compiled into the contracts assembly: each generated static class with a <c>Descriptor</c>.</summary>
public static class ContractServices
{
    public static Assembly Assembly { get; } = typeof(Contracts.Common.V1.Address).Assembly;

    public static IReadOnlyList<(ServiceDescriptor Descriptor, Type ClrType)> All { get; } = Assembly.GetExportedTypes()
        .Where(t => t is { IsAbstract: true, IsSealed: true })
        .Select(t => (Property: t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static), Type: t))
        .Where(p => p.Property?.PropertyType == typeof(ServiceDescriptor))
        .Select(p => ((ServiceDescriptor)p.Property!.GetValue(null)!, p.Type))
        .ToArray();

    public static (ServiceDescriptor Descriptor, Type ClrType) Find(string fullName) =>
        All.FirstOrDefault(s => s.Descriptor.FullName == fullName) is { Descriptor: not null } found
            ? found
            : throw new InvalidOperationException($"The gateway routes {fullName}, which no compiled proto defines.");
}
