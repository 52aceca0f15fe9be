[assembly: AssemblyFixture(typeof(RevenueCycle.Gateway.Tests.PlatformFixture))]
