import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// Cases written from the ClinicalTrials.gov data element definitions (InterventionType, StudyType), the CTML
/// (MatchMiner / CTIMS) trial layout and the CIViC release layouts (variant summaries, evidence coordinates).
@Suite("Trials and knowledge by the specifications")
struct TrialKnowledgeSpecTests {
    static func study(_ arms: String, interventions: String = "[]", type: String = "INTERVENTIONAL") -> String {
        """
        {"protocolSection": {"identificationModule": {"nctId": "NCT00000001", "briefTitle": "T"},
         "statusModule": {"overallStatus": "RECRUITING"}, "designModule": {"studyType": "\(type)"},
         "armsInterventionsModule": {"armGroups": \(arms), "interventions": \(interventions)}}}
        """
    }

    /// InterventionType: only medicines are an arm's drugs; a questionnaire, a procedure or radiation is not.
    @Test func onlyMedicinesAreAnArmsDrugs() throws {
        let json = Self.study(
            #"[{"label": "A", "type": "EXPERIMENTAL", "interventionNames": ["Drug: Capecitabine", "Biological: Trastuzumab", "Behavioral: EORTC QLQ-C30", "Procedure: Biopsy", "Radiation: IMRT", "Combination Product: X+Y"]}]"#
        )
        let trial = try #require(
            try ClinicalTrialsGovReader.read(data: Data(json.utf8), file: "s.json").bundle.trials.first)
        #expect(trial.arms[0].drugs == ["Capecitabine", "Trastuzumab", "X+Y"])
        // Without interventionNames, the interventions list and its types decide.
        let listed = Self.study(
            #"[{"label": "B", "type": "OTHER"}]"#,
            interventions:
                #"[{"type": "DRUG", "name": "Letrozole", "armGroupLabels": ["B"]}, {"type": "DEVICE", "name": "Pump", "armGroupLabels": ["B"]}]"#
        )
        let b = try #require(
            try ClinicalTrialsGovReader.read(data: Data(listed.utf8), file: "s.json").bundle.trials.first)
        #expect(b.arms[0].drugs == ["Letrozole"])
        // The legacy XML names the type in <intervention_type>.
        let xml = """
            <clinical_study><id_info><nct_id>NCT00000002</nct_id></id_info><brief_title>X</brief_title>
            <overall_status>Recruiting</overall_status><study_type>Expanded Access</study_type>
            <arm_group><arm_group_label>A</arm_group_label><arm_group_type>Experimental</arm_group_type></arm_group>
            <intervention><intervention_type>Drug</intervention_type><intervention_name>Olaparib</intervention_name><arm_group_label>A</arm_group_label></intervention>
            <intervention><intervention_type>Behavioral</intervention_type><intervention_name>Diary</intervention_name><arm_group_label>A</arm_group_label></intervention>
            </clinical_study>
            """
        let x = try #require(
            try ClinicalTrialsGovXMLReader.read(data: Data(xml.utf8), file: "x.xml").bundle.trials.first)
        #expect(x.arms[0].drugs == ["Olaparib"])
        #expect(x.studyType == "expanded access")
    }

    /// StudyType: observational and expanded-access records are typed as such.
    @Test func studyTypesAreKept() throws {
        for (raw, typed) in [("OBSERVATIONAL", "observational"), ("EXPANDED_ACCESS", "expanded access")] {
            let json = Self.study("[]", type: raw)
            let t = try #require(
                try ClinicalTrialsGovReader.read(data: Data(json.utf8), file: "s.json").bundle.trials.first)
            #expect(t.studyType == typed)
        }
    }

    /// CTML genes are read through HGNC like a lab file's: previous and alias symbols become the approved one, an
    /// ambiguous one stays as written, the negation stays, and each reading is said.
    @Test func ctmlGenesReadThroughHGNC() throws {
        let ctml = """
            {"protocol_no": "99-1", "trial_id": "NCT01234567", "treatment_list": {"step": [{"arm": [{"arm_code": "A",
             "match": [{"or": [{"genomic": {"hugo_symbol": "HER2", "variant_category": "Mutation"}},
                               {"genomic": {"hugo_symbol": "!MLL3", "variant_category": "Mutation"}},
                               {"genomic": {"hugo_symbol": "NEU", "variant_category": "Mutation"}},
                               {"genomic": {"hugo_symbol": "ALK", "fusion_partner_hugo_symbol": "EML4"}}]}]}]}]}}
            """
        let payload = try CTMLReader.read(data: Data(ctml.utf8), file: "t.json")
        let trial = try #require(payload.bundle.trials.first)
        // CTIMS exports carry the NCT id as trial_id.
        #expect(trial.id == "NCT01234567")
        #expect(trial.provenance?.recordId == "99-1")
        var genes: [String] = []
        func walk(_ c: Criterion?) {
            switch c {
            case .all(let l)?, .any(let l)?: l.forEach(walk)
            case .genomic(let g)?: genes += [g.hugoSymbol, g.fusionPartnerHugoSymbol].compactMap { $0 }
            default: break
            }
        }
        walk(trial.arms.first?.criteria)
        #expect(genes == ["ERBB2", "!KMT2C", "NEU", "ALK", "EML4"])
        #expect(payload.notes.contains { $0.contains("gene HER2 read as ERBB2") })
        #expect(payload.notes.contains { $0.contains("gene MLL3 read as KMT2C") })
        #expect(payload.notes.contains { $0.contains("gene NEU kept as written: ambiguous") })
        // An id that is no NCT id is not taken from trial_id.
        let other = ctml.replacingOccurrences(of: "NCT01234567", with: "TRIAL-7")
        #expect(try CTMLReader.read(data: Data(other.utf8), file: "t.json").bundle.trials.first?.id == "99-1")
    }

    static let variants =
        "variant_id\tvariant_civic_url\tgene\tentrez_id\tvariant\tsummary\tvariant_groups\tchromosome\tstart\tstop\treference_bases\tvariant_bases\trepresentative_transcript\tensembl_version\treference_build\tchromosome2\tstart2\tstop2\trepresentative_transcript2\tvariant_types\thgvs_expressions\tlast_review_date\n"

    /// Variant summaries give each variant's site (1-based start, bases, build); a region, a fusion or a variant
    /// without a build names no single site and is counted as skipped, never stored as one.
    @Test func civicVariantSummariesGiveSites() throws {
        let text =
            Self.variants
            + "12\thttps://civicdb.org/links/variants/12\tBRAF\t673\tV600E\t\t\t7\t140453136\t140453136\tA\tT\tENST00000288602.6\t75\tGRCh37\t\t\t\t\tmissense_variant\tNC_000007.13:g.140453136A>T\t2017-01-01\n"
            + "1\thttps://civicdb.org/links/variants/1\tABL1\t25\tBCR-ABL\t\t\t22\t23522397\t23632600\t\t\tENST00000305877.8\t75\tGRCh37\t9\t133589333\t133763062\t\ttranscript_fusion\t\t2017-01-01\n"
            + "99\thttps://civicdb.org/links/variants/99\tERBB2\t2064\tP780INS\t\t\t17\t37881011\t37881012\t\tGGCTCCCCA\t\t75\tGRCh37\t\t\t\t\tinframe_insertion\t\t2017-01-01\n"
            + "7\thttps://civicdb.org/links/variants/7\tKIT\t3815\tD816V\t\t\t4\t55599321\t55599321\tA\tT\t\t\t\t\t\t\t\tmissense_variant\t\t2017-01-01\n"
        let payload = try CIViCReader.read(data: Data(text.utf8), file: "v.tsv")
        #expect(payload.evidence.isEmpty)
        #expect(
            payload.evidenceLoci == [
                EvidenceLocus(
                    gene: "BRAF", variant: "V600E", build: "GRCh37", chrom: "7", start: 140_453_136, stop: 140_453_136,
                    ref: "A", alt: "T"),
                EvidenceLocus(
                    gene: "ERBB2", variant: "P780INS", build: "GRCh37", chrom: "17", start: 37_881_011,
                    stop: 37_881_012, ref: "", alt: "GGCTCCCCA"),
            ])
        let account = try #require(payload.accounts.first)
        #expect(account.skipped.values.reduce(0, +) == 2)  // the fusion and the variant without a build
        #expect(account.unusedFields["hgvs_expressions"] == 1)  // said, not lost
    }

    /// Evidence rows of the 2019–2022 layout carry the variant's coordinates: they become loci too. A newer
    /// variant summary (feature_name, hgvs_descriptions) is recognised.
    @Test func civicEvidenceCoordinatesAndNewerVariantLayout() throws {
        let header =
            "gene\tentrez_id\tvariant\tdisease\tdoid\tphenotypes\tdrugs\tdrug_interaction_type\tevidence_type\tevidence_direction\tevidence_level\tclinical_significance\tevidence_statement\tcitation_id\tsource_type\tasco_abstract_id\tcitation\tnct_ids\trating\tevidence_status\tevidence_id\tvariant_id\tgene_id\tchromosome\tstart\tstop\treference_bases\tvariant_bases\trepresentative_transcript\tchromosome2\tstart2\tstop2\trepresentative_transcript2\tensembl_version\treference_build\tvariant_summary\tvariant_origin\tlast_review_date\tevidence_civic_url\tvariant_civic_url\tgene_civic_url\n"
        let row =
            "JAK2\t3717\tV617F\tMyelofibrosis\t4971\t\tRuxolitinib\t\tPredictive\tSupports\tB\tSensitivity/Response\tS\t1\tPubMed\t\tC\t\t3\taccepted\t10\t64\t28\t9\t5073770\t5073770\tG\tT\tENST00000381652.3\t\t\t\t\t75\tGRCh37\t\tSomatic\t2020-01-01\tu\tu\tu\n"
        let payload = try CIViCReader.read(data: Data((header + row).utf8), file: "e.tsv")
        #expect(payload.evidence.count == 1)
        #expect(
            payload.evidenceLoci == [
                EvidenceLocus(
                    gene: "JAK2", variant: "V617F", build: "GRCh37", chrom: "9", start: 5_073_770, stop: 5_073_770,
                    ref: "G", alt: "T")
            ])
        let newer =
            "variant_id\tvariant_civic_url\tfeature_name\tvariant\tchromosome\tstart\tstop\treference_bases\tvariant_bases\treference_build\thgvs_descriptions\n"
            + "12\tu\tBRAF\tV600E\t7\t140453136\t140453136\tA\tT\tGRCh37\tNM_004333.4:c.1799T>A\n"
        let loci = try CIViCReader.read(data: Data(newer.utf8), file: "v.tsv").evidenceLoci
        #expect(loci.map(\.gene) == ["BRAF"])
    }
}
