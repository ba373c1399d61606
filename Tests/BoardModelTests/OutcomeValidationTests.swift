import Foundation
import Testing

@testable import BoardModel

/// CaseOutcome rules: dates real and not ahead, grades 3–5, criteria by diagnosis, categories by criteria, a response
/// never before its treatment, nothing after a death, and no field a kind does not take.
@Suite("Outcome validation")
struct OutcomeValidationTests {
    static let today = LocalDate(year: 2026, month: 12, day: 1)
    static let at = Date(timeIntervalSince1970: 1_795_000_000)

    static func outcome(
        _ kind: OutcomeKind, _ date: String, id: String = "", _ change: (inout CaseOutcome) -> Void = { _ in }
    ) -> CaseOutcome {
        var o = CaseOutcome(id: id, caseId: "C-1", kind: kind, date: LocalDate(date)!, recordedBy: "t", recordedAt: at)
        change(&o)
        return o
    }

    static let started = outcome(.treatmentStarted, "2026-06-01", id: "O-C-1-1") { $0.regimen = "osimertinib" }

    func fields(_ o: CaseOutcome, code: String? = "LUAD", others: [CaseOutcome] = [started]) -> [String] {
        o.validationErrors(diagnosisCode: code, others: others, today: Self.today).map(\.field)
    }

    func reasons(_ o: CaseOutcome, code: String? = "LUAD", others: [CaseOutcome] = [started]) -> [String] {
        o.validationErrors(diagnosisCode: code, others: others, today: Self.today).map(\.reason)
    }

    @Test func aResponseBeforeTheTreatmentStartedIsRefused() {
        let early = Self.outcome(.response, "2026-05-31") {
            $0.criteria = .recist
            $0.response = "PR"
        }
        #expect(
            reasons(early) == ["expected a response on or after the treatment started (2026-06-01), got 2026-05-31"])
        #expect(fields(early, others: []) == ["date"])
        var sameDay = early
        sameDay.date = LocalDate("2026-06-01")!
        #expect(fields(sameDay).isEmpty)
        var linked = sameDay
        linked.treatmentId = "O-C-1-9"
        #expect(fields(linked) == ["treatment"])
        let stop = Self.outcome(.treatmentStopped, "2026-01-01") { $0.stopReason = .toxicity }
        #expect(fields(stop) == ["date"])
    }

    @Test func datesAreRealAndNotInTheFuture() throws {
        #expect(
            reasons(Self.outcome(.progression, "2026-12-02"))
                == ["expected a date not after 2026-12-01, got 2026-12-02, in the future"])
        #expect(fields(Self.outcome(.progression, "2026-12-01")).isEmpty)
        var bad = Self.outcome(.death, "2026-01-01")
        bad.date = LocalDate(year: 2026, month: 2, day: 30)
        #expect(fields(bad, others: []) == ["date"])
        #expect(throws: InvalidValue.self) { try ValidValues.outcomeDate(parsing: "2026-02-29", today: Self.today) }
        #expect(try ValidValues.outcomeDate(parsing: "01.06.2026", today: Self.today) == LocalDate("2026-06-01"))
    }

    @Test func severeToxicityIsGradeThreeToFiveWithATerm() throws {
        for grade in 3...5 {
            #expect(
                fields(
                    Self.outcome(.toxicity, "2026-07-01") {
                        $0.grade = grade
                        $0.term = "Pneumonitis"
                    }
                ).isEmpty)
        }
        let mild = Self.outcome(.toxicity, "2026-07-01") {
            $0.grade = 2
            $0.term = "Pneumonitis"
        }
        #expect(reasons(mild) == ["expected a CTCAE grade 3–5, got 2"])
        #expect(fields(Self.outcome(.toxicity, "2026-07-01") { $0.grade = 6 }) == ["grade", "term"])
        #expect(try ValidValues.severeGrade(parsing: "G4") == 4)
        #expect(try ValidValues.severeGrade(parsing: "grade 3") == 3)
        #expect(throws: InvalidValue.self) { try ValidValues.severeGrade(parsing: "severe") }
    }

    @Test func criteriaFollowTheDiagnosis() throws {
        func response(_ criteria: ResponseCriteria, _ category: String) -> CaseOutcome {
            Self.outcome(.response, "2026-08-01") {
                $0.criteria = criteria
                $0.response = category
            }
        }
        #expect(fields(response(.recist, "SD"), code: "LUAD").isEmpty)
        #expect(fields(response(.irecist, "iUPD"), code: "SKCM").isEmpty)
        #expect(fields(response(.rano, "PR"), code: "GB").isEmpty)
        #expect(fields(response(.rano, "PR"), code: "GBM").isEmpty, "a retired code speaks for its successor")
        #expect(fields(response(.lugano, "CMR"), code: "DLBCLNOS").isEmpty)
        #expect(fields(response(.imwg, "VGPR"), code: "PCM").isEmpty)
        #expect(
            reasons(response(.rano, "PR"), code: "LUAD") == [
                "expected criteria for LUAD: RECIST 1.1 or iRECIST, got RANO"
            ])
        #expect(fields(response(.recist, "PR"), code: "GBM") == ["criteria"])
        #expect(fields(response(.lugano, "PR"), code: "PCM") == ["criteria"])
        #expect(fields(response(.recist, "PR"), code: "AML") == ["criteria"])
        // No code, or one the tree does not know: nothing argues against any criteria.
        #expect(fields(response(.imwg, "sCR"), code: nil).isEmpty)
        #expect(fields(response(.rano, "MR"), code: "NOTACODE").isEmpty)
        // Categories belong to their criteria and are spelt as the criteria spell them.
        #expect(
            reasons(response(.recist, "iCPD")) == ["expected a RECIST 1.1 category (CR, PR, SD, PD, NE), got \"iCPD\""])
        #expect(try ValidValues.response("icpd", criteria: .irecist) == "iCPD")
        #expect(try ValidValues.response("scr", criteria: .imwg) == "sCR")
        #expect(ResponseCriteria(parsing: "recist1.1") == .recist)
        #expect(throws: InvalidValue.self) { try ValidValues.criteria(parsing: "WHO", oncotreeCode: "LUAD") }
        #expect(fields(Self.outcome(.response, "2026-08-01")) == ["criteria"])
    }

    @Test func eachKindTakesItsOwnFieldsOnly() {
        #expect(fields(Self.outcome(.treatmentStarted, "2026-06-01"), others: []) == ["regimen"])
        #expect(
            fields(
                Self.outcome(.treatmentStarted, "2026-06-01") {
                    $0.drugs = ["pemigatinib"]
                    $0.trialId = "NCT123"
                    $0.followedRecommendation = .partly
                }, others: []) == ["trial"])
        #expect(fields(Self.outcome(.treatmentNotStarted, "2026-06-01"), others: []) == ["reason"])
        #expect(fields(Self.outcome(.treatmentStopped, "2026-07-01")) == ["stop reason"])
        #expect(
            fields(
                Self.outcome(.death, "2026-07-01") {
                    $0.grade = 5
                    $0.regimen = "x"
                }
            ).sorted() == ["grade", "regimen"])
        #expect(fields(Self.outcome(.lostToFollowUp, "2026-07-01")).isEmpty)
    }

    @Test func nothingFollowsADeath() {
        let death = Self.outcome(.death, "2026-09-01", id: "O-C-1-2")
        #expect(fields(death).isEmpty)
        #expect(fields(Self.outcome(.progression, "2026-09-02"), others: [Self.started, death]) == ["date"])
        #expect(fields(Self.outcome(.progression, "2026-09-01"), others: [Self.started, death]).isEmpty)
        #expect(fields(Self.outcome(.death, "2026-09-01"), others: [Self.started, death]) == ["kind"])
        #expect(fields(Self.outcome(.death, "2026-05-01"), others: [Self.started]) == ["date"])
        // A correction of the death itself is not a second death.
        var corrected = death
        corrected.date = LocalDate("2026-09-03")!
        #expect(fields(corrected, others: [Self.started, death]).isEmpty)
    }

    @Test func datesCountDays() {
        let d = LocalDate("2026-11-18")!
        #expect(d.adding(days: 90) == LocalDate("2027-02-16"))
        #expect(d.adding(days: -18) == LocalDate("2026-10-31"))
        #expect(LocalDate("2024-02-28")!.adding(days: 1) == LocalDate("2024-02-29"))
        #expect(d.days(until: LocalDate("2027-02-16")!) == 90)
        #expect(LocalDate("2027-02-16")!.days(until: d) == -90)
    }

    @Test func bodiesHoldOnlyWhatTheEventSays() throws {
        let o = Self.started
        let json = String(decoding: try JSONEncoder().encode(o), as: UTF8.self)
        #expect(!json.contains("drugs") && !json.contains("grade") && json.contains("\"regimen\""))
        #expect(try JSONDecoder().decode(CaseOutcome.self, from: Data(json.utf8)) == o)
    }
}
