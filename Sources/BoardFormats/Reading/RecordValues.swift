import BoardModel
import Foundation

/// Checks a whole case record read from a file against `ValidValues`: performance status, the birth date,
/// therapy-line dates, and each finding's VAF and depth. An invalid value is removed — never stored as a value —
/// and reported with the file, the JSON path and what was expected ("cases.json: $.cases[3].performance.ecog:
/// expected ECOG 0–5, got -1; not imported"); the rest of the record is kept. Identifying values are not quoted.
public enum RecordValues {
    public static func clean(_ c: inout Case, file: String, path: String, today: LocalDate = LocalDate(Date()))
        -> [String]
    {
        var problems: [String] = []
        func report(_ at: String, _ error: InvalidValue) {
            problems.append("\(file): \(path).\(at): \(error.reason); not imported")
        }
        if let birth = c.patient.birthDate {
            do { _ = try ValidValues.birthDate(birth, today: today) } catch {
                report("patient.birthDate", error)
                c.patient.birthDate = nil
            }
        }
        if var perf = c.performance {
            if let ecog = perf.ecog {
                do { _ = try ValidValues.ecog(ecog) } catch {
                    report("performance.ecog", error)
                    perf.ecog = nil
                }
            }
            if let kps = perf.karnofsky {
                do { _ = try ValidValues.karnofsky(kps) } catch {
                    report("performance.karnofsky", error)
                    perf.karnofsky = nil
                }
            }
            c.performance = perf.ecog == nil && perf.karnofsky == nil && perf.assessedOn == nil ? nil : perf
        }
        for i in c.findings.indices {
            if let vaf = c.findings[i].vaf {
                do { _ = try ValidValues.vaf(vaf) } catch {
                    report("findings[\(i)].vaf", error)
                    c.findings[i].vaf = nil
                }
            }
            if let depth = c.findings[i].depth {
                do { _ = try ValidValues.depth(depth) } catch {
                    report("findings[\(i)].depth", error)
                    c.findings[i].depth = nil
                }
            }
        }
        return problems
    }

    /// Cleans every case of a native bundle (paths `$.cases[i]`).
    public static func clean(_ bundle: inout BoardBundle, file: String, today: LocalDate = LocalDate(Date()))
        -> [String]
    {
        var problems: [String] = []
        for i in bundle.cases.indices {
            problems += clean(&bundle.cases[i], file: file, path: "$.cases[\(i)]", today: today)
        }
        return problems
    }
}
