import Foundation

/// Where an anatomic (TNM) stage does not apply, so the readiness checklist does not ask for one.
///
/// By OncoTree branch of the case's diagnosis (the bundled release's tissue nodes):
/// - `BRAIN` (CNS/Brain): the AJCC/UICC TNM classification stages no primary CNS tumour; the WHO CNS grade, part of
///   the integrated histological diagnosis, takes its place.
/// - `MYELOID` (myeloid neoplasms: AML, MDS, MPN, CML): a disease of the marrow and blood has no anatomic extent to
///   stage; risk classifications (ELN for AML, IPSS-R for MDS) describe it.
///
/// Lymphoid neoplasms (`LYMPH`) keep the item: lymphomas are staged (Lugano/Ann Arbor), CLL by Rai or Binet,
/// myeloma by R-ISS, all entered as a stage group, which the checklist accepts without T, N or M. A case without an
/// OncoTree code keeps the item (nothing is assumed).
public enum StagingRule {
    /// OncoTree branches whose cases need no stage, with the reason the checklist shows.
    public static let notStaged: [(branch: String, reason: String)] = [
        ("BRAIN", "CNS tumours have no TNM stage; the WHO CNS grade in the histology takes its place"),
        ("MYELOID", "myeloid neoplasms are not staged anatomically; ELN/IPSS-R risk groups describe them"),
    ]

    /// Why a case with this diagnosis needs no stage, or nil when it needs one.
    public static func notApplicable(oncotreeCode: String?, in tree: OncoTree = .bundled) -> String? {
        guard let code = oncotreeCode else { return nil }
        return notStaged.first { tree.isWithin(code, $0.branch) }?.reason
    }
}
