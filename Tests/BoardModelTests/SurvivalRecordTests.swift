import Testing

@testable import BoardModel

/// cBioPortal's survival attributes as the study reports them: months as written, the disease-free status in its
/// coded or bare form, and a phrase that says it is the study's figure.
@Suite("Survival as a study reports it")
struct SurvivalRecordTests {
    @Test(arguments: [
        ("0:DiseaseFree", SurvivalRecord.DiseaseFree.diseaseFree), ("DiseaseFree", .diseaseFree),
        ("1:Recurred/Progressed", .recurredOrProgressed), ("Recurred", .recurredOrProgressed),
    ])
    func diseaseFreeStatusIsReadCodedOrBare(raw: String, status: SurvivalRecord.DiseaseFree) {
        #expect(SurvivalRecord.DiseaseFree(cBioPortal: raw) == status)
    }

    @Test func unknownWordsAreNotAStatus() {
        #expect(SurvivalRecord.DiseaseFree(cBioPortal: "2:Maybe") == nil)
        #expect(SurvivalRecord.DiseaseFree(cBioPortal: "") == nil)
    }

    /// A living patient's overall-survival months are follow-up (censored), not survival (review 7 #10).
    @Test func thePhraseSaysWhatWasReported() {
        let s = SurvivalRecord(overallMonths: 8.51, diseaseFree: .diseaseFree, diseaseFreeMonths: 8.51)
        #expect(
            s.phrase(vitalStatus: .alive)
                == "alive at 8.51 months of follow-up; disease-free, 8.51 months (as the study reports)")
        #expect(
            SurvivalRecord(overallMonths: 12).phrase(vitalStatus: .deceased)
                == "died at 12 months (as the study reports)")
        #expect(
            SurvivalRecord(overallMonths: 1).phrase(vitalStatus: .unknown)
                == "overall survival 1 month (vital status not stated) (as the study reports)")
        #expect(
            SurvivalRecord(diseaseFree: .recurredOrProgressed).phrase(vitalStatus: .alive)
                == "recurred/progressed (as the study reports)")
        #expect(SurvivalRecord().phrase(vitalStatus: .deceased) == nil && SurvivalRecord().isEmpty)
    }
}
