import Foundation

/// Fingerprints of the data trial matching reads, so that a stored `TrialMatch` computed on older
/// data can be recognised as stale and never shown as current.
///
/// A match's `dataFingerprint` is `m<rules>-<case>-<trial>`: the matching rules' version, the case's
/// fingerprint on the day of matching, and the trial's. Each part is a 64-bit FNV-1a hash in hex:
/// enough to notice a change, not a cryptographic seal.
public enum MatchFingerprint {
    /// Bump when the matching rules change meaning, so that every stored match becomes stale.
    /// 2: a recorded age without a birth date settles age criteria when it can; variant-level evidence obeys the
    /// origin rule.
    /// 3: a positive HER2 test (IHC 3+, ISH/FISH amplified) reads on ERBB2 criteria.
    /// 4: every arm is evaluated, open or not, and a match says why its arm takes no patients (`notOpen`).
    /// 5: IHC 3+ alone leaves an ERBB2 (gene) criterion unknown; only ISH/FISH or NGS copy number meets it.
    /// 6: an IHC result worded "amplified" (or scored 3+) is the protein, not a measured ERBB2 amplification.
    public static let rulesVersion = 6

    /// The fingerprint a match of `record` against `trial`, computed on `day`, carries when current.
    public static func of(_ record: Case, _ trial: Trial, on day: LocalDate) -> String {
        combine(case: record.fingerprint(on: day), trial: trial.fingerprint)
    }

    /// Joins precomputed case and trial fingerprints (the engine computes each once).
    public static func combine(case caseFingerprint: String, trial trialFingerprint: String) -> String {
        "m\(rulesVersion)-\(caseFingerprint)-\(trialFingerprint)"
    }

    static func hex(_ text: String) -> String {
        var hash = FNV()
        hash.add(text)
        return hash.hex
    }
}

/// 64-bit FNV-1a, fed field by field (no intermediate string).
struct FNV {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One field: its UTF-8 bytes, then a separator so "ab","c" and "a","bc" differ.
    mutating func add(_ text: String) {
        feed(text)
        separate()
    }

    /// The bytes alone, no separator (plain FNV-1a of a string).
    mutating func feed(_ text: String) {
        var text = text
        var v = value
        text.withUTF8 { bytes in
            for byte in bytes {
                v ^= UInt64(byte)
                v = v &* 0x100_0000_01b3
            }
        }
        value = v
    }

    mutating func add(_ text: String?) { add(text ?? "\u{1}") }

    mutating func add(_ number: Int?) { add(number.map { String($0) }) }

    mutating func add(_ number: Double?) { add(number.map { "\($0)" }) }

    mutating func separate() {
        value ^= 0x1f
        value = value &* 0x100_0000_01b3
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension Case {
    /// A stable hash of what trial matching uses: age on `day` (not the birth date itself, so matches
    /// go stale only when the patient's age in years changes), sex, OncoTree code, performance status,
    /// prior therapy, and the matching fields, classification and evidence levels of every finding matching reads
    /// (`matchingSummary()`: a big case's summary has the fingerprint of the whole case).
    /// Names, notes, status and the board's question do not count.
    public func fingerprint(on day: LocalDate) -> String {
        var h = FNV()
        h.add(patient.age(on: day))
        // A recorded age without a birth date counts for age criteria (rules version 2).
        if patient.birthDate == nil, let recorded = patient.recordedAge { h.add(recorded) }
        h.add(patient.sex.rawValue)
        h.add(diagnosis.oncotreeCode)
        // A cancer the record says is not current leaves diagnosis criteria unknown; an active or unstated status
        // adds nothing, so other cases keep their fingerprints.
        if let status = diagnosis.statusPhrase() { h.add(status) }
        // Likewise a diagnosis the record does not confirm; confirmed or unstated adds nothing.
        if let unconfirmed = diagnosis.verificationPhrase { h.add(unconfirmed) }
        h.add(performance?.ecog)
        h.add(performance?.karnofsky)
        h.add(reports.count)
        for line in treatmentHistory {
            h.add(line.line ?? 0)  // 0: no stated line (stated lines start at 1)
            h.add(line.regimen)
            for drug in line.drugs { h.add(drug) }
            h.separate()
        }
        // Read in place through a buffer: binding each finding to a local would copy (and retain) all its
        // fields, the main cost for a case with a whole exome attached.
        findings.matchingSummary().withUnsafeBufferPointer { all in
            for i in all.indices {
                h.add(all[i].kind.rawValue)
                h.add(all[i].gene)
                h.add(all[i].hgvsP)
                h.add(all[i].hgvsC)
                h.add(all[i].consequence)
                h.add(all[i].exon)
                h.add(all[i].copyNumberCall?.rawValue)
                h.add(all[i].copyNumber)
                for partner in all[i].partners ?? [] { h.add(partner) }
                h.separate()
                if let b = all[i].biomarker {
                    h.add(b.kind.rawValue)
                    h.add(b.name)
                    h.add(b.value)
                    h.add(b.status)
                }
                h.add(all[i].classification?.rawValue)
                h.add(all[i].origin.rawValue)
                h.add(all[i].filter)
                for e in all[i].evidence {
                    h.add(e.level.scale.rawValue)
                    h.add(e.level.code)
                    // Whether it is a treatment option (its direction) decides the evidence tier matching scores.
                    h.add(e.isTreatmentOption ? "option" : "not an option")
                }
                h.separate()
            }
        }
        return h.hex
    }
}

extension Trial {
    /// A stable hash of the whole trial record (its JSON with sorted keys): any change to status,
    /// arms or eligibility makes matches against it stale.
    public var fingerprint: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data(id.utf8)
        return MatchFingerprint.hex(String(decoding: data, as: UTF8.self))
    }
}
