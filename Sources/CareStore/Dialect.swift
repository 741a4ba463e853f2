import CareCore
import FluentKit
import Foundation
import PostgresNIO
import SQLKit
import SQLiteNIO

/// The one place that speaks engine-specific SQL. Everything else goes through Fluent's schema builder.
struct Dialect {
  enum Engine { case sqlite, postgres }
  let sql: any SQLDatabase
  let engine: Engine

  init(_ db: any Database) {
    sql = db as! any SQLDatabase
    engine = sql.dialect.name == "sqlite" ? .sqlite : .postgres
  }

  /// Makes the table refuse UPDATE and DELETE inside the database itself, so no code path, however
  /// careless, can rewrite history.
  func createAppendOnlyGuard(table: String) async throws {
    switch engine {
    case .sqlite:
      for verb in ["UPDATE", "DELETE"] {
        try await sql.raw(
          """
          CREATE TRIGGER \(unsafeRaw: table)_no_\(unsafeRaw: verb.lowercased())
          BEFORE \(unsafeRaw: verb) ON \(unsafeRaw: table)
          BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: table) is append-only'); END
          """
        ).run()
      }
    case .postgres:
      try await sql.raw(
        """
        CREATE FUNCTION \(unsafeRaw: table)_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION '\(unsafeRaw: table) is append-only'; END; $$ LANGUAGE plpgsql
        """
      ).run()
      try await sql.raw(
        """
        CREATE TRIGGER \(unsafeRaw: table)_no_change BEFORE UPDATE OR DELETE ON \(unsafeRaw: table)
        FOR EACH ROW EXECUTE FUNCTION \(unsafeRaw: table)_append_only()
        """
      ).run()
    }
  }

  /// Both guards on each table: UPDATE and DELETE refused (`createAppendOnlyGuard`) and the extras
  /// (`createAppendOnlyGuardExtras`), as every append-only table has them.
  func makeAppendOnly(_ tables: String...) async throws {
    for table in tables {
      try await createAppendOnlyGuard(table: table)
      try await createAppendOnlyGuardExtras(table: table)
    }
  }

  /// Undoes `makeAppendOnly`, table by table in the order given.
  func undoAppendOnly(_ tables: String...) async throws {
    for table in tables {
      try await dropAppendOnlyGuardExtras(table: table)
      try await dropAppendOnlyGuard(table: table)
    }
  }

  func dropAppendOnlyGuard(table: String) async throws {
    switch engine {
    case .sqlite:
      try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_update").run()
      try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_delete").run()
    case .postgres:
      try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_change ON \(unsafeRaw: table)")
        .run()
      try await sql.raw("DROP FUNCTION IF EXISTS \(unsafeRaw: table)_append_only()").run()
    }
  }

  /// A unique index over only the rows matching `condition` (the same SQL on both engines).
  func createPartialUniqueIndex(_ name: String, on table: String, columns: [String], where condition: String)
    async throws
  {
    try await sql.raw(
      """
      CREATE UNIQUE INDEX \(ident: name) ON \(ident: table) (\(unsafeRaw: columns.joined(separator: ", ")))
      WHERE \(unsafeRaw: condition)
      """
    ).run()
  }

  func createIndex(_ name: String, on table: String, columns: [String]) async throws {
    try await sql.raw(
      "CREATE INDEX \(ident: name) ON \(ident: table) (\(unsafeRaw: columns.joined(separator: ", ")))"
    ).run()
  }

  func createUniqueIndex(_ name: String, on table: String, columns: [String]) async throws {
    try await sql.raw(
      "CREATE UNIQUE INDEX \(ident: name) ON \(ident: table) (\(unsafeRaw: columns.joined(separator: ", ")))"
    ).run()
  }

  func dropIndex(_ name: String) async throws {
    try await sql.raw("DROP INDEX IF EXISTS \(ident: name)").run()
  }

  // MARK: - Full-text search

  /// The search index of a person's documents and plan: one row for each thing to find (a document's title and
  /// file name, a version of a plan section's words), with the person it belongs to. SQLite: an FTS5 table;
  /// PostgreSQL: a table with a generated `tsvector` and a GIN index. Both fold case and match word prefixes.
  func createSearchIndex() async throws {
    switch engine {
    case .sqlite:
      try await sql.raw(
        """
        CREATE VIRTUAL TABLE search_entries USING fts5(
          person_id UNINDEXED, document_id UNINDEXED, section UNINDEXED, version UNINDEXED, body,
          tokenize = 'unicode61 remove_diacritics 2')
        """
      ).run()
    case .postgres:
      try await sql.raw(
        """
        CREATE TABLE search_entries (
          id BIGSERIAL PRIMARY KEY, person_id UUID NOT NULL REFERENCES people (id), document_id UUID,
          section TEXT, version INTEGER NOT NULL, body TEXT NOT NULL,
          terms TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED)
        """
      ).run()
      try await sql.raw("CREATE INDEX search_entries_terms ON search_entries USING GIN (terms)").run()
      try await sql.raw("CREATE INDEX search_entries_by_person ON search_entries (person_id)").run()
    }
  }

  func dropSearchIndex() async throws {
    try await sql.raw("DROP TABLE IF EXISTS search_entries").run()
  }

  /// Adds something to find (the same SQL on both engines).
  func index(person: UUID, document: UUID?, section: String?, version: Int, body: String) async throws {
    try await sql.raw(
      """
      INSERT INTO search_entries (person_id, document_id, section, version, body)
      VALUES (
        \(bind: person), \(bind: document), \(bind: section), \(bind: version), \(bind: SearchWords.normalized(body)))
      """
    ).run()
  }

  struct SearchHit: Decodable, Hashable {
    let document_id: UUID?
    let section: String?
    let version: Int
  }

  /// What of the person's matches every word (each as a prefix: "assess" finds "assessment"). The words are
  /// letters and digits only (`SearchWords`), so they cannot be read as the engines' query operators; they
  /// are bound, never spliced.
  func search(person: UUID, words: [String], limit: Int = 200) async throws -> [SearchHit] {
    guard !words.isEmpty else { return [] }
    let query: SQLQueryString =
      switch engine {
      case .sqlite:
        """
        SELECT document_id, section, version FROM search_entries
        WHERE search_entries MATCH \(bind: words.map { "\"\($0)\"*" }.joined(separator: " "))
        AND person_id = \(bind: person) LIMIT \(bind: limit)
        """
      case .postgres:
        """
        SELECT document_id, section, version FROM search_entries
        WHERE person_id = \(bind: person)
        AND terms @@ to_tsquery('simple', \(bind: words.map { "\($0):*" }.joined(separator: " & ")))
        LIMIT \(bind: limit)
        """
      }
    return try await sql.raw(query).all(decoding: SearchHit.self)
  }

  /// Takes a lock on each key until the transaction ends, so counting and reserving under a key is one step
  /// across every app instance; false when another transaction holds one (the caller tries again shortly).
  /// It never waits holding a pooled connection: a burst of sign-ins for one account cannot tie up the pool.
  /// PostgreSQL: transaction-scoped advisory locks, in sorted order; SQLite: nothing to take, as its single
  /// writer already runs one write transaction at a time.
  func tryLockKeys(_ keys: [String]) async throws -> Bool {
    guard engine == .postgres else { return true }
    struct Row: Decodable { let ok: Bool }
    for key in Set(keys).sorted() {
      let row = try await sql.raw("SELECT pg_try_advisory_xact_lock(hashtext(\(bind: key))) AS ok").first(
        decoding: Row.self)
      guard row?.ok == true else { return false }
    }
    return true
  }

  /// Holds the row until the transaction ends, so a second writer weighing the same thing waits and then
  /// reads what the first wrote. PostgreSQL: `SELECT … FOR UPDATE`; SQLite: nothing to take (one writer).
  func lockRow(table: String, id: UUID) async throws {
    guard engine == .postgres else { return }
    _ = try await sql.raw("SELECT id FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").all()
  }

  /// Claims the next due job in one statement. PostgreSQL skips rows another worker has locked (`FOR UPDATE
  /// SKIP LOCKED`), so workers never wait on or take the same job; SQLite has one writer, so the plain
  /// statement is enough.
  func claimJob(worker: String, now: Date, until: Date) async throws -> Job? {
    let lock: SQLQueryString = engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
    let query: SQLQueryString = """
      UPDATE jobs SET claimed_by = \(bind: worker), claimed_until = \(bind: until), attempts = attempts + 1
      WHERE id = (
        SELECT id FROM jobs
        WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= \(bind: now)
          AND (claimed_until IS NULL OR claimed_until < \(bind: now))
        ORDER BY run_at, created_at LIMIT 1\(lock))
      RETURNING id, kind, payload, attempts
      """
    struct Row: Decodable {
      let id: UUID
      let kind: String
      let payload: String
      let attempts: Int
    }
    return try await sql.raw(query).first(decoding: Row.self).map {
      Job(id: $0.id, kind: $0.kind, payload: $0.payload, attempts: $0.attempts)
    }
  }

  /// What the UPDATE/DELETE guard does not catch: SQLite's `INSERT OR REPLACE` (a delete that fires no
  /// delete trigger) and PostgreSQL's `TRUNCATE` (no row triggers at all).
  func createAppendOnlyGuardExtras(table: String) async throws {
    switch engine {
    case .sqlite:
      try await sql.raw(
        """
        CREATE TRIGGER \(unsafeRaw: table)_no_replace BEFORE INSERT ON \(unsafeRaw: table)
        WHEN EXISTS (SELECT 1 FROM \(unsafeRaw: table) WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, '\(unsafeRaw: table) is append-only'); END
        """
      ).run()
    case .postgres:
      try await sql.raw(
        """
        CREATE TRIGGER \(unsafeRaw: table)_no_truncate BEFORE TRUNCATE ON \(unsafeRaw: table)
        FOR EACH STATEMENT EXECUTE FUNCTION \(unsafeRaw: table)_append_only()
        """
      ).run()
    }
  }

  func dropAppendOnlyGuardExtras(table: String) async throws {
    switch engine {
    case .sqlite: try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_replace").run()
    case .postgres:
      try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_truncate ON \(unsafeRaw: table)").run()
    }
  }

  /// SQLite durability and integrity settings, set at boot and read back so a wrong one stops the app.
  func prepareSQLiteConnection() async throws -> [String: String] {
    guard engine == .sqlite else { return [:] }
    try await sql.raw("PRAGMA journal_mode = WAL").run()
    try await sql.raw("PRAGMA synchronous = FULL").run()
    try await sql.raw("PRAGMA foreign_keys = ON").run()
    try await sql.raw("PRAGMA busy_timeout = 5000").run()
    var found: [String: String] = [:]
    for pragma in ["journal_mode", "synchronous", "foreign_keys"] {
      let row = try await sql.raw("PRAGMA \(unsafeRaw: pragma)").first()
      found[pragma] = row.flatMap { r in
        (try? r.decode(column: pragma, as: String.self))
          ?? (try? r.decode(column: pragma, as: Int.self)).map(String.init)
      }
    }
    return found
  }
}

extension Store {
  /// PostgreSQL only: makes `name` as a copy of `template` (a migrated database), which is far
  /// quicker than migrating a fresh database for every test.
  /// The names of the indexes on a table, as the engine's catalogue lists them.
  func indexNames(on table: String) async throws -> Set<String> {
    struct Row: Decodable { let name: String }
    let dialect = Dialect(db)
    let query: SQLQueryString =
      switch dialect.engine {
      case .sqlite: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = \(bind: table)"
      case .postgres: "SELECT indexname AS name FROM pg_indexes WHERE tablename = \(bind: table)"
      }
    return Set(try await dialect.sql.raw(query).all(decoding: Row.self).map(\.name))
  }

  /// SQLite's plan for a query, one line a step (for tests that an index is used).
  func sqliteQueryPlan(_ query: String) async throws -> [String] {
    struct Row: Decodable { let detail: String }
    return try await Dialect(db).sql.raw("EXPLAIN QUERY PLAN \(unsafeRaw: query)").all(decoding: Row.self).map(\.detail)
  }

  func cloneDatabase(named name: String, template: String) async throws {
    let sql = Dialect(writer).sql
    try await sql.raw("CREATE DATABASE \(ident: name) TEMPLATE \(ident: template) STRATEGY FILE_COPY").run()
  }

  func createDatabase(named name: String) async throws {
    try await Dialect(writer).sql.raw("CREATE DATABASE \(ident: name)").run()
  }
}

/// Which constraint refused a write, by the name the migrations gave it, whichever engine said so:
/// PostgreSQL names the constraint; SQLite names the table and columns, looked up here.
enum ConstraintName {
  /// SQLite's "UNIQUE constraint failed: t.a, t.b" → the index over those columns.
  static let sqliteColumns: [String: String] = [
    "team_memberships.person_id, team_memberships.account_id": "team_memberships_one_open",
    "circle_memberships.circle_id, circle_memberships.account_id": "circle_memberships_one_open",
    "hat_holdings.hat_id": "hat_holdings_one_open",
    "accounts.coop_id, accounts.email_address": "accounts_email_per_coop",
    "first_run.key": "first_run_pkey",
    "members.account_id": "uq:members.account_id",
    "people.account_id": "uq:people.account_id",
    "support_patterns.person_id, support_patterns.version": "support_patterns_one_version_number",
    "consent_zones.account_id, consent_zones.version": "consent_zones_one_version_number",
    "rota_weeks.circle_id, rota_weeks.monday, rota_weeks.number": "rota_weeks_one_number",
    "rota_weeks.circle_id": "rota_weeks_one_planning",
    "calendar_feeds.token_hash": "calendar_feeds_token",
    "cover_requests.person_id, cover_requests.pattern, cover_requests.day, cover_requests.slot":
      "cover_requests_one_open",
    "cover_offers.request_id, cover_offers.worker_id": "cover_offers_one_a_worker",
    "cover_offers.request_id": "cover_offers_one_accepted",
    "access_grants.person_id, access_grants.holder_id, access_grants.kind": "access_grants_one_open",
    "engagements.account_id": "engagements_one_open",
    "rota_visits.week_id, rota_visits.person_id, rota_visits.pattern, rota_visits.day, rota_visits.slot":
      "rota_visits_one_place",
    "hours_entries.agreement_id, hours_entries.kind, hours_entries.period_start": "hours_entries_one_per_period",
    "hours_entries.reverses": "hours_entries_reversed_once",
    "hours_entries.agreement_id, hours_entries.seq": "hours_entries_in_order",
    "hours_entries.actor_id, hours_entries.idempotency_key": "hours_entries_idempotency",
  ]

  static func of(_ error: Any) -> String? {
    if let postgres = error as? PSQLError { return postgres.serverInfo?[.constraintName] }
    if let sqlite = error as? SQLiteError {
      let prefix = "UNIQUE constraint failed: "
      guard sqlite.message.hasPrefix(prefix) else { return nil }
      let columns = String(sqlite.message.dropFirst(prefix.count))
      return sqliteColumns[columns] ?? columns
    }
    return nil
  }
}
