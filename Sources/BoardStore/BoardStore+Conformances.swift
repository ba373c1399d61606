/// The SQLite store implements every area of the store API; its methods stay where they are (BoardStore+*.swift),
/// these declarations only state the conformances the compiler checks.
extension BoardStore: StoreSession {}
extension BoardStore: CaseStore {}
extension BoardStore: ImportStore {}
extension BoardStore: TrialStore {}
extension BoardStore: MeetingStore {}
extension BoardStore: DecisionStore {}
extension BoardStore: SignoffStore {}
extension BoardStore: NoteStore {}
extension BoardStore: DraftStore {}
extension BoardStore: AuditStore {}
extension BoardStore: AnchorStore {}
extension BoardStore: BackupStore {}
extension BoardStore: OutcomeStore {}
extension BoardStore: PrecedentStore {}
extension BoardStore: SearchStore {}
