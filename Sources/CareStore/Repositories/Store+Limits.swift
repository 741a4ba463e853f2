import CareCore
import FluentKit
import Foundation
import SQLKit

extension Store {
  /// How many events each key has had since `since` (failed sign-ins, mails sent): what the limits count.
  public func rateEvents(keys: [String], since: Date) async throws -> [String: Int] {
    guard !keys.isEmpty else { return [:] }
    let rows = try await (db as! any SQLDatabase).select()
      .column("key").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
      .from("rate_events")
      .where("key", .in, SQLBind.group(keys))
      .where("at", .greaterThan, SQLBind(since))
      .groupBy("key")
      .all()
    var counts: [String: Int] = [:]
    for row in rows {
      counts[try row.decode(column: "key", as: String.self)] = try row.decode(column: "n", as: Int.self)
    }
    return counts
  }

  /// Counts one event against each key; events older than a day are dropped on the way.
  public func addRateEvent(keys: [String], env: Effects) async throws {
    let now = env.now()
    try await write { db in
      let sql = db as! any SQLDatabase
      for key in keys {
        try await sql.insert(into: "rate_events").columns("id", "key", "at")
          .values(SQLBind(env.newID()), SQLBind(key), SQLBind(now)).run()
      }
      try await sql.delete(from: "rate_events").where("at", .lessThan, SQLBind(now.addingTimeInterval(-86_400)))
        .run()
    }
  }

  /// Reserves one try under every key, or none (nil) when any key's events since `since` and tries under way
  /// reach its limit. Counting and reserving are one transaction, with the keys locked on PostgreSQL, so
  /// parallel requests on any number of app instances cannot all pass the limit while the first are still
  /// checking a password. A reservation lasts until released, or `lasting` seconds if never released.
  public func reserveTries(
    _ keys: [(key: String, limit: Int)], since: Date, lasting: TimeInterval = 60, env: Effects
  ) async throws -> UUID? {
    guard !keys.isEmpty else { return nil }
    // Another instance is counting under these keys this moment: try again a little later, for up to 5 s
    // (of real time), then count the try as refused.
    for attempt in 0..<100 {
      switch try await reserveTriesOnce(keys, since: since, lasting: lasting, env: env) {
      case .reserved(let id): return id
      case .full: return nil
      case .busy: try await Task.sleep(nanoseconds: UInt64(10 + (attempt % 5) * 10) * 1_000_000)
      }
    }
    return nil
  }

  private enum Reservation: Sendable {
    case reserved(UUID)
    case full, busy
  }

  private func reserveTriesOnce(
    _ keys: [(key: String, limit: Int)], since: Date, lasting: TimeInterval, env: Effects
  ) async throws -> Reservation {
    let now = env.now()
    let reservation = env.newID()
    return try await write { db in
      let sql = db as! any SQLDatabase
      guard try await Dialect(db).tryLockKeys(keys.map(\.key)) else { return .busy }
      let names = SQLBind.group(keys.map(\.key))
      var counts: [String: Int] = [:]
      for row in try await sql.raw(
        """
        SELECT key, COUNT(*) AS n FROM rate_events WHERE key IN \(names) AND at > \(bind: since) GROUP BY key
        UNION ALL
        SELECT key, COUNT(*) AS n FROM rate_reservations WHERE key IN \(names) AND expires_at > \(bind: now)
        GROUP BY key
        """
      ).all() {
        counts[try row.decode(column: "key", as: String.self), default: 0] += try row.decode(column: "n", as: Int.self)
      }
      guard keys.allSatisfy({ counts[$0.key, default: 0] < $0.limit }) else { return .full }
      for (key, _) in keys {
        try await sql.insert(into: "rate_reservations").columns("id", "reservation", "key", "expires_at")
          .values(SQLBind(env.newID()), SQLBind(reservation), SQLBind(key), SQLBind(now.addingTimeInterval(lasting)))
          .run()
      }
      try await sql.delete(from: "rate_reservations").where("expires_at", .lessThan, SQLBind(now)).run()
      return .reserved(reservation)
    }
  }

  /// Ends a reservation, once the try's outcome (a failure counted, or cleared) is stored.
  public func releaseTries(_ reservation: UUID) async throws {
    try await write { db in
      try await (db as! any SQLDatabase).delete(from: "rate_reservations")
        .where("reservation", .equal, SQLBind(reservation)).run()
    }
  }

  /// Forgets a key's events (a right password clears the failures from that address for that account).
  public func clearRateEvents(key: String) async throws {
    try await write { db in
      try await (db as! any SQLDatabase).delete(from: "rate_events").where("key", .equal, SQLBind(key)).run()
    }
  }

  /// The server's secret of that name, made from `make` the first time it is asked for and kept from then on.
  /// Of two instances making it at once, both end up with the one stored first.
  public func secret(named name: String, make: @Sendable () -> String) async throws -> String {
    let sql = db as! any SQLDatabase
    if let row = try await sql.select().column("value").from("server_secrets").where("name", .equal, SQLBind(name))
      .first()
    {
      return try row.decode(column: "value", as: String.self)
    }
    let fresh = make()
    do {
      try await write { db in
        try await (db as! any SQLDatabase).insert(into: "server_secrets").columns("name", "value")
          .values(SQLBind(name), SQLBind(fresh)).run()
      }
    } catch StoreError.constraint {}
    let row = try await sql.select().column("value").from("server_secrets").where("name", .equal, SQLBind(name))
      .first()
    return try row!.decode(column: "value", as: String.self)
  }
}
