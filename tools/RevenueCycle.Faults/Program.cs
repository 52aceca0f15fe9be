using RevenueCycle.Faults;

// make faults [ENCOUNTERS] [SEED] [FSYNC...]: reconciles a batch run quietly with the same batch run under SIGKILLs.
var encounters = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
var seed = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7;
string[] settings = args.Length > 2 ? args[2..] : ["everysec", "always"];
var suite = new FaultSuite(new FaultSettings(Directory.GetCurrentDirectory(), encounters, seed), Console.Out);
var failed = false;
foreach (var fsync in settings)
{
    failed |= !(await suite.ReconcileAsync(fsync, CancellationToken.None)).Clean;
}

return failed ? 1 : 0;
