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
