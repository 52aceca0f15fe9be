using Microsoft.Extensions.Hosting;
using RevenueCycle.BuildingBlocks;

namespace RevenueCycle.Messaging;

/// <summary>Hands this service's subscriptions to the shared in-process bus when the host starts.</summary>
internal sealed class InProcessSubscriber(InProcessEventBus bus, EventDispatcher dispatcher, DeadLetterStore deadLetters, ServiceIdentity identity)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        bus.Subscribe(identity.Name, dispatcher, deadLetters);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
