import BoardModel
import Foundation
import Testing

@testable import BoardFormats

/// The shared de-identifier on synthetic free text: identifiers of the HIPAA Safe Harbor classes that have a
/// shape (45 CFR 164.514(b)(2): telephone numbers, e-mail addresses, street addresses, social-security, insurance
/// and account numbers; names incl. initials; dates of birth and death) go, clinical values stay.
@Suite("De-identifier patterns")
struct DeidentifierPatternTests {
    static let patient = Patient(
        id: "P-S", identifiers: [PatientIdentifier(kind: .mrn, value: "MRN-424242")],
        name: PersonName(given: "Gerda", family: "Feldmann"), birthDate: LocalDate(year: 1948, month: 2, day: 14),
        sex: .female, deceasedOn: LocalDate(year: 2025, month: 9, day: 3))
    static let scrub = Deidentifier(patient: patient)

    @Test(arguments: [
        ("Call her on +41 79 555 12 34 after 5 pm.", "+41 79 555 12 34"),
        ("Tel. 0041 44 255 11 11 (ward).", "0041 44 255 11 11"),
        ("Tel +41 (0)44 255 11 11.", "+41 (0)44 255 11 11"),
        ("Daughter: 079 555 12 34.", "079 555 12 34"),
        ("Phone 044-255-11-11.", "044-255-11-11"),
        ("US office (415) 555-0134.", "(415) 555-0134"),
        ("Mail gerda.f@example.org or g_f+board@mail.example.ch.", "gerda.f@example.org"),
        ("Mail gerda.f@example.org or g_f+board@mail.example.ch.", "g_f+board@mail.example.ch"),
        ("AHV 756.1234.5678.97 on file.", "756.1234.5678.97"),
        ("SSN 123-45-6789.", "123-45-6789"),
        ("Insurance no. 80756 0001 234 (basic).", "80756 0001 234"),
        ("Policy #A1234567X.", "A1234567X"),
        ("Lives at Bahnhofstrasse 12a, 8001 Zürich.", "Bahnhofstrasse 12a"),
        ("Lives at Bahnhofstrasse 12a, 8001 Zürich.", "8001 Zürich"),
        ("Moved to Rue de Lausanne 12, CH-1201 Genève.", "Rue de Lausanne 12"),
        ("Moved to 12, rue du Lac.", "12, rue du Lac"),
        ("Sister at 221B Baker Street, London.", "221B Baker Street"),
        ("Frau F. declined; Mr F. agreed.", "Frau F."),
        ("Frau F. declined; Mr F. agreed.", "Mr F."),
        ("Seen with G. F. today, G.F. agreed.", "G. F."),
        ("Seen with G. F. today, G.F. agreed.", "G.F."),
        ("Died 03.09.2025 at home.", "03.09.2025"),
        ("Died 2025-09-03.", "2025-09-03"),
    ])
    func removes(text: String, identifier: String) {
        let out = Self.scrub.scrub(text)
        #expect(!out.contains(identifier), "\(out)")
        #expect(out.contains("[removed]") || out.contains(Self.patient.pseudonym), "\(out)")
    }

    @Test(arguments: [
        "BRAF c.1799T>A p.V600E, VAF 34.5%, chr7:140753336 and chr7:55191822-55191900.",
        "Osimertinib 80 mg daily; carboplatin AUC 5; 2 Gy x 30 fractions; 1.5 mg/m2.",
        "cT2aN1M0, stage IIIA, pT3 pN2a M1c, ECOG 1, PD-L1 TPS 60%, TMB 12.4 mut/Mb.",
        "Started 2021-03-01, stopped 12.06.2021; CT 05.01.2024 10 mg; 2021-03-01-2021-06-01.",
        "NM_004333.4:c.1799T>A; NC_000007.14:g.140753336A>T; rs113488022; PMID 12345678.",
        "During 3 cycles, e.g. 4 weeks; CASE-2024-0001; F. nucleatum in culture; Tel-Aviv cohort 2019.",
        "Trial NCT04613596, version 1.2.3, arm B, 12 Main findings, Street 3 of the protocol.",
    ])
    func keepsClinicalValues(text: String) {
        #expect(Self.scrub.scrub(text) == text)
    }

    @Test func theSameScrubIsUsedInEveryDeidentifiedText() {
        var c = Case(
            id: "C-S", patient: Self.patient, diagnosis: Diagnosis(text: "NSCLC"),
            question:
                "Frau F. (+41 79 555 12 34, gerda.f@example.org, Bahnhofstrasse 12a, AHV 756.1234.5678.97): next line?")
        c.findings = [Finding(id: "F1", kind: .snv, gene: "BRAF", hgvsC: "c.1799T>A", hgvsP: "p.V600E")]
        let texts = [
            CaseSummaryText(record: c, today: LocalDate(year: 2026, month: 1, day: 1), deidentify: true).render(),
            CaseExportWriter(record: c, asOf: LocalDate(year: 2026, month: 1, day: 1), deidentify: true).render(
                width: 200),
        ]
        for text in texts {
            for id in ["F.", "+41", "gerda", "Bahnhofstrasse", "756.1234"] { #expect(!text.contains(id), "\(id)") }
            #expect(
                text.contains(
                    "Frau \(Self.patient.pseudonym) ([removed], [removed], [removed], AHV [removed]): next line?"))
        }
    }
}
