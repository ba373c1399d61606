import Testing

@testable import BoardStore

/// Migration numbers are reserved ahead for work landing in parallel, so a database is newer than this binary when
/// it recorded any migration the binary does not know, not only one above its highest (review 7 #7).
@Suite("PostgreSQL schema: newer by set")
struct PostgresSchemaSetTests {
    @Test func aMigrationThisBinaryDoesNotKnowIsNewerWhateverItsNumber() {
        let known: Set<Int> = [1, 2, 3, 4, 5, 9]
        #expect(!PostgresBoardStore.isNewer(applied: [], known: known))
        #expect(!PostgresBoardStore.isNewer(applied: [1, 2, 3, 5], known: known), "behind: it is migrated")
        #expect(!PostgresBoardStore.isNewer(applied: known, known: known))
        #expect(PostgresBoardStore.isNewer(applied: [1, 2, 3, 4, 5, 6, 9], known: known), "6 was reserved ahead")
        #expect(PostgresBoardStore.isNewer(applied: [1, 2, 3, 4, 5, 9, 10], known: known))
    }

    @Test func thisBinaryKnowsEveryMigrationItShips() {
        #expect(!PostgresBoardStore.isNewer(applied: Set(PostgresSchema.migrations.map(\.version))))
    }
}
