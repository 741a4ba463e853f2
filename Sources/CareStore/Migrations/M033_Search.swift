import CareCore
import FluentKit
import Foundation
import SQLKit

/// 033: the search index of people's documents and plans (SQLite FTS5; PostgreSQL full-text search: the
/// dialect makes it), filled with what is already kept: every document version's title and file name, and
/// every agreed version of a plan section's words.
struct M033_Search: AsyncMigration {
  struct Entry: Decodable {
    let person_id: UUID
    let document_id: UUID?
    let section: String?
    let version: Int
    let body: String
  }

  func prepare(on db: any Database) async throws {
    let dialect = Dialect(db)
    try await dialect.createSearchIndex()
    let documents = try await dialect.sql.raw(
      """
      SELECT d.person_id, d.id AS document_id, NULL AS section, v.number AS version,
        d.title || ' ' || v.file_name AS body
      FROM documents d JOIN document_versions v ON v.document_id = d.id
      """
    ).all(decoding: Entry.self)
    let plans = try await dialect.sql.raw(
      """
      SELECT a.person_id, NULL AS document_id, a.section, a.version, COALESCE(a.agreed_text, c.text) AS body
      FROM plan_answers a JOIN plan_changes c ON c.id = a.change_id WHERE a.version IS NOT NULL
      """
    ).all(decoding: Entry.self)
    for entry in documents + plans {
      try await dialect.index(
        person: entry.person_id, document: entry.document_id, section: entry.section, version: entry.version,
        body: entry.body)
    }
  }

  func revert(on db: any Database) async throws {
    try await Dialect(db).dropSearchIndex()
  }
}
