import Foundation

/// Which medications are cancer therapy: the WHO ATC classification's groups L01 (antineoplastic agents) and L02
/// (endocrine therapy), by ATC code when a record carries one and otherwise by ingredient name (INN, as RxNorm
/// and product texts spell it). Source: WHO Collaborating Centre for Drug Statistics Methodology, ATC/DDD Index
/// 2024, groups L01 and L02 (cited in README.md, "Reference data"). Analgesics, antibiotics, antihypertensives and
/// supportive drugs are not in it, so they never become therapy lines.
public enum Antineoplastics {
    /// Ingredient names of ATC L01 and L02 (lower case; INN spelling, a few US names where RxNorm differs).
    public static let names: Set<String> = [
        // L01A alkylating agents
        "cyclophosphamide", "ifosfamide", "chlorambucil", "melphalan", "bendamustine", "busulfan", "carmustine",
        "lomustine",
        "temozolomide", "dacarbazine", "thiotepa", "trabectedin", "procarbazine", "mechlorethamine", "chlormethine",
        "treosulfan",
        "fotemustine", "streptozocin", "altretamine", "lurbinectedin",
        // L01B antimetabolites
        "methotrexate", "pemetrexed", "pralatrexate", "raltitrexed", "fluorouracil", "capecitabine", "tegafur",
        "gemcitabine",
        "cytarabine", "azacitidine", "decitabine", "fludarabine", "cladribine", "clofarabine", "nelarabine",
        "mercaptopurine",
        "thioguanine", "trifluridine", "tipiracil",
        // L01C plant alkaloids
        "vincristine", "vinblastine", "vinorelbine", "vinflunine", "eribulin", "etoposide", "teniposide", "paclitaxel",
        "docetaxel",
        "cabazitaxel", "irinotecan", "topotecan", "ixabepilone",
        // L01D cytotoxic antibiotics
        "doxorubicin", "daunorubicin", "epirubicin", "idarubicin", "mitoxantrone", "bleomycin", "mitomycin",
        "dactinomycin",
        "valrubicin", "pixantrone",
        // L01E protein kinase inhibitors
        "imatinib", "dasatinib", "nilotinib", "bosutinib", "ponatinib", "asciminib", "gefitinib", "erlotinib",
        "afatinib", "osimertinib",
        "dacomitinib", "lapatinib", "neratinib", "tucatinib", "crizotinib", "ceritinib", "alectinib", "brigatinib",
        "lorlatinib",
        "entrectinib", "larotrectinib", "repotrectinib", "capmatinib", "tepotinib", "selpercatinib", "pralsetinib",
        "vemurafenib",
        "dabrafenib", "encorafenib", "trametinib", "cobimetinib", "binimetinib", "selumetinib", "sorafenib",
        "sunitinib", "pazopanib",
        "axitinib", "cabozantinib", "lenvatinib", "regorafenib", "vandetanib", "tivozanib", "ibrutinib",
        "acalabrutinib",
        "zanubrutinib", "pirtobrutinib", "idelalisib", "copanlisib", "duvelisib", "alpelisib", "inavolisib",
        "capivasertib",
        "everolimus", "temsirolimus", "palbociclib", "ribociclib", "abemaciclib", "ruxolitinib", "fedratinib",
        "pacritinib",
        "momelotinib", "midostaurin", "gilteritinib", "quizartinib", "erdafitinib", "pemigatinib", "futibatinib",
        "infigratinib",
        "avapritinib", "ripretinib", "fruquintinib", "adagrasib", "sotorasib", "mobocertinib", "amivantamab",
        // L01F monoclonal antibodies and conjugates
        "trastuzumab", "pertuzumab", "margetuximab", "trastuzumab emtansine", "trastuzumab deruxtecan", "cetuximab",
        "panitumumab",
        "necitumumab", "bevacizumab", "ramucirumab", "rituximab", "obinutuzumab", "ofatumumab", "daratumumab",
        "isatuximab",
        "elotuzumab", "nivolumab", "pembrolizumab", "cemiplimab", "dostarlimab", "atezolizumab", "durvalumab",
        "avelumab",
        "ipilimumab", "tremelimumab", "relatlimab", "brentuximab vedotin", "polatuzumab vedotin", "enfortumab vedotin",
        "sacituzumab govitecan", "tisotumab vedotin", "mirvetuximab soravtansine", "inotuzumab ozogamicin",
        "gemtuzumab ozogamicin",
        "blinatumomab", "mosunetuzumab", "glofitamab", "epcoritamab", "teclistamab", "talquetamab", "elranatamab",
        "tarlatamab",
        "tebentafusp", "dinutuximab", "olaratumab", "mogamulizumab", "zolbetuximab",
        // L01X other antineoplastics
        "cisplatin", "carboplatin", "oxaliplatin", "nedaplatin", "olaparib", "niraparib", "rucaparib", "talazoparib",
        "bortezomib",
        "carfilzomib", "ixazomib", "venetoclax", "vorinostat", "romidepsin", "panobinostat", "belinostat",
        "hydroxyurea",
        "hydroxycarbamide", "arsenic trioxide", "tretinoin", "bexarotene", "asparaginase", "pegaspargase", "anagrelide",
        "lenalidomide", "pomalidomide", "thalidomide", "ivosidenib", "enasidenib", "olutasidenib", "vorasidenib",
        "glasdegib",
        "sonidegib", "vismodegib", "tazemetostat", "selinexor", "belzutifan", "mitotane", "aflibercept",
        "talimogene laherparepvec", "tisagenlecleucel", "axicabtagene ciloleucel", "lisocabtagene maraleucel",
        "idecabtagene vicleucel",
        "ciltacabtagene autoleucel", "brexucabtagene autoleucel", "lutetium lu 177 dotatate",
        "lutetium lu 177 vipivotide tetraxetan",
        "radium ra 223 dichloride", "imetelstat", "revumenib", "elacestrant",
        // L02 endocrine therapy
        "tamoxifen", "toremifene", "fulvestrant", "anastrozole", "letrozole", "exemestane", "megestrol",
        "medroxyprogesterone",
        "leuprolide", "leuprorelin", "goserelin", "triptorelin", "buserelin", "histrelin", "degarelix", "relugolix",
        "bicalutamide",
        "flutamide", "nilutamide", "enzalutamide", "apalutamide", "darolutamide", "abiraterone", "diethylstilbestrol",
        "estramustine", "lanreotide", "octreotide",
    ]

    /// Whether an ATC code is in L01 or L02.
    public static func isAntineoplastic(atc code: String) -> Bool {
        let c = code.uppercased().trimmingCharacters(in: .whitespaces)
        return c.hasPrefix("L01") || c.hasPrefix("L02")
    }

    /// The antineoplastic ingredient a medication text names ("1 ML DOCEtaxel 20 MG/ML Injection" → "docetaxel"),
    /// longest name first so "trastuzumab deruxtecan" is not read as trastuzumab; nil when none is named.
    public static func ingredient(in text: String) -> String? {
        let lower = " " + text.lowercased().replacingOccurrences(of: "-", with: " ") + " "
        var best: String?
        for name in names where lower.contains(name) {
            // Whole words only ("carboplatin" must not match inside another word).
            guard let r = lower.range(of: name) else { continue }
            let before = lower[lower.index(before: r.lowerBound)]
            let after = r.upperBound < lower.endIndex ? lower[r.upperBound] : " "
            guard !before.isLetter, !after.isLetter else { continue }
            if best == nil || name.count > best!.count { best = name }
        }
        return best
    }

    /// Every antineoplastic ingredient a text names, in the order they appear ("cisplatin / paclitaxel").
    public static func ingredients(in text: String) -> [String] {
        let lower = text.lowercased()
        var found: [(String.Index, String)] = []
        for name in names {
            guard let r = lower.range(of: name) else { continue }
            let beforeOK = r.lowerBound == lower.startIndex || !lower[lower.index(before: r.lowerBound)].isLetter
            let afterOK = r.upperBound == lower.endIndex || !lower[r.upperBound].isLetter
            if beforeOK && afterOK && !found.contains(where: { $0.1.contains(name) }) {
                found.removeAll { name.contains($0.1) }
                found.append((r.lowerBound, name))
            }
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
