namespace RevenueCycle.Coding.Suggestion;

/// <summary>
/// Hand-written vocabulary that bridges how notes are written and how code titles are written: stop words, one-word
/// synonyms folded to one form on both sides, note-side abbreviation and phrase expansions, and title words that carry
/// little meaning for matching.
/// </summary>
internal static class ClinicalLexicon
{
    /// <summary>Function words ignored on both sides; negation words are handled by <see cref="ClinicalContext"/>.</summary>
    public static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "from", "and", "or", "as", "is", "was",
        "were", "be", "been", "being", "are", "am", "this", "that", "these", "those", "his", "her", "hers", "its",
        "their", "he", "she", "it", "they", "we", "you", "i", "me", "my", "our", "him", "them", "which", "who",
        "whom", "has", "have", "had", "having", "do", "does", "did", "also", "into", "than", "then", "there",
        "per", "via", "upon", "any", "some", "all", "no", "not", "nor", "without", "but", "if", "so", "such", "very",
        "will", "would", "can", "could", "should", "may", "might", "must", "shall", "about", "after", "before",
        "during", "while", "up", "out", "off", "over", "under", "again", "further", "once", "here", "when", "where",
        "why", "how", "both", "each", "few", "more", "most", "same", "own", "too", "just", "only", "s", "t",
        "due", "because", "until", "against", "between", "through", "above", "below", "what", "mg", "ml", "kg",
        "unspecified", "specified", "other", "nos", "nec", "elsewhere", "classified", "uncomplicated", "site",
        "sites", "part", "parts", "initial", "encounter", "closed", "mention", "w", "y", "yo", "old", "year",
        "years", "patient", "pt", "including", "involving", "associated", "use", "given", "etc", "de", "la", "el",
    };

    /// <summary>Title words that qualify rather than name a condition; they count less towards a match.</summary>
    public static readonly HashSet<string> SoftWords = Stems(
        "essential", "primary", "idiopathic", "disease", "disorder", "condition", "syndrome", "acute", "chronic",
        "mellitus", "nonspecific", "abnormal", "finding", "state", "simple", "generalized", "localized", "organ",
        "body", "region", "structure", "tissue", "type", "current", "multiple", "single", "complete",
        "incomplete", "partial", "recurrent", "persistent", "severe", "mild", "moderate", "stage", "episode",
        "intractable", "native", "level", "organism", "behavior", "system", "viral");

    // Declared before Canonical: static fields initialise in text order.
    private static readonly (string From, string To)[] CanonicalPairs =
    [
        ("renal", "kidney"), ("nephric", "kidney"), ("hepatic", "liver"), ("cardiac", "heart"), ("pulmonary", "lung"),
        ("cerebral", "brain"), ("gastric", "stomach"), ("vesical", "bladder"), ("cutaneous", "skin"), ("dermal", "skin"),
        ("osseous", "bone"), ("ocular", "eye"), ("ophthalmic", "eye"), ("nasal", "nose"), ("oral", "mouth"),
        ("splenic", "spleen"), ("pancreatic", "pancreas"), ("colonic", "colon"), ("rectal", "rectum"), ("anal", "anus"),
        ("uterine", "uterus"), ("ovarian", "ovary"), ("testicular", "testis"), ("prostatic", "prostate"),
        ("vertebral", "vertebra"), ("spinal", "spine"), ("femoral", "femur"), ("tibial", "tibia"), ("fibular", "fibula"),
        ("humeral", "humerus"), ("pelvic", "pelvis"), ("abdominal", "abdomen"), ("arterial", "artery"),
        ("venous", "vein"), ("axillary", "axilla"), ("mammary", "breast"), ("pleural", "pleura"),
        ("pericardial", "pericardium"), ("peritoneal", "peritoneum"), ("esophageal", "esophagus"),
        ("duodenal", "duodenum"), ("ileal", "ileum"), ("jejunal", "jejunum"), ("bronchial", "bronchus"),
        ("tracheal", "trachea"), ("laryngeal", "larynx"), ("pharyngeal", "pharynx"), ("tonsillar", "tonsil"),
        ("retinal", "retina"), ("corneal", "cornea"), ("conjunctival", "conjunctiva"), ("facial", "face"),
        ("mandibular", "mandible"), ("maxillary", "maxilla"), ("clavicular", "clavicle"), ("scapular", "scapula"),
        ("sternal", "sternum"), ("patellar", "patella"), ("umbilical", "umbilicus"), ("vaginal", "vagina"),
        ("vulvar", "vulva"), ("penile", "penis"), ("scrotal", "scrotum"), ("urethral", "urethra"),
        ("ureteral", "ureter"), ("ureteric", "ureter"), ("tumor", "neoplasm"), ("neoplasia", "neoplasm"),
        ("carcinomas", "carcinoma"), ("tumors", "neoplasm"), ("thyroidal", "thyroid"), ("gingival", "gingiva"),
        ("lingual", "tongue"), ("buccal", "cheek"), ("cranial", "skull"), ("intestinal", "intestine"),
        ("bowel", "intestine"), ("enteric", "intestine"), ("ii", "2"), ("iii", "3"),
        ("oesophageal", "esophagus"), ("haemorrhage", "hemorrhage"), 
        ("dyspnoea", "dyspnea"), ("elevation", "elevated"), ("raised", "elevated"), ("increased", "elevated"),
        ("high", "elevated"), ("reduced", "decreased"), ("low", "decreased"), ("diminished", "decreased"),  ("lymphadenitis", "lymphadenitis"),
    ];

    /// <summary>
    /// Qualifiers a note may leave unsaid even when they are all a title adds to its one naming word ("Pneumonia,
    /// unspecified organism"). The others are required then: "Bladder disorder" needs "disorder", "Acute abdomen" needs
    /// "acute", or every mention of the organ would match.
    /// </summary>
    public static readonly HashSet<string> OmittableWords = Stems(
        "essential", "primary", "idiopathic", "mellitus", "nonspecific", "simple", "organ", "body", "region", "structure",
        "tissue", "current", "native", "level", "organism", "behavior", "system", "episode", "stage", "single", "viral");

    /// <summary>Qualifiers that pick a more specific code: a title naming one the note does not say ranks a little lower.</summary>
    public static readonly HashSet<string> Specifiers = Stems(
        "acute", "chronic", "recurrent", "persistent", "severe", "mild", "moderate", "complete", "incomplete", "partial",
        "multiple", "generalized", "localized", "intractable");

    /// <summary>Direction words a title cannot do without: "Elevated erythrocyte sedimentation rate" is not the test's name.</summary>
    public static readonly HashSet<string> PolarityWords = Stems("elevated", "decreased");

    /// <summary>Words that only frame a title ("Personal history of ..."); a title needs a word beyond these.</summary>
    public static readonly HashSet<string> Generic = Stems("history", "personal", "family", "status", "encounter",
        "screening", "examination", "observation", "problem", "presence", "complication", "finding", "symptom", "sign", "age", "general", "factor", "exposure");

    /// <summary>One-word synonyms folded to one stem on both sides ("renal" and "kidney" meet).</summary>
    public static readonly Dictionary<string, string> Canonical = BuildCanonical();

    /// <summary>
    /// Note-side abbreviations: the key is a folded lower-case word, the value its expansion. Ambiguous ones are only
    /// expanded when written in capitals and not used as a section heading (see <see cref="Ambiguous"/>).
    /// </summary>
    public static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["htn"] = "hypertension", ["hbp"] = "hypertension", ["dm"] = "diabetes mellitus",
        ["dm2"] = "type 2 diabetes mellitus", ["t2dm"] = "type 2 diabetes mellitus", ["dmii"] = "type 2 diabetes mellitus",
        ["niddm"] = "type 2 diabetes mellitus", ["t2d"] = "type 2 diabetes mellitus", ["dm1"] = "type 1 diabetes mellitus",
        ["t1dm"] = "type 1 diabetes mellitus", ["iddm"] = "type 1 diabetes mellitus", ["dmi"] = "type 1 diabetes mellitus",
        ["t1d"] = "type 1 diabetes mellitus", ["chf"] = "congestive heart failure", ["hf"] = "heart failure",
        ["hfref"] = "systolic heart failure", ["hfpef"] = "diastolic heart failure",
        ["copd"] = "chronic obstructive pulmonary disease", ["ckd"] = "chronic kidney disease",
        ["esrd"] = "end stage renal disease", ["eskd"] = "end stage renal disease", ["aki"] = "acute kidney failure",
        ["arf"] = "acute kidney failure", ["afib"] = "atrial fibrillation", ["af"] = "atrial fibrillation",
        ["aflutter"] = "atrial flutter", ["cad"] = "coronary artery disease", ["ihd"] = "ischemic heart disease",
        ["mi"] = "myocardial infarction", ["ami"] = "acute myocardial infarction",
        ["stemi"] = "st elevation myocardial infarction", ["nstemi"] = "non st elevation myocardial infarction",
        ["uti"] = "urinary tract infection", ["utis"] = "urinary tract infection", ["gerd"] = "gastro esophageal reflux disease",
        ["gord"] = "gastro esophageal reflux disease", ["cva"] = "cerebral infarction", ["tia"] = "transient cerebral ischemic attack",
        ["sob"] = "shortness of breath", ["doe"] = "dyspnea", ["hld"] = "hyperlipidemia", ["oa"] = "osteoarthritis",
        ["djd"] = "osteoarthritis", ["ra"] = "rheumatoid arthritis", ["bph"] = "benign prostatic hyperplasia",
        ["dvt"] = "deep vein thrombosis", ["pe"] = "pulmonary embolism", ["ms"] = "multiple sclerosis",
        ["osa"] = "obstructive sleep apnea", ["ugib"] = "upper gastrointestinal hemorrhage",
        ["lgib"] = "lower gastrointestinal hemorrhage", ["gib"] = "gastrointestinal hemorrhage", ["gi"] = "gastrointestinal",
        ["hiv"] = "human immunodeficiency virus hiv disease", ["aids"] = "human immunodeficiency virus hiv disease",
        ["hcv"] = "hepatitis c", ["hbv"] = "hepatitis b", ["tb"] = "tuberculosis", ["ca"] = "malignant neoplasm",
        ["nsclc"] = "non small cell malignant neoplasm lung", ["sclc"] = "small cell malignant neoplasm lung",
        ["hcc"] = "liver cell carcinoma", ["rcc"] = "renal cell carcinoma", ["crc"] = "colorectal malignant neoplasm",
        ["aaa"] = "abdominal aortic aneurysm", ["pvd"] = "peripheral vascular disease", ["pad"] = "peripheral vascular disease",
        ["ibs"] = "irritable bowel syndrome", ["ibd"] = "inflammatory bowel disease", ["uc"] = "ulcerative colitis",
        ["sle"] = "systemic lupus erythematosus", ["ptsd"] = "post traumatic stress disorder",
        ["adhd"] = "attention deficit hyperactivity disorder", ["mdd"] = "major depressive disorder",
        ["gad"] = "generalized anxiety disorder", ["ocd"] = "obsessive compulsive disorder", ["etoh"] = "alcohol",
        ["ards"] = "acute respiratory distress syndrome", ["uri"] = "acute upper respiratory infection",
        ["urti"] = "acute upper respiratory infection", ["lbp"] = "low back pain", ["ha"] = "headache",
        ["n/v"] = "nausea with vomiting", ["fx"] = "fracture", ["sz"] = "seizure", ["ams"] = "altered mental status",
        ["loc"] = "loss of consciousness", ["pud"] = "peptic ulcer", ["cp"] = "chest pain",
        ["nash"] = "nonalcoholic steatohepatitis", ["nafld"] = "nonalcoholic fatty liver disease",
        ["ich"] = "intracerebral hemorrhage", ["sah"] = "subarachnoid hemorrhage", ["sdh"] = "subdural hemorrhage",
        ["tbi"] = "traumatic brain injury", ["pna"] = "pneumonia", ["cap"] = "pneumonia", ["svt"] = "supraventricular tachycardia",
        ["vt"] = "ventricular tachycardia", ["vtach"] = "ventricular tachycardia", ["vf"] = "ventricular fibrillation",
        ["vfib"] = "ventricular fibrillation", ["lvh"] = "left ventricular hypertrophy", ["lbbb"] = "left bundle branch block",
        ["rbbb"] = "right bundle branch block", ["pvc"] = "premature ventricular contractions",
        ["pvcs"] = "premature ventricular contractions", ["pac"] = "premature atrial contractions",
        ["hocm"] = "obstructive hypertrophic cardiomyopathy", ["pah"] = "pulmonary arterial hypertension",
        ["ild"] = "interstitial pulmonary disease", ["ipf"] = "idiopathic pulmonary fibrosis", ["cf"] = "cystic fibrosis",
        ["pkd"] = "polycystic kidney", ["pid"] = "pelvic inflammatory disease", ["pcos"] = "polycystic ovarian syndrome",
        ["gdm"] = "gestational diabetes mellitus", ["prom"] = "premature rupture of membranes",
        ["mrsa"] = "methicillin resistant staphylococcus aureus", ["mssa"] = "methicillin susceptible staphylococcus aureus",
        ["cdiff"] = "clostridium difficile", ["ebv"] = "epstein barr virus", ["cmv"] = "cytomegaloviral",
        ["hsv"] = "herpes simplex", ["vzv"] = "zoster", ["hpv"] = "papillomavirus", ["rsv"] = "respiratory syncytial virus",
        ["covid"] = "covid 19", ["covid19"] = "covid 19", ["dka"] = "diabetes mellitus with ketoacidosis",
        ["als"] = "amyotrophic lateral sclerosis", ["pd"] = "parkinson disease", ["mci"] = "mild cognitive impairment",
        ["ddd"] = "intervertebral disc degeneration", ["ida"] = "iron deficiency anemia", ["oud"] = "opioid dependence",
        ["aud"] = "alcohol dependence", ["bmi"] = "body mass index", ["hypothyroid"] = "hypothyroidism",
        ["hyperthyroid"] = "hyperthyroidism", ["lft"] = "liver function", ["lfts"] = "liver function",
        ["asd"] = "atrial septal defect", ["vsd"] = "ventricular septal defect", ["pda"] = "patent ductus arteriosus",
        ["ivdu"] = "drug abuse", ["abd"] = "abdominal", ["hx"] = "history", ["sx"] = "symptoms", ["dx"] = "diagnosis",
        ["tx"] = "treatment", ["nhl"] = "non hodgkin lymphoma", ["cll"] = "chronic lymphocytic leukemia",
        ["aml"] = "acute myeloid leukemia", ["cml"] = "chronic myeloid leukemia", ["mgus"] = "monoclonal gammopathy",
        ["itp"] = "immune thrombocytopenic purpura", ["ttp"] = "thrombotic thrombocytopenic purpura",
        ["dic"] = "disseminated intravascular coagulation", ["siadh"] = "inappropriate secretion antidiuretic hormone",
        ["sirs"] = "systemic inflammatory response syndrome", ["hfrs"] = "hemorrhagic fever renal syndrome",
        ["ugi"] = "upper gastrointestinal", ["lrti"] = "lower respiratory infection", ["bpd"] = "bronchopulmonary dysplasia",
        ["luts"] = "lower urinary tract symptoms", ["iv"] = "intravenous injection", ["im"] = "intramuscular injection",
        ["subq"] = "subcutaneous injection", ["sq"] = "subcutaneous injection", ["po"] = "oral",
    };

    /// <summary>Abbreviations that are also ordinary words or other terms; expanded only when written in capitals.</summary>
    public static readonly HashSet<string> Ambiguous = new(StringComparer.Ordinal)
    {
        "pe", "ms", "ra", "oa", "af", "ca", "cp", "pd", "cf", "ha", "uc", "vt", "vf", "cap", "pad", "als", "ida", "asd",
        "pda", "gi", "dm", "hf", "mi", "tb", "pid", "gad", "loc", "sz", "fx", "pac", "doe", "aids", "sob", "ams", "uri",
        "aud", "bpd", "ugi", "dic", "itp", "ttp",
    };

    /// <summary>Note-side phrase expansions, matched on stems after folding (the phrase stays; its expansion is added).</summary>
    public static readonly (string Phrase, string Expansion)[] Phrases =
    [
        ("heart attack", "myocardial infarction"), ("high blood pressure", "hypertension"),
        ("arterial hypertension", "hypertension"), ("stroke", "cerebral infarction"),
        ("cerebrovascular accident", "cerebral infarction"), ("kidney stone", "calculus of kidney"),
        ("renal stone", "calculus of kidney"), ("gallstone", "calculus of gallbladder"),
        ("short of breath", "shortness of breath"), ("breathing difficulty", "dyspnea"), ("difficulty breathing", "dyspnea"),
        ("belly pain", "abdominal pain"), ("stomach pain", "abdominal pain"), ("stomach ache", "abdominal pain"),
        ("stomachache", "abdominal pain"), ("sore throat", "pharyngitis"), ("pink eye", "conjunctivitis"),
        ("flu", "influenza"), ("common cold", "acute nasopharyngitis"), ("cancer", "malignant neoplasm"),
        ("carcinoma", "malignant neoplasm"), ("malignancy", "malignant neoplasm"), ("adenocarcinoma", "malignant neoplasm"),
        ("malignant tumor", "malignant neoplasm"), ("metastasis", "secondary malignant neoplasm"),
        ("metastatic", "secondary malignant neoplasm"), ("mets", "secondary malignant neoplasm"),
        ("back pain", "dorsalgia"), ("joint pain", "arthralgia"), ("muscle pain", "myalgia"),
        ("hair loss", "alopecia"), ("blood in urine", "hematuria"), ("fainting", "syncope"), ("faint", "syncope"),
        ("passed out", "syncope"), ("nosebleed", "epistaxis"), ("liver cirrhosis", "cirrhosis of liver"),
        ("hepatic cirrhosis", "cirrhosis of liver"), ("smoker", "nicotine dependence"),
        ("smoking", "nicotine dependence"), ("tobacco use", "nicotine dependence"), ("infection", "infectious disease"),
        ("necrosis", "gangrene"), ("dyslipidemia", "hyperlipidemia"), ("high cholesterol", "hypercholesterolemia"),
        ("type ii", "type 2"), ("stage ii", "stage 2"), ("stage iii", "stage 3"), ("stage iv", "stage 4"),
        ("insulin dependent diabetes", "type 1 diabetes mellitus"), ("non insulin dependent diabetes", "type 2 diabetes mellitus"),
        ("irregular heartbeat", "cardiac arrhythmia"), ("bladder infection", "cystitis"),
        ("urinary infection", "urinary tract infection"), ("kidney infection", "pyelonephritis"),
        ("chest infection", "lower respiratory infection"),
        ("itching", "pruritus"), ("itch", "pruritus"), ("dizzy", "dizziness"), ("tiredness", "fatigue"),
        ("lymph node enlargement", "enlarged lymph nodes"), ("swollen lymph nodes", "enlarged lymph nodes"),
        ("weight loss", "abnormal weight loss"), ("losing weight", "abnormal weight loss"),
        ("loss of appetite", "anorexia"), ("decreased appetite", "anorexia"), ("poor appetite", "anorexia"),
        ("febrile syndrome", "fever"), ("febrile", "fever"), ("temperature", "fever"), ("distal", "lower end"),
        ("proximal", "upper end"), ("e coli", "escherichia coli"), ("gastroesophageal", "gastro esophageal"),
        ("c diff", "clostridium difficile"), ("c difficile", "clostridium difficile"),
        ("a fib", "atrial fibrillation"), ("sars cov 2", "covid 19"), ("coronavirus disease", "covid 19"),
        ("painful", "pain"), ("aching", "pain"), ("ache", "pain"),
        ("bleeding", "hemorrhage"), ("bleed", "hemorrhage"),
        ("bruise", "contusion"), ("bruising", "contusion"),
        ("low blood pressure", "hypotension"), ("blood clot", "thrombosis"), ("clot", "thrombosis"),
        ("weak", "weakness"), ("asthenic", "asthenia"), ("tired", "fatigue"),
        ("feverish", "fever"), ("nauseous", "nausea"), ("nauseated", "nausea"), ("vomited", "vomiting"),
        ("emesis", "vomiting"), ("loose stools", "diarrhea"), ("constipated", "constipation"),
        ("confused", "confusion"), ("breathless", "dyspnea"), ("breathlessness", "dyspnea"),
        ("yellowing", "jaundice"), ("icterus", "jaundice"), ("icteric", "jaundice"), ("jaundiced", "jaundice"),
        ("obese", "obesity"), ("anemic", "anemia"), ("septic", "sepsis"), ("epileptic", "epilepsy"),
        ("asthmatic", "asthma"), ("cirrhotic", "cirrhosis"), ("hypertensive", "hypertension"),
        ("diabetic", "diabetes"), ("infected", "infection"), ("infectious", "infection"), ("infective", "infection"),
        ("seizures", "seizure"), ("convulsion", "convulsions"), ("broken", "fracture"), ("fractured", "fracture"),
        ("ulcerated", "ulcer"), ("ulceration", "ulcer"), ("necrotic", "necrosis"), ("gangrenous", "gangrene"),
        ("edematous", "edema"), ("swelling", "edema"), ("tumefaction", "swelling"), ("hematuric", "hematuria"),
        ("inflamed", "inflammation"), ("inflammatory", "inflammation"), ("thrombosed", "thrombosis"),
        ("thrombotic", "thrombosis"), ("ischemic", "ischemia"), ("atrophic", "atrophy"), ("dilated", "dilatation"),
        ("stenotic", "stenosis"), ("calcified", "calcification"), ("hypertrophic", "hypertrophy"),
        ("anorexic", "anorexia"), ("depressed", "depression"), ("anxious", "anxiety"), ("demented", "dementia"),
        ("alcoholic", "alcohol"), ("alcoholism", "alcohol dependence"), ("drinker", "alcohol"),
        ("cholestatic", "cholestasis"), ("pneumonic", "pneumonia"), ("cystic", "cyst"), ("erythematous", "erythema"),
        ("pruritic", "pruritus"), ("neoplastic", "neoplasm"), ("tumoral", "neoplasm"), ("nodular", "nodule"),
        ("purulent", "pus"), ("adenopathy", "lymphadenopathy"), ("adenopathies", "lymphadenopathy"),
        ("adenomegaly", "lymphadenopathy"), ("lymphadenopathies", "lymphadenopathy"), ("lymph node", "lymph nodes"),
        ("renal colic", "colic kidney"), ("nephritic colic", "colic kidney"), ("renoureteral colic", "colic kidney"),
        ("hematochezia", "hemorrhage of rectum and anus"), ("rectal bleeding", "hemorrhage of rectum and anus"),
        ("melaena", "melena"),
        ("leukocytosis", "elevated white blood cell count"), ("fatigability", "fatigue"),
    ];

    /// <summary>The canonical stem of a folded lower-case word.</summary>
    public static string Normalize(string lower)
    {
        var s = TextNormalizer.Stem(lower);
        return Canonical.TryGetValue(s, out var c) ? c : s;
    }

    private static Dictionary<string, string> BuildCanonical()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (from, to) in CanonicalPairs)
        {
            map[TextNormalizer.Stem(from)] = TextNormalizer.Stem(to);
        }

        return map;
    }

    private static HashSet<string> Stems(params string[] words)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in words)
        {
            set.Add(TextNormalizer.Stem(w));
        }

        return set;
    }
}
