import FluentKit

/// 011: work done after an answer is sent (mail, and later the rota's long runs), kept as rows so a restart
/// loses none and several app instances share it: each job is claimed by one worker for a lease
/// (PostgreSQL: `FOR UPDATE SKIP LOCKED`), done once, retried with a growing wait, given up after five tries.
struct M011_Jobs: AsyncMigration {
  func prepare(on db: any Database) async throws {
    try await db.schema("jobs")
      .field("id", .uuid, .identifier(auto: false))
      .field("kind", .string, .required)
      .field("payload", .string, .required)
      .field("created_at", .datetime, .required)
      .field("run_at", .datetime, .required)
      .field("attempts", .int, .required)
      .field("claimed_by", .string)
      .field("claimed_until", .datetime)
      .field("done_at", .datetime)
      .field("failed_at", .datetime)
      .field("last_error", .string)
      .create()
    try await Dialect(db).createIndex("jobs_due", on: "jobs", columns: ["done_at", "failed_at", "run_at"])
  }

  func revert(on db: any Database) async throws {
    try await Dialect(db).dropIndex("jobs_due")
    try await db.schema("jobs").delete()
  }
}
