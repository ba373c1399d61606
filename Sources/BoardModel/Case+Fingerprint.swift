import Foundation

/// Fingerprints of the data trial matching reads, so that a stored `TrialMatch` computed on older
/// data can be recognised as stale and never shown as current.
///
/// A match's `dataFingerprint` is `m<rules>-<case>-<trial>`: the matching rules' version, the case's
/// fingerprint on the day of matching, and the trial's. Each part is a 64-bit FNV-1a hash in hex:
/// enough to notice a change, not a cryptographic seal.
public enum MatchFingerprint {
    /// Bump when the matching rules change meaning, so that every stored match becomes stale.
    public static let rulesVersion = 1

    /// The fingerprint a match of `record` against `trial`, computed on `day`, carries when current.
    public static func of(_ record: Case, _ trial: Trial, on day: LocalDate) -> String {
        combine(case: record.fingerprint(on: day), trial: trial.fingerprint)
    }

    /// Joins precomputed case and trial fingerprints (the engine computes each once).
    public static func combine(case caseFingerprint: String, trial trialFingerprint: String) -> String {
        "m\(rulesVersion)-\(caseFingerprint)-\(trialFingerprint)"
    }

    static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension Case {
    /// A stable hash of what trial matching uses: age on `day` (not the birth date itself, so matches
    /// go stale only when the patient's age in years changes), sex, OncoTree code, performance status,
    /// prior therapy, and every finding's matching fields, classification and evidence levels.
    /// Names, notes, status and the board's question do not count.
    public func fingerprint(on day: LocalDate) -> String {
        var text = "age=\(patient.age(on: day).map(String.init) ?? "?")|sex=\(patient.sex.rawValue)"
        text += "|dx=\(diagnosis.oncotreeCode ?? "?")|ecog=\(performance?.ecog.map(String.init) ?? "?")"
        text += "|kps=\(performance?.karnofsky.map(String.init) ?? "?")|reports=\(reports.count)"
        for line in treatmentHistory {
            text += "|tx\(line.line):\(line.regimen ?? ""):\(line.drugs.joined(separator: ","))"
        }
        for f in findings {
            text += "|f:\(f.kind.rawValue):\(f.gene ?? ""):\(f.hgvsP ?? ""):\(f.hgvsC ?? ""):\(f.consequence ?? ""):\(f.exon ?? "")"
            text += ":\(f.copyNumberCall?.rawValue ?? ""):\(f.copyNumber.map { "\($0)" } ?? ""):\((f.partners ?? []).joined(separator: "::"))"
            if let b = f.biomarker {
                text += ":\(b.kind.rawValue):\(b.name ?? ""):\(b.value.map { "\($0)" } ?? ""):\(b.status ?? "")"
            }
            text += ":\(f.classification?.rawValue ?? ""):\(f.origin.rawValue):\(f.filter ?? "")"
            text += ":\(f.evidence.map { "\($0.level)" }.joined(separator: ","))"
        }
        return MatchFingerprint.hex(text)
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
