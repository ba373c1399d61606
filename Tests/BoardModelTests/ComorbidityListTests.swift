import Testing

@testable import BoardModel

/// A disease the record rules out reads as ruled out on its own, never as a prefix that seems to cover the list.
@Suite("Comorbidities as one line")
struct ComorbidityListTests {
    @Test func anExcludedDiseaseIsMarkedOnItsOwnAndListedLast() {
        let line = ComorbidityList.text(["excluded: diabetes mellitus", "cardiomyopathy", "COVID-19"])
        #expect(line == "cardiomyopathy; COVID-19; diabetes mellitus (excluded)")
        #expect(!line.contains("excluded:"))
        #expect(ComorbidityList.text(["asthma", "second primary: melanoma"]) == "asthma; second primary: melanoma")
        #expect(ComorbidityList.text([]) == "")
    }
}
