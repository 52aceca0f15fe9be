namespace RevenueCycle.Sandbox.Domain;

/// <summary>
/// What the sandbox payer does with a claim, chosen by the last character of the subscriber's member id (see
/// docs/SANDBOX.md). Anything else is paid clean.
/// </summary>
public enum SandboxScenario
{
    /// <summary>Paid at 80% of charge; the rest a contractual adjustment (CO-45).</summary>
    CleanPay,

    /// <summary>Member id ends in D: a $50 deductible (PR-1) then 20% coinsurance (PR-2) left to the patient.</summary>
    DeductibleAndCoinsurance,

    /// <summary>
    /// Member id ends in X: the last line denied as bundled (CO-97, remark M15), a coding denial, unless it carries a
    /// distinct-service modifier (59, XE, XP, XS, XU) as the coder's correction adds; the rest paid.
    /// </summary>
    Denial,

    /// <summary>Member id ends in R: rejected by the 277CA (A7:164:IL, member id not found), a front-end error; no 835.</summary>
    Rejection,

    /// <summary>Member id ends in P: paid, and an earlier overpayment of 10% is recouped from the check (PLB WO).</summary>
    Recoupment,

    /// <summary>Member id ends in N: accepted, then pended for review (277 P1:20); no 835 yet.</summary>
    Pended,

    /// <summary>Member id ends in I: coverage terminated (271 EB*6); a claim is denied CO-27, a front-end error.</summary>
    Terminated,

    /// <summary>Member id ends in C: another payer is primary (271 EB*R, 2120 PRP); a claim is denied CO-22 (coordination of benefits).</summary>
    OtherCoverage,

    /// <summary>Member id ends in A: surgery and imaging need authorization (271 EB11 Y); a claim without REF*G1 is denied CO-197.</summary>
    AuthorizationRequired,

    /// <summary>Member id ends in L: filed after the payer's limit, every line denied CO-29 (timely filing), a billing denial no correction fixes.</summary>
    TimelyFiling,

    /// <summary>Member id ends in U: the payer cannot answer now (271 AAA 42); claims pay as clean.</summary>
    PayerUnavailable,

    /// <summary>Member id ends in T: no 271 comes back (a timeout); claims pay as clean.</summary>
    NoAnswer,
}

public static class SandboxScenarios
{
    public static SandboxScenario For(string memberId) => memberId.Trim().ToUpperInvariant() switch
    {
        var m when m.EndsWith('D') => SandboxScenario.DeductibleAndCoinsurance,
        var m when m.EndsWith('X') => SandboxScenario.Denial,
        var m when m.EndsWith('R') => SandboxScenario.Rejection,
        var m when m.EndsWith('P') => SandboxScenario.Recoupment,
        var m when m.EndsWith('N') => SandboxScenario.Pended,
        var m when m.EndsWith('I') => SandboxScenario.Terminated,
        var m when m.EndsWith('C') => SandboxScenario.OtherCoverage,
        var m when m.EndsWith('A') => SandboxScenario.AuthorizationRequired,
        var m when m.EndsWith('L') => SandboxScenario.TimelyFiling,
        var m when m.EndsWith('U') => SandboxScenario.PayerUnavailable,
        var m when m.EndsWith('T') => SandboxScenario.NoAnswer,
        _ => SandboxScenario.CleanPay,
    };
}
