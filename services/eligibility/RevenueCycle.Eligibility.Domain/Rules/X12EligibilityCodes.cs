namespace RevenueCycle.Eligibility.Domain.Rules;

/// <summary>Meanings of the 271's codes, for people reading an answer (005010X279A1 code lists).</summary>
public static class X12EligibilityCodes
{
    private static readonly Dictionary<string, string> RejectReasons = new(StringComparer.Ordinal)
    {
        ["04"] = "authorized quantity exceeded",
        ["15"] = "required application data missing",
        ["33"] = "input errors",
        ["35"] = "out of network",
        ["41"] = "authorization/access restrictions",
        ["42"] = "unable to respond at current time",
        ["43"] = "invalid/missing provider identification",
        ["44"] = "invalid/missing provider name",
        ["45"] = "invalid/missing provider specialty",
        ["46"] = "invalid/missing provider phone number",
        ["47"] = "invalid/missing provider state",
        ["48"] = "invalid/missing referring provider identification number",
        ["49"] = "provider is not primary care physician",
        ["50"] = "provider ineligible for inquiries",
        ["51"] = "provider not on file",
        ["52"] = "service dates not within provider plan enrollment",
        ["53"] = "inquired benefit inconsistent with provider type",
        ["54"] = "inappropriate product/service ID qualifier",
        ["55"] = "inappropriate product/service ID",
        ["56"] = "inappropriate date",
        ["57"] = "invalid/missing date(s) of service",
        ["58"] = "invalid/missing date-of-birth",
        ["60"] = "date of birth follows date(s) of service",
        ["61"] = "date of death precedes date(s) of service",
        ["62"] = "date of service not within allowable inquiry period",
        ["63"] = "date of service in future",
        ["64"] = "invalid/missing patient ID",
        ["65"] = "invalid/missing patient name",
        ["66"] = "invalid/missing patient gender code",
        ["67"] = "patient not found",
        ["68"] = "duplicate patient ID number",
        ["69"] = "inconsistent with patient's age",
        ["70"] = "inconsistent with patient's gender",
        ["71"] = "patient birth date does not match that for the patient on the database",
        ["72"] = "invalid/missing subscriber/insured ID",
        ["73"] = "invalid/missing subscriber/insured name",
        ["74"] = "invalid/missing subscriber/insured gender code",
        ["75"] = "subscriber/insured not found",
        ["76"] = "duplicate subscriber/insured ID number",
        ["77"] = "subscriber found, patient not found",
        ["78"] = "subscriber/insured not in group/plan identified",
        ["79"] = "invalid participant identification",
        ["80"] = "no response received - transaction terminated",
        ["97"] = "invalid or missing provider address",
        ["98"] = "experimental service or procedure",
        ["AA"] = "authorization number not found",
        ["AE"] = "requires primary care physician authorization",
        ["AF"] = "invalid/missing diagnosis code(s)",
        ["AG"] = "invalid/missing procedure code(s)",
        ["AO"] = "additional patient condition information required",
        ["CI"] = "certification information does not match patient",
        ["E8"] = "requires medical review",
        ["IA"] = "invalid authorization number format",
        ["MA"] = "missing authorization number",
        ["T4"] = "payer name or identifier missing",
    };

    private static readonly Dictionary<string, string> FollowUps = new(StringComparer.Ordinal)
    {
        ["C"] = "please correct and resubmit",
        ["N"] = "resubmission not allowed",
        ["P"] = "please resubmit original transaction",
        ["R"] = "resubmission allowed",
        ["S"] = "do not resubmit; inquiry initiated to a third party",
        ["W"] = "please wait 30 days and resubmit",
        ["X"] = "please wait 10 days and resubmit",
        ["Y"] = "do not resubmit; the payer holds the request and answers again shortly",
    };

    private static readonly Dictionary<string, string> Quantities = new(StringComparer.Ordinal)
    {
        ["8H"] = "minimum", ["99"] = "used", ["CA"] = "covered (actual)", ["CE"] = "covered (estimated)", ["D3"] = "days (coordination of benefits)",
        ["DB"] = "deductible blood units", ["DY"] = "days", ["HS"] = "hours", ["LA"] = "life-time reserve (actual)", ["LE"] = "life-time reserve (estimated)",
        ["M2"] = "maximum", ["MN"] = "months", ["P6"] = "number of services or procedures", ["QA"] = "quantity approved", ["S7"] = "age, high value",
        ["S8"] = "age, low value", ["VS"] = "visits", ["YY"] = "years",
    };

    private static readonly Dictionary<string, string> ServiceTypes = new(StringComparer.Ordinal)
    {
        ["1"] = "medical care", ["2"] = "surgical", ["3"] = "consultation", ["4"] = "diagnostic x-ray", ["5"] = "diagnostic lab", ["6"] = "radiation therapy",
        ["7"] = "anesthesia", ["8"] = "surgical assistance", ["12"] = "durable medical equipment purchase", ["14"] = "renal supplies in the home",
        ["18"] = "durable medical equipment rental", ["20"] = "second surgical opinion", ["23"] = "diagnostic dental", ["24"] = "periodontics",
        ["25"] = "restorative", ["26"] = "endodontics", ["27"] = "maxillofacial prosthetics", ["28"] = "adjunctive dental services",
        ["30"] = "health benefit plan coverage", ["33"] = "chiropractic", ["35"] = "dental care", ["37"] = "dental accident", ["38"] = "orthodontics",
        ["39"] = "prosthodontics", ["40"] = "oral surgery", ["41"] = "routine (preventive) dental", ["42"] = "home health care", ["45"] = "hospice",
        ["47"] = "hospital", ["48"] = "hospital - inpatient", ["50"] = "hospital - outpatient", ["51"] = "hospital - emergency accident",
        ["52"] = "hospital - emergency medical", ["53"] = "hospital - ambulatory surgical", ["54"] = "long term care", ["56"] = "medically related transportation",
        ["60"] = "general benefits", ["61"] = "in-vitro fertilization", ["62"] = "MRI/CAT scan", ["63"] = "donor procedures", ["64"] = "acupuncture",
        ["65"] = "newborn care", ["67"] = "smoking cessation", ["68"] = "well baby care", ["69"] = "maternity", ["70"] = "transplants",
        ["73"] = "diagnostic medical", ["76"] = "dialysis", ["78"] = "chemotherapy", ["80"] = "immunizations", ["81"] = "routine physical",
        ["82"] = "family planning", ["83"] = "infertility", ["84"] = "abortion", ["86"] = "emergency services", ["88"] = "pharmacy",
        ["90"] = "vision (optometry)", ["91"] = "brand name prescription drug", ["92"] = "generic prescription drug", ["93"] = "podiatry",
        ["94"] = "podiatry - office visits", ["95"] = "podiatry - nursing home visits", ["96"] = "professional (physician)", ["97"] = "anesthesiologist",
        ["98"] = "professional (physician) visit - office", ["99"] = "professional (physician) visit - inpatient", ["A0"] = "professional (physician) visit - outpatient",
        ["A3"] = "professional (physician) visit - home", ["A4"] = "psychiatric", ["A5"] = "psychiatric - room and board", ["A6"] = "psychotherapy",
        ["A7"] = "psychiatric - inpatient", ["A8"] = "psychiatric - outpatient", ["AD"] = "occupational therapy", ["AE"] = "physical medicine",
        ["AF"] = "speech therapy", ["AG"] = "skilled nursing care", ["AI"] = "substance abuse", ["AJ"] = "alcoholism", ["AK"] = "drug addiction",
        ["AL"] = "vision (optometry)", ["AM"] = "frames", ["AO"] = "lenses", ["AQ"] = "nonmedically necessary physical", ["AR"] = "experimental drug therapy",
        ["B1"] = "burn care", ["B2"] = "brand name prescription drug - formulary", ["B3"] = "brand name prescription drug - non-formulary",
        ["BB"] = "partial hospitalization (psychiatric)", ["BG"] = "cardiac rehabilitation", ["BH"] = "pediatric", ["BT"] = "gynecological",
        ["BU"] = "obstetrical", ["BZ"] = "physician visit - office: well", ["DM"] = "durable medical equipment", ["MH"] = "mental health", ["UC"] = "urgent care",
    };

    public static string RejectReason(string code) => RejectReasons.GetValueOrDefault(code, code.Length == 0 ? "" : $"reason {code}");

    public static string FollowUp(string code) => FollowUps.GetValueOrDefault(code, code);

    public static string Quantity(string qualifier) => Quantities.GetValueOrDefault(qualifier, qualifier);

    public static string ServiceType(string code) => ServiceTypes.GetValueOrDefault(code, code);

    public static bool IsServiceType(string code) => ServiceTypes.ContainsKey(code);

    /// <summary>AAA 42 (unable to respond now) and 80 (no response received): ask again later, not a finding about the patient.</summary>
    public static bool PayerUnavailable(string reasonCode) => reasonCode is "42" or "80";
}
