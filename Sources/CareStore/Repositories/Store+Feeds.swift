import CareCore
import FluentKit
import Foundation
import SQLKit

/// Whose calendar a feed is: a worker's own visits, or a person's week seen by `account`.
public struct CalendarFeed: Sendable, Hashable {
  public let id: UUID
  public let coopID: ID<Coop>
  public let account: ID<Account>
  public let person: ID<Person>?
  public let createdAt: Date
}

/// One visit as it stood in one published version of its week (for a feed's SEQUENCE and cancellations).
public struct VisitInVersion: Sendable, Hashable {
  public let version: Int
  public let circleID: ID<Circle>
  public let monday: Day
  public let visit: RotaVisit
}

extension Store {
  /// A new feed address for the account (of their own week, or the person's), replacing the one they had:
  /// the old address stops working.
  public func startFeed(tokenHash: String, account: ID<Account>, coop: ID<Coop>, person: ID<Person>?, env: Effects)
    async throws
  {
    try await write { db in
      let sql = db as! any SQLDatabase
      var stop = sql.update("calendar_feeds").set("revoked_at", to: SQLBind(env.now()))
        .where("account_id", .equal, SQLBind(account.rawValue)).where("revoked_at", .is, SQLLiteral.null)
      stop =
        person.map { stop.where("person_id", .equal, SQLBind($0.rawValue)) }
        ?? stop.where("person_id", .is, SQLLiteral.null)
      try await stop.run()
      try await sql.insert(into: "calendar_feeds")
        .columns("id", "coop_id", "account_id", "person_id", "token_hash", "created_at")
        .values(
          SQLBind(env.newID()), SQLBind(coop.rawValue), SQLBind(account.rawValue), SQLBind(person?.rawValue),
          SQLBind(tokenHash), SQLBind(env.now())
        ).run()
    }
  }

  /// Stops the account's feed (of their own week, or the person's): its address answers "not found" from now.
  public func stopFeed(account: ID<Account>, person: ID<Person>?, env: Effects) async throws {
    try await write { db in
      var stop = (db as! any SQLDatabase).update("calendar_feeds").set("revoked_at", to: SQLBind(env.now()))
        .where("account_id", .equal, SQLBind(account.rawValue)).where("revoked_at", .is, SQLLiteral.null)
      stop =
        person.map { stop.where("person_id", .equal, SQLBind($0.rawValue)) }
        ?? stop.where("person_id", .is, SQLLiteral.null)
      try await stop.run()
    }
  }

  /// The live feed with this token's hash (nil when unknown or stopped).
  public func feed(tokenHash: String) async throws -> CalendarFeed? {
    struct Row: Decodable {
      let id: UUID
      let coop_id: UUID
      let account_id: UUID
      let person_id: UUID?
      let created_at: Date
    }
    let row = try await (db as! any SQLDatabase).select()
      .columns("id", "coop_id", "account_id", "person_id", "created_at").from("calendar_feeds")
      .where("token_hash", .equal, SQLBind(tokenHash)).where("revoked_at", .is, SQLLiteral.null)
      .first(decoding: Row.self)
    return row.map {
      CalendarFeed(
        id: $0.id, coopID: ID($0.coop_id), account: ID($0.account_id), person: $0.person_id.map(ID.init),
        createdAt: $0.created_at)
    }
  }

  /// Whether the account has a live feed (of their own week, or the person's).
  public func hasFeed(account: ID<Account>, person: ID<Person>?) async throws -> Bool {
    var query = (db as! any SQLDatabase).select().column("id").from("calendar_feeds")
      .where("account_id", .equal, SQLBind(account.rawValue)).where("revoked_at", .is, SQLLiteral.null)
    query =
      person.map { query.where("person_id", .equal, SQLBind($0.rawValue)) }
      ?? query.where("person_id", .is, SQLLiteral.null)
    return try await query.first() != nil
  }
}

extension Store {
  /// Every published version's visits of the person between two days, as the permit to see their team allows.
  public func publishedHistory(permit: Permit, person: ID<Person>, from: Day, through: Day) async throws
    -> [VisitInVersion]
  {
    try Self.check(permit, .viewTeam, person: person)
    return try await publishedHistory(column: "person_id", id: person.rawValue, from: from, through: through)
  }

  /// Every published version's visits of the worker between two days.
  public func publishedHistory(worker: ID<Account>, from: Day, through: Day) async throws -> [VisitInVersion] {
    try await publishedHistory(column: "worker_id", id: worker.rawValue, from: from, through: through)
  }

  private func publishedHistory(column: String, id: UUID, from: Day, through: Day) async throws -> [VisitInVersion] {
    let rows = try await (db as! any SQLDatabase).raw(
      """
      SELECT v.id, v.week_id, v.person_id, v.pattern, v.slot, v.day, v.start_minute, v.length, v.usual_start,
        v.time_window, v.tasks, v.worker_id, v.partner_id, w.number, w.circle_id, w.monday
      FROM rota_visits v JOIN rota_weeks w ON w.id = v.week_id
      WHERE v.\(unsafeRaw: column) = \(bind: id) AND v.day >= \(bind: from.iso) AND v.day <= \(bind: through.iso)
        AND w.state = 'published'
      """
    ).all()
    return try rows.map { row in
      let monday = try row.decode(column: "monday", as: String.self)
      return VisitInVersion(
        version: try row.decode(column: "number", as: Int.self),
        circleID: CareCore.ID(try row.decode(column: "circle_id", as: UUID.self)),
        monday: try StoreError.known(Day(iso: monday), "rota_weeks.monday", monday), visit: try Self.visit(row))
    }
  }

  /// The numbers of the circle's published versions of a week, oldest first.
  public func publishedVersionNumbers(circle: ID<Circle>, monday: Day) async throws -> [Int] {
    try await RotaWeekRow.query(on: db).filter(\.$circleID == circle.rawValue).filter(\.$monday == monday.iso)
      .filter(\.$state == RotaWeek.State.published.rawValue).sort(\.$number).all().map(\.number)
  }
}
