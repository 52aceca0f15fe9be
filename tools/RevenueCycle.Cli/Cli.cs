using Grpc.Core;
using RevenueCycle.Cli.Commands;

namespace RevenueCycle.Cli;

/// <summary>Parses the command line and runs one command. Exit codes: 0 ok, 1 the answer says no, 2 usage or connection error.</summary>
public static class Cli
{
    public const string Usage = """
        rcm: RevenueCycle command-line client

        usage: rcm [--gateway URL] [--api-key KEY] COMMAND ...

          health                                   every service's readiness, through the gateway
          services [--tsv|--json]                  the platform's declared services: gRPC service, local ports,
                                                   topics published and handled, services called (offline)
          eligibility check (--payer ID --member ID [--last NAME --first NAME] [--dob DATE] [--sex f|m] | --coverage ID)
                         [--dependent-last NAME --dependent-first NAME [--dependent-dob DATE]] [--service-type CODE]...
                         [--dos DATE] [--procedure CODE]... [--json]
                                                   ask the payer (270/271) whether the patient is covered on the date
                                                   of service and what the plan pays; exit 1 unless active
          eligibility batch FILE.csv [--concurrency N] [--json]
                                                   check a schedule (columns: reference, payer_id, member_id, last_name,
                                                   first_name, date_of_birth, sex, date_of_service, service_types,
                                                   dependent_*, coverage_id, patient_id); the rows needing a registrar
          eligibility read FILE.271 [--json]       the benefit snapshot a 271 file gives, offline
          eligibility cob PATIENT [--dos DATE] [--accident none|employment|auto|other] [--json]
                                                   the order the patient's coverages pay in (NAIC and Medicare
                                                   Secondary Payer rules) and what to resolve; exit 1 if anything
          eligibility snapshot ID [--raw|--json]   a stored answer (--raw: the 271 it was read from)
          front-end list [--resolved] [--json]     claims denied or rejected for a front-end reason (eligibility, COB,
                                                   authorization), with what the payer's 271 said on the date of service
          front-end show TASK [--json]             one task: its denials, what was known, what to do
          front-end resolve TASK [--coverage ID] [--authorization ID] [--note TEXT]
                                                   the registrar's fix: submission sends the corrected claim
          estimate (--coverage ID | --snapshot ID) [--dos DATE] [--px CODE[:MOD][*UNITS][=ALLOWED_CENTS]]...
                   [--allowed CENTS] [--service-type CODE] [--out-of-network] [--json]
                                                   what the patient will owe: the payer's 271 (copay, deductible left,
                                                   coinsurance, out-of-pocket left) on amounts priced by the fee schedule
          estimate --self-pay FILE.json [--key KEY] [--json]
                                                   a Good Faith Estimate for an uninsured or self-pay patient (No
                                                   Surprises Act): items by provider, charges, disclaimers, due date
          auth add --patient ID --payer ID --number N --codes CODE[,FROM-TO...] --units N --from DATE --to DATE
                   [--referral] [--coverage ID] [--key KEY] [--json]
                                                   record a payer's prior authorization (or referral) for a patient
          auth list PATIENT [--json]               the patient's authorizations with units used and left
          codes validate --dos YYYY-MM-DD --dx CODE[,CODE...] [--px CODE[:MOD:MOD][*UNITS][@PTR,PTR]]...
                         [--age YEARS] [--sex f|m] [--payer ID]
                                                   validate codes for a date of service, patient and payer
          codes sets | codes reload                code-set editions in force; reload the reference directory
          codes suggest (--text TEXT | --file NOTE) [--inpatient] [--max N] [--refdata DIR [--history FILE]]
                                                   suggest codes with their evidence (offline with --refdata)
          codes eval --codiesp FILE --refdata DIR [--history FILE] [--outpatient] [--hcpcs]
          codes eval --negex FILE                  measure suggestion (recall@5/10, MAP) or negation (P/R/F1), offline
          scrub FILE.json [--refdata DIR] [--payer-rules FILE] [--today YYYY-MM-DD] [--online [--record]]
                                                   scrub claims written as the contract's JSON (one claim, {"claims":
                                                   [...]} or an array): offline, or checked by the service (--online:
                                                   nothing recorded), or scrubbed for real (--record: recorded and
                                                   counted in the clean-claim rate); exit 1 if not clean
          scrub rules | scrub reload | scrub rate  the scrubber's tables in force; reload them; clean-claim rate
          x12 parse FILE [--json]                  an X12 file's transactions as JSON (exit 0), or its located errors (exit 1)
          x12 validate FILE                        check an X12 file: one line per located error, exit 1 if any
          x12 build-837 CLAIMS.json [--out FILE] [--sender ID] [--receiver ID] [--control N] [--production]
                                                   write an 837 interchange for claims in the contract's JSON
          sandbox respond FILE.837 [--out DIR] [--at TIME]
                                                   the payer sandbox's 999/277CA/277/835 answers to an interchange,
                                                   offline (its scenarios: docs/SANDBOX.md)
          accounts show ID [--json]                a guarantor account: patient due, insurance pending, its claims and
                                                   the ledger line by line (charges, payments, adjustments, patient shares)
          accounts list [--patient ID | --credits] [--json]
                                                   accounts, latest activity first; a patient's; or those holding a
                                                   credit, largest first (the refund worklist)
          accounts hold ID --reason dispute|financial-assistance|other [--note TEXT]
                                                   no statements or collection steps until: accounts release ID
          accounts writeoff ID CENTS --code small-balance|administrative|charity|final-denial [--claim ID]... [--key KEY]
                                                   write off patient balance (the claims named first, then the oldest);
                                                   final-denial: a denied claim's open insurance balance (one --claim)
          accounts guarantor ID --name NAME --line1 TEXT [--line2 TEXT] --city CITY --state ST --zip ZIP
                                                   where statements and letters are mailed
          assistance screen --household N --income CENTS
                                                   the financial-assistance sliding scale (HHS poverty guidelines)
          assistance decide ACCOUNT --household N --income CENTS
                                                   decide an application: the discount is written off as charity
          agency place (ACCOUNT | --ready) --agency ID
                                                   place with a collection agency (bad debt); refused with the reason
                                                   before the dunning cadence and IRS 501(r) allow it
          agency recall ACCOUNT | agency payment ACCOUNT CENTS --fee CENTS
                                                   take an account back; post what the agency collected and kept
          agency file --date YYYY-MM-DD --out FILE the placement file of a day (CSV)
          payments record ACCOUNT CENTS --method cash|check|card|ach [--reference REF] [--claim ID]... [--open] [--key KEY]
                                                   a patient payment, to the claims named first, then the oldest visits
          payments refund ACCOUNT CENTS --method check|card|ach|cash [--key KEY]
                                                   give back part or all of a credit balance (never more)
          demo [--encounters N] [--seed S]        a synthetic batch (no real person) through the whole cycle: eligibility,
                                                   coding, scrubbing, 837, the payer sandbox's answers, posting, denials
                                                   worked, replacements, statements and payments; then the report and
                                                   KPIs. The same seed is the same batch (a run again changes nothing)
          kpis [--from DATE --to DATE] [--by payer|provider|code|carc|week|month] [--payer ID] [--json]
                                                   clean claim rates, initial denial rates, denials by root cause and
                                                   CARC, touchless rate, days to claim, net revenue, net days in A/R,
                                                   A/R over 90 days, net collection rate, final denial write-offs
                                                   (HFMA definitions: docs/KPIS.md)
          aging [--json]                           receivables by age (0-30 ... over 120 days): patient-due from the
                                                   first statement, insurance from submission
          plans create ACCOUNT (--installment CENTS | --count N) [--down CENTS] [--day 1-31] [--grace DAYS]
                                                   a payment plan on the patient-due balance (the last installment
                                                   absorbs the rounding); statements wait while it is in good standing
          plans show ACCOUNT [--json]              its schedule, payments and standing
          plans add ACCOUNT                        add visits billed since the plan to it (installments not yet due)
          statements run [--json]                  issue today's statements (patient-due balances the payers are done with)
          statements show ID [--json]              a statement, line by date of service
          statements pdf ID --out FILE             the statement's PDF
          statements export RUN --out FILE         the run's mail-house file (CSV, guarantors' mailing addresses)
          claims submit FILE.json [--key KEY]      submit a claim written as the contract's JSON
          claims status CLAIM_ID                   a claim and its versions
          claims correct CLAIM_ID FILE.json [--key KEY]
                                                   send a replacement (frequency 7) with the corrected claim
          claims void CLAIM_ID [--key KEY]         send a void (frequency 8) of the claim as last sent
          claims rejected                          claims the 999 or 277CA rejected, oldest first
          claims filing-due [--days 30]            claims not yet on file with the payer whose filing deadline is near
          claims transmit                          batch queued claims into an 837 and hand it to the clearinghouse now
          claims receive                           read the clearinghouse's 999/277CA/277/835 answers now
          claims inquire [--days N]                send a 276 status inquiry for claims the payer has been silent about
                                                   for N days (default: the service's Submission__StatusInquiryAfterDays)
          transmissions list                       interchanges sent, newest first (no PHI)
          transmissions set-aside                  answer files set aside (unreadable, an 835 not posted), with why;
                                                   one leaves on its own when the payer's re-sent 835 for
                                                   the same payment (same trace number) posts
          transmissions resolve FILE_ID --note TEXT
                                                   takes one off that list once dealt with (e.g. posted by hand)
          transmissions receive FILE               read one answer file (a corrected 835, one from the payer's portal)
                                                   as the clearinghouse's are: claims move, 835s post, secondaries bill
          remit import FILE.835                    import an X12 835 file (any size, many payers); exit 1 with its
                                                   located findings when it is refused
          remit post FILE.json                     post a remittance written as the contract's JSON
          remit unmatched                          payments posting could not tie to a submitted claim or line
          remit underpayments                      lines paid below the contract or Medicare fee, largest shortfall first
          remit plb [--reason WO|FB|L6|...]        provider-level adjustments (recoupments, interest ...), newest first
          remit deposit TRACE CENTS [--date YYYY-MM-DD] [--ref BANKREF] [--payer ID]
                                                   record an EFT deposit and reconcile it with its 835; exit 1 if not matched
          remit reconciliation [--status awaiting-deposit|matched|amount-differs|awaiting-remittance]
          denials list [--category CATEGORY]       detected denials, newest first
          denials worklist [--owner billing|coding|front-end]
                                                   open denials of one owner, nearest appeal deadline first
          denials resolve DENIAL_ID --as written-off|appealed|corrected|other [--note TEXT]
                                                   close a denial with how it ended; it leaves its owner's worklist (a
                                                   corrected claim the payer pays closes its denials by itself)
          corrections list                         open coding correction tasks
          corrections complete TASK_ID --line LICN=CODE[:MOD...][*UNITS][@PTR,...]... [--dx CODE,...] [--key KEY]
                                                   a coder's fix: submission sends the corrected claim
          webhooks subscribe --url URL --topic TOPIC... [--name APP] [--key KEY]
                                                   deliver events to an internal app, signed (Standard Webhooks); prints
                                                   the secret once
          webhooks list                            the subscriptions
          webhooks deliveries SUBSCRIPTION [--state pending|delivered|dead] [--max N]
                                                   its deliveries, newest first: attempts, last outcome
          webhooks replay SUBSCRIPTION [--event ID]...
                                                   send dead deliveries again (all of them without --event)
          webhooks delete SUBSCRIPTION             stop delivering to it
          audit verify [--service NAME]... [--json]
                                                   recompute every service's hash-chained audit trail (needs the audit
                                                   scope); names the first altered, removed or reordered record; exit 1
          audit records --service NAME [--patient ID] [--key KEY_ID] [--client NAME] [--from TIME] [--to TIME]
                        [--max N] [--json]         who touched what: the trail's records, oldest first
          dead-letters list [--service NAME]... [--json]
                                                   the events each service could not handle and set aside
          dead-letters replay --service NAME --topic TOPIC --event ID
                                                   hand one to its handler again once the cause is fixed

        The gateway defaults to $RCM_GATEWAY or http://127.0.0.1:5080 (h2c), the key to $RCM_API_KEY or the
        demo key of `make run`. Output is JSON, except eligibility's readable tables (--json for scripts).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var arguments = new Arguments(args);
        var gateway = arguments.Option("--gateway") ?? Environment.GetEnvironmentVariable("RCM_GATEWAY") ?? "http://127.0.0.1:5080";
        var apiKey = arguments.Option("--api-key") ?? Environment.GetEnvironmentVariable("RCM_API_KEY") ?? "rcm-local-demo-key";
        var words = arguments.Positionals;
        if (words.Count == 0 || words[0] is "help" or "--help" or "-h")
        {
            await output.WriteLineAsync(Usage);
            return words.Count == 0 ? 2 : 0;
        }

        using var client = new GatewayClient(new Uri(gateway), apiKey);
        try
        {
            return (words[0], words.ElementAtOrDefault(1)) switch
            {
                ("health", _) => await HealthCommand.RunAsync(client, output),
                ("services", _) => await ServicesCommand.RunAsync(arguments, output),
                ("eligibility", "check") => await EligibilityCommands.CheckAsync(client, arguments, output),
                ("eligibility", "batch") => await EligibilityCommands.BatchAsync(client, arguments, output, error),
                ("eligibility", "read") => await EligibilityCommands.ReadAsync(arguments, output),
                ("eligibility", "cob") => await EligibilityCommands.CobAsync(client, arguments, output),
                ("eligibility", "snapshot") => await EligibilityCommands.SnapshotAsync(client, arguments, output),
                ("front-end", "list") => await FrontEndCommands.ListAsync(client, arguments, output),
                ("front-end", "show") => await FrontEndCommands.ShowAsync(client, arguments, output),
                ("front-end", "resolve") => await FrontEndCommands.ResolveAsync(client, arguments, output),
                ("estimate", _) => await EstimateCommands.EstimateAsync(client, arguments, output),
                ("auth", "add") => await AuthorizationCommands.AddAsync(client, arguments, output),
                ("auth", "list") => await AuthorizationCommands.ListAsync(client, arguments, output),
                ("codes", "validate") => await CodesCommands.ValidateAsync(client, arguments, output),
                ("codes", "suggest") => await SuggestCommands.SuggestAsync(client, arguments, output),
                ("codes", "eval") => await SuggestCommands.EvalAsync(arguments, output),
                ("codes", "sets") => await CodesCommands.CodeSetsAsync(client, reload: false, output),
                ("codes", "reload") => await CodesCommands.CodeSetsAsync(client, reload: true, output),
                ("scrub", "rules" or "reload" or "rate") => await ScrubCommands.AdminAsync(client, words[1], output),
                ("scrub", _) => await ScrubCommands.ScrubAsync(client, arguments, output),
                ("x12", "parse") => await X12Commands.ParseAsync(arguments, output),
                ("x12", "validate") => await X12Commands.ValidateAsync(arguments, output),
                ("x12", "build-837") => await X12Commands.Build837Async(arguments, output),
                ("sandbox", "respond") => await SandboxCommands.RespondAsync(arguments, output),
                ("accounts", "show") => await AccountsCommands.ShowAsync(client, arguments, output),
                ("accounts", "list") => await AccountsCommands.ListAsync(client, arguments, output),
                ("accounts", "hold") => await AccountsCommands.HoldAsync(client, arguments, output, release: false),
                ("accounts", "release") => await AccountsCommands.HoldAsync(client, arguments, output, release: true),
                ("accounts", "writeoff") => await CollectionCommands.WriteOffAsync(client, arguments, output),
                ("accounts", "guarantor") => await CollectionCommands.GuarantorAsync(client, arguments, output),
                ("assistance", "screen") => await CollectionCommands.ScreenAsync(client, arguments, output),
                ("assistance", "decide") => await CollectionCommands.DecideAsync(client, arguments, output),
                ("agency", "place") => await CollectionCommands.PlaceAsync(client, arguments, output),
                ("agency", "recall") => await CollectionCommands.RecallAsync(client, arguments, output),
                ("agency", "payment") => await CollectionCommands.PaymentAsync(client, arguments, output),
                ("agency", "file") => await CollectionCommands.PlacementFileAsync(client, arguments, output),
                ("statements", "export") => await CollectionCommands.MailHouseFileAsync(client, arguments, output),
                ("plans", "add") => await PlansCommands.AddAsync(client, arguments, output),
                ("payments", "record") => await PaymentsCommands.RecordAsync(client, arguments, output),
                ("payments", "refund") => await PaymentsCommands.RefundAsync(client, arguments, output),
                ("aging", _) => await AgingCommands.ShowAsync(client, arguments, output),
                ("kpis", _) => await KpisCommands.ShowAsync(client, arguments, output),
                ("demo", _) => await DemoCommand.RunAsync(client, arguments, output, error),
                ("plans", "create") => await PlansCommands.CreateAsync(client, arguments, output),
                ("plans", "show") => await PlansCommands.ShowAsync(client, arguments, output),
                ("statements", "run") => await StatementsCommands.RunAsync(client, arguments, output),
                ("statements", "show") => await StatementsCommands.ShowAsync(client, arguments, output),
                ("statements", "pdf") => await StatementsCommands.PdfAsync(client, arguments, output),
                ("claims", "submit") => await ClaimsCommands.SubmitAsync(client, arguments, output),
                ("claims", "status") => await ClaimsCommands.StatusAsync(client, arguments, output),
                ("claims", "correct") => await ClaimsCommands.CorrectAsync(client, arguments, output),
                ("claims", "void") => await ClaimsCommands.VoidAsync(client, arguments, output),
                ("claims", "rejected") => await ClaimsCommands.ListAsync(client, arguments, Contracts.Submission.V1.ClaimWorklist.Rejected, output),
                ("claims", "filing-due") => await ClaimsCommands.ListAsync(client, arguments, Contracts.Submission.V1.ClaimWorklist.FilingDue, output),
                ("claims", "transmit") => await ClaimsCommands.TransmitAsync(client, output, error),
                ("claims", "receive") => await ClaimsCommands.ReceiveAsync(client, output, error),
                ("claims", "inquire") => await ClaimsCommands.InquireAsync(client, arguments, output, error),
                ("transmissions", "list") => await ClaimsCommands.ListTransmissionsAsync(client, output),
                ("transmissions", "set-aside") => await ClaimsCommands.ListSetAsideAsync(client, output, error),
                ("transmissions", "resolve") => await ClaimsCommands.ResolveSetAsideAsync(client, arguments, output),
                ("transmissions", "receive") => await ClaimsCommands.ReceiveFileAsync(client, arguments, output, error),
                ("remit", "import") => await PostingCommands.ImportAsync(client, arguments, output),
                ("remit", "unmatched") => await PostingCommands.ListUnmatchedAsync(client, output),
                ("remit", "deposit") => await PostingCommands.DepositAsync(client, arguments, output),
                ("remit", "reconciliation") => await PostingCommands.ReconciliationAsync(client, arguments, output),
                ("remit", "underpayments") => await PostingCommands.ListUnderpaymentsAsync(client, output),
                ("remit", "plb") => await PostingCommands.ListProviderAdjustmentsAsync(client, arguments, output),
                ("remit", "post") => await PostingCommands.PostAsync(client, arguments, output),
                ("denials", "worklist") => await PostingCommands.WorklistAsync(client, arguments, output),
                ("denials", "list") => await PostingCommands.ListDenialsAsync(client, arguments, output),
                ("denials", "resolve") => await PostingCommands.ResolveDenialAsync(client, arguments, output),
                ("webhooks", "subscribe") => await WebhooksCommands.SubscribeAsync(client, arguments, output),
                ("webhooks", "list") => await WebhooksCommands.ListAsync(client, output),
                ("webhooks", "deliveries") => await WebhooksCommands.DeliveriesAsync(client, arguments, output),
                ("webhooks", "replay") => await WebhooksCommands.ReplayAsync(client, arguments, output),
                ("webhooks", "delete") => await WebhooksCommands.DeleteAsync(client, arguments, output),
                ("audit", "verify") => await AuditCommands.VerifyAsync(client, arguments, output),
                ("audit", "records") => await AuditCommands.RecordsAsync(client, arguments, output),
                ("dead-letters", "list") => await DeadLettersCommands.ListAsync(client, arguments, output),
                ("dead-letters", "replay") => await DeadLettersCommands.ReplayAsync(client, arguments, output),
                ("corrections", "list") => await CodesCommands.ListCorrectionsAsync(client, output),
                ("corrections", "complete") => await CodesCommands.CompleteCorrectionAsync(client, arguments, output),
                _ => await UnknownAsync(error),
            };
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"rcm: {e.Message}");
            return 2;
        }
        catch (RpcException e)
        {
            await error.WriteLineAsync($"rcm: {e.StatusCode}: {e.Status.Detail}");
            return e.StatusCode is StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.FailedPrecondition ? 1 : 2;
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"rcm: cannot reach the gateway at {gateway} ({e.Message}). Is `make run` running?");
            return 2;
        }
    }

    private static async Task<int> UnknownAsync(TextWriter error)
    {
        await error.WriteLineAsync("rcm: unknown command; see `rcm help`.");
        return 2;
    }
}

public sealed class UsageException(string message) : Exception(message);
