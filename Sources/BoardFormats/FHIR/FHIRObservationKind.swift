import BoardModel

extension FHIRReader {
    /// What an Observation is to the board, from its profiles (the last segment of each URL), its LOINC/SNOMED CT
    /// codes and its code's words: knowledge (an implication), a grouper, a genomic variant, a biomarker (TMB, MSI,
    /// a tumour marker), a stage group or TNM category, or a performance status. Anything else is not oncology data.
    struct ObservationKind {
        typealias Builder = FHIRReader.Builder
        let codes: Set<String>
        private let profiles: [String]
        let isImplication, isGrouper, isVariant, isTMB, isMSI, isStage, isECOG, isKPS, isMarker: Bool
        /// The TNM category the Observation states (T, N or M), with where it goes in the stage.
        let tnm: (letter: Character, keyPath: WritableKeyPath<Stage, String?>)?

        init(_ r: JSONNode) {
            profiles = FHIRReader.profiles(r)
            let codes = Set(FHIRReader.codings(r["code"]).compactMap(\.code))
            self.codes = codes
            let words = (FHIRReader.words(r["code"]) ?? "").lowercased()
            let profiles = profiles
            func has(_ fragment: String) -> Bool { profiles.contains { $0.contains(fragment) } }
            isImplication =
                has("therapeutic-implication") || has("diagnostic-implication")
                || !codes.isDisjoint(with: ["therapeutic-implication", "diagnostic-implication", "51961-1"])
            isGrouper = has("grouper") || codes.contains("grouper")
            isVariant = has("variant") || codes.contains("69548-6")
            isTMB =
                has("tumor-mutation-burden") || codes.contains("94076-7") || words.contains("mutational burden")
                || words.contains("mutation burden")
            isMSI =
                has("microsatellite") || codes.contains("81695-9") || words.contains("microsatellite")
                || words.hasPrefix("msi")
            isStage = has("stage-group") || !codes.isDisjoint(with: Builder.stageCodes)
            let categories: [(String, Set<String>, Character, WritableKeyPath<Stage, String?>)] = [
                ("primary-tumor-category", Builder.tCodes, "T", \.t),
                ("regional-nodes-category", Builder.nCodes, "N", \.n),
                ("distant-metastases-category", Builder.mCodes, "M", \.m),
            ]
            tnm = categories.first { has($0.0) || !codes.isDisjoint(with: $0.1) }.map { ($0.2, $0.3) }
            isECOG = has("ecog") || codes.contains("89247-1")
            isKPS = has("karnofsky") || codes.contains("89243-0")
            isMarker = has("tumor-marker") || !codes.isDisjoint(with: Set(Builder.markers.keys))
        }

        var isOncology: Bool { isVariant || isTMB || isMSI || isStage || tnm != nil || isECOG || isKPS || isMarker }
        /// Variants and genomic biomarkers of a patient not in the file are found by sample, like lab files.
        var isGenomic: Bool { isVariant || isTMB || isMSI }
        /// The basis a stage Observation states by its profile or code; clinical otherwise.
        var basis: String {
            profiles.contains { $0.contains("patholog") } || !codes.isDisjoint(with: Builder.pathologicalCodes)
                ? "pathological" : "clinical"
        }
    }
}
