/// One statement of a pipeline: SQL with $1… placeholders and its text parameters (nil is NULL).
struct PGStatement {
    var sql: String
    var parameters: [String?]

    init(_ sql: String, _ parameters: [String?] = []) {
        self.sql = sql
        self.parameters = parameters
    }
}
