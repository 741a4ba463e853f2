import CareCore
import FluentKit
import Foundation
import SQLKit

/// A unit of work waiting in the `jobs` table: what to do (`kind`), with what (`payload`, JSON), how many
/// times it has been tried.
public struct Job: Sendable, Equatable {
  public let id: UUID
  public let kind: String
  public let payload: String
  public let attempts: Int
}

/// The work of one transaction spanning several store operations: all of them are written, or none.
/// Made by `Store.transaction`; an invitation and the job that mails it, say, commit together.
public struct StoreTransaction: Sendable {
  let db: any Database

  /// Queues a job to run from `runAt` (now if nil).
  public func enqueue(_ kind: String, payload: String, runAt: Date? = nil, env: Effects) async throws {
    try await Store.enqueue(kind, payload: payload, runAt: runAt, env: env, on: db)
  }

  /// Invites someone, as the permit allows (see `Store.invite`).
  public func invite(_ input: Invitation, to team: Team, permit: Permit, env: Effects) async throws
    -> InvitationResult
  {
    try Store.check(permit, .changeTeam, person: team.person.id)
    return try await Store.invite(
      input, to: team, by: permit.requester.account.id, onBehalfOf: permit.onBehalfOf, env: env, on: db)
  }
}

extension Store {
  /// Runs `body` as one transaction; a constraint refusing any part is the domain error it stands for.
  public func transaction<T: Sendable>(
    conflict: FieldError = FieldError("email", "That clashes with something already saved"),
    _ body: @escaping @Sendable (StoreTransaction) async throws -> T
  ) async throws -> T {
    try await writeChecked(conflict: conflict) { db in try await body(StoreTransaction(db: db)) }
  }

  public func enqueue(_ kind: String, payload: String, runAt: Date? = nil, env: Effects) async throws {
    try await write { db in try await Self.enqueue(kind, payload: payload, runAt: runAt, env: env, on: db) }
  }

  static func enqueue(_ kind: String, payload: String, runAt: Date?, env: Effects, on db: any Database)
    async throws
  {
    let now = env.now()
    try await (db as! any SQLDatabase).insert(into: "jobs")
      .columns("id", "kind", "payload", "created_at", "run_at", "attempts")
      .values(
        SQLBind(env.newID()), SQLBind(kind), SQLBind(payload), SQLBind(now), SQLBind(runAt ?? now), SQLBind(0)
      )
      .run()
  }

  /// Queues a job of `kind` unless one is already waiting (a repeating job, started once per app start:
  /// its own run queues the next). Checked and queued in one transaction.
  public func enqueueUnlessWaiting(_ kind: String, payload: String, runAt: Date? = nil, env: Effects) async throws {
    try await write { db in
      let waiting = try await (db as! any SQLDatabase).select().column("id").from("jobs")
        .where("kind", .equal, SQLBind(kind)).where("done_at", .is, SQLLiteral.null)
        .where("failed_at", .is, SQLLiteral.null).limit(1).all()
      if waiting.isEmpty { try await Self.enqueue(kind, payload: payload, runAt: runAt, env: env, on: db) }
    }
  }

  /// Takes the next due job for `worker` for `lease` seconds, or nil if none is due. A job whose lease ran
  /// out (its worker died) is due again. Of several workers asking at once, each gets a different job.
  public func claimJob(by worker: String, now: Date, lease: TimeInterval) async throws -> Job? {
    try await write { db in
      try await Dialect(db).claimJob(worker: worker, now: now, until: now.addingTimeInterval(lease))
    }
  }

  /// The job is done: it will not run again.
  public func completeJob(_ id: UUID, by worker: String, now: Date) async throws {
    try await write { db in
      try await (db as! any SQLDatabase).update("jobs").set("done_at", to: SQLBind(now))
        .set("claimed_until", to: SQLLiteral.null)
        .where("id", .equal, SQLBind(id)).where("claimed_by", .equal, SQLBind(worker)).run()
    }
  }

  /// The job failed: it runs again from `retryAt`, or (nil) is given up and kept with its error.
  public func failJob(_ id: UUID, by worker: String, error: String, retryAt: Date?, now: Date) async throws {
    try await write { db in
      var update = (db as! any SQLDatabase).update("jobs").set("last_error", to: SQLBind(String(error.prefix(2000))))
        .set("claimed_until", to: SQLLiteral.null)
      if let retryAt {
        update = update.set("run_at", to: SQLBind(retryAt))
      } else {
        update = update.set("failed_at", to: SQLBind(now))
      }
      try await update.where("id", .equal, SQLBind(id)).where("claimed_by", .equal, SQLBind(worker)).run()
    }
  }

  /// Jobs neither done nor given up, and those given up.
  public func jobCounts() async throws -> (waiting: Int, failed: Int) {
    struct Row: Decodable {
      let waiting: Int
      let failed: Int
    }
    let row = try await (db as! any SQLDatabase).raw(
      """
      SELECT
        COALESCE(SUM(CASE WHEN done_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END), 0) AS waiting,
        COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS failed
      FROM jobs
      """
    ).first(decoding: Row.self)
    return (row?.waiting ?? 0, row?.failed ?? 0)
  }
}
