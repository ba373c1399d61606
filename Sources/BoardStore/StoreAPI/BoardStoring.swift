import Foundation

/// The whole store API the screens and commands use, whatever the backend: SQLite (`BoardStore`, the embedded
/// default) or PostgreSQL (`PostgresBoardStore`, for a board across sites). A caller that needs only one area asks
/// for that area's protocol (`any NoteStore`), so it already works on a backend that has that area; a caller that
/// needs everything holds `any BoardStoring`. Each backend keeps its SQL in its own files.
public typealias BoardStoring =
    StoreSession & CaseStore & ImportStore & TrialStore & MeetingStore & DecisionStore & SignoffStore & NoteStore
    & DraftStore & AuditStore & AnchorStore & BackupStore & OutcomeStore & PrecedentStore & SearchStore
