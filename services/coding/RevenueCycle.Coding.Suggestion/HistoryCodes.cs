namespace RevenueCycle.Coding.Suggestion;

/// <summary>
/// Where a condition goes when the note places it in the patient's past or in a relative: personal history codes
/// (Z85-Z87, I25.2 old infarction, remission codes) and family history codes (Z80-Z84). Rules are code ranges, most
/// specific first; codes are without dots. Chronic conditions stay current even when written as "history of".
/// </summary>
internal static class HistoryCodes
{
    private static readonly Rule[] Personal = Parse(
        "A4902:Z8614", "T1491:Z9151", "M844:Z87311", "M843:Z87312", "K635:Z86010", "N870-N879:Z87410",
        "C01-C02:Z85810", "C00-C14:Z85819", "C15:Z8501", "C16:Z85028", "C17:Z85068", "C18-C19:Z85038",
        "C20-C21:Z85048", "C22:Z8505", "C23-C24:Z8509", "C25:Z8507", "C26:Z8509", "C30-C31:Z8522", "C32:Z8521",
        "C33:Z8512", "C34:Z85118", "C37:Z85238", "C38-C39:Z8529", "C40-C41:Z85830", "C43:Z85820", "C4A:Z85821",
        "C44:Z85828", "C45-C49:Z85831", "C50:Z853", "C51-C52:Z8544", "C53:Z8541", "C54-C55:Z8542", "C56:Z8543",
        "C57-C58:Z8544", "C60:Z8549", "C61:Z8546", "C62:Z8547", "C63:Z8549", "C64:Z85528", "C65:Z8553", "C66:Z8554",
        "C67:Z8551", "C68:Z8559", "C69:Z85840", "C70:Z85848", "C71:Z85841", "C72:Z85848", "C73:Z85850",
        "C74-C75:Z85858", "C76-C80:Z859", "C81:Z8571", "C82-C86:Z8572", "C88-C90:Z8579", "C91-C95:Z856", "C96:Z8579",
        "D00:Z86003", "D01:Z86004", "D02:Z86005", "D03:Z86006", "D04:Z86007", "D05:Z86000", "D06:Z86001",
        "D07:Z86002", "D09:Z86008", "D12:Z86010", "D33:Z86011", "D3A:Z86012", "D10-D36:Z86018", "D37-D48:Z8603",
        "A15-A19:Z8611", "A80:Z8612", "B50-B54:Z8613", "U071:Z8616", "A00-B19:Z8619", "B25-B99:Z8619",
        "D50-D89:Z862", "O244:Z8632", "E00-E89:Z8639", "F17:Z87891", "F01-F99:Z8659", "G00-G09:Z8661",
        "G45:Z8673", "G00-H95:Z8669", "I21-I22:I252", "I26:Z86711", "I80:Z8672", "I81-I82:Z86718", "I63:Z8673",
        "I46:Z8674", "I00-I99:Z8679", "J12-J18:Z8701", "J00-J99:Z8709", "K25-K28:Z8711", "K00-K95:Z8719",
        "L00-L99:Z872", "M80:Z87310", "M00-M99:Z8739", "N10-N12:Z87440", "N30:Z87440", "N390:Z87440",
        "N04:Z87441", "N20-N23:Z87442", "N40-N53:Z87438", "N70-N98:Z8742", "N00-N99:Z87448", "O60:Z8751",
        "O00-O9A:Z8759", "P77:Z8761", "P00-P96:Z8768", "Q54:Z87710", "Q20-Q28:Z8774", "Q35-Q37:Z87730",
        "Q00-Q99:Z87798", "S02:Z8781", "S12:Z8781", "S22:Z8781", "S32:Z8781", "S42:Z8781", "S52:Z8781", "S62:Z8781",
        "S72:Z8781", "S82:Z8781", "S92:Z8781", "S06:Z87820", "S00-T34:Z87828");

    private static readonly Rule[] Family = Parse(
        "E7801:Z8342", "K635:Z83719", "D12:Z83719", "C80:Z809", "C15-C26:Z800", "C30-C32:Z802", "C33-C34:Z801",
        "C37-C39:Z802", "C50:Z803", "C56:Z8041", "C61:Z8042", "C62:Z8043", "C51-C63:Z8049", "C64-C65:Z8051",
        "C67:Z8052", "C66-C68:Z8059", "C91-C95:Z806", "C81-C96:Z807", "C00-C79:Z808", "F70-F79:Z810", "F10:Z811",
        "F17:Z812", "F11-F19:Z813", "F01-F99:Z818", "H54:Z821", "H90-H91:Z822", "H40:Z83511", "H60-H95:Z8352",
        "H00-H59:Z83518", "G00-G99:Z820", "I60-I64:Z823", "I46:Z8241", "I00-I99:Z8249", "J40-J47:Z825",
        "J00-J99:Z836", "M05-M19:Z8261", "M80-M81:Z8262", "M00-M99:Z8269", "Q61:Z8271", "Q00-Q99:Z8279",
        "B20:Z830", "A00-B99:Z831", "D50-D89:Z832", "E08-E13:Z833", "E78:Z83438", "E00-E89:Z8349",
        "K00-K95:Z8379", "L00-L99:Z840", "N00-N29:Z841", "N30-N99:Z842");

    // Long-standing conditions that "history of" does not end: they are still coded as current.
    private static readonly Rule[] Chronic = Parse(
        "I10-I16:", "E08-E13:", "E78:", "E03:", "E05:", "E66:", "I48:", "I50:", "I25:", "I27:", "I73:", "J44:", "J45:",
        "N18:", "G40:", "G35:", "G20:", "G30:", "G43:", "G4733:", "F03:", "F20:", "F31:", "F33:", "M05-M06:",
        "M10:", "M15-M19:", "M32:", "M81:", "K21:", "K50-K51:", "K70:", "K74:", "B18:", "B20:", "N40:", "H40:",
        "L40:", "D86:", "D57:", "E84:", "Z21:", "Z79:", "Z94-Z99:");

    /// <summary>The personal history code for a past condition, or null when none is apt.</summary>
    public static string? PersonalHistoryOf(string code)
    {
        // Substance use disorders in the past are coded "in remission" in their own category.
        if (code.Length >= 5 && code[0] == 'F' && code[1] == '1' && code[2] is >= '0' and <= '9' and not '7'
            && code[3] is '1' or '2')
        {
            return code[..4] + "1";
        }

        return Find(Personal, code);
    }

    private static readonly HashSet<string> CatchAll = new(StringComparer.Ordinal)
    {
        "Z8619", "Z862", "Z8639", "Z8659", "Z8669", "Z8679", "Z8709", "Z8719", "Z872", "Z8739", "Z87448", "Z8742",
        "Z87438", "Z8759", "Z8768", "Z87798", "Z87828",
    };

    /// <summary>Whether a personal history code is only a chapter-wide catch-all ("other diseases of the digestive system").</summary>
    public static bool IsCatchAll(string code) => CatchAll.Contains(code);

    /// <summary>The family history code for a relative's condition, or null when none is apt.</summary>
    public static string? FamilyHistoryOf(string code) => Find(Family, code);

    /// <summary>Whether "history of" this condition still means the patient has it.</summary>
    public static bool IsChronic(string code) => Find(Chronic, code) is not null;

    private static string? Find(Rule[] rules, string code)
    {
        foreach (var r in rules)
        {
            if (InRange(code, r.From, r.To))
            {
                return r.Target;
            }
        }

        return null;
    }

    private static bool InRange(string code, string from, string to)
    {
        var a = code.Length >= from.Length ? code[..from.Length] : code;
        var b = code.Length >= to.Length ? code[..to.Length] : code;
        return string.CompareOrdinal(a, from) >= 0 && string.CompareOrdinal(b, to) <= 0 && code.Length >= from.Length;
    }

    private readonly record struct Rule(string From, string To, string Target);

    private static Rule[] Parse(params string[] specs) =>
        specs.Select(s =>
        {
            var colon = s.IndexOf(':', StringComparison.Ordinal);
            var range = s[..colon];
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            var from = dash < 0 ? range : range[..dash];
            var to = dash < 0 ? range : range[(dash + 1)..];
            return new Rule(from, to, s[(colon + 1)..]);
        }).ToArray();
}
