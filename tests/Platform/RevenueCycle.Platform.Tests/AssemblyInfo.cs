[assembly: AssemblyFixture(typeof(RevenueCycle.Testing.RedisFixture))]
