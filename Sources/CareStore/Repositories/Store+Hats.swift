import CareCore
import FluentKit
import Foundation
import SQLKit

/// A hat with every term it has been worn, newest first, and the holders' names.
public struct HatWithHolders: Sendable {
  public let hat: Hat
  public let history: [(HatHolding, Account)]

  public func current(on day: Day) -> [(HatHolding, Account)] {
    history.filter { $0.0.isCurrent(on: day) }
  }

  /// The same holders, with the hat as `hat` (its definition on a day, as decisions set it).
  public func with(_ hat: Hat) -> HatWithHolders { HatWithHolders(hat: hat, history: history) }
}

extension Store {
  static let handoverClash = FieldError(
    "toAccountID", "Someone else handed this hat over just now. Look at it again, then try.")

  public func hats(coop: ID<Coop>) async throws -> [HatWithHolders] {
    let hats = try await HatRow.query(on: db).filter(\.$coopID == coop.rawValue).sort(\.$name).all()
    let holdings = try await HatHoldingRow.query(on: db).filter(\.$hatID ~~ hats.map { $0.id! }).all()
    let accounts = try await AccountRow.query(on: db).filter(\.$id ~~ holdings.map(\.accountID)).all()
    let byID = Dictionary(uniqueKeysWithValues: accounts.map { ($0.id!, $0.value) })
    return try hats.map { hat in
      let history = try holdings.filter { $0.hatID == hat.id }.map { try $0.value }
        .sorted { $0.termStart > $1.termStart }
        .compactMap { h in byID[h.accountID.rawValue].map { (h, $0) } }
      return HatWithHolders(hat: try hat.value, history: history)
    }
  }

  public func hat(_ id: ID<Hat>, coop: ID<Coop>) async throws -> HatWithHolders? {
    try await hats(coop: coop).first { $0.hat.id == id }
  }

  /// Hands a hat to someone: current terms end the day the new one starts and record who took over.
  func handOver(_ hatID: ID<Hat>, _ input: Handover, coop: ID<Coop>, by actor: ID<Account>, env: Effects)
    async throws -> HatHolding
  {
    // An unknown hat is not found whatever the input, so nothing is learnt about other co-ops.
    guard let found = try await HatRow.find(hatID.rawValue, on: db), found.coopID == coop.rawValue
    else { throw CareError.notFound }
    let valid = try input.validated()
    return try await writeChecked(conflict: Self.handoverClash) { db in
      try await Self.handOver(hatID, valid, replacing: input.replacing, coop: coop, by: actor, env: env, on: db)
    }
  }

  /// The handover inside a transaction (a person handing over, or an election's count giving the hat to the
  /// one elected: then `actor` is nil).
  static func handOver(
    _ hatID: ID<Hat>, _ valid: Handover.Valid, replacing: String?, coop: ID<Coop>, by actor: ID<Account>?,
    env: Effects, on db: any Database
  ) async throws -> HatHolding {
    guard let hat = try await HatRow.find(hatID.rawValue, on: db), hat.coopID == coop.rawValue else {
      throw CareError.notFound
    }
    guard let to = try await AccountRow.find(valid.to.rawValue, on: db), to.coopID == coop.rawValue
    else { throw CareError.unknownReference(FieldError("toAccountID", "Select who will wear the hat")) }
    // The open term ends the day the new one starts (its holder wears the hat until then). Ended with
    // a conditional update: of two handovers racing, the second finds no open term left to end and is
    // refused, so history is never rewritten; the unique index on open holdings stops the rest.
    let open = try await HatHoldingRow.query(on: db).filter(\.$hatID == hatID.rawValue)
      .filter(\.$endedOn == nil).all()
    if let seen = replacing,
      Set(open.map { $0.id!.uuidString.lowercased() }) != (seen.isEmpty ? [] : [seen.lowercased()])
    {
      throw CareError.conflict(Self.handoverClash)
    }
    if !open.isEmpty {
      let ended = try await (db as! any SQLDatabase).update(HatHoldingRow.schema)
        .set("ended_on", to: SQLBind(valid.termStart.iso))
        .set("handed_over_to", to: SQLBind(valid.to.rawValue))
        .where("hat_id", .equal, SQLBind(hatID.rawValue))
        .where("ended_on", .is, SQLLiteral.null)
        .where("id", .in, SQLBind.group(open.map { $0.id! }))
        .returning("id")
        .all()
      guard ended.count == open.count else { throw CareError.conflict(Self.handoverClash) }
    }
    let holding = HatHolding(
      id: ID(env.newID()), hatID: hatID, accountID: valid.to, termStart: valid.termStart,
      termEnd: valid.termEnd, endedOn: nil, handedOverTo: nil)
    try await HatHoldingRow(holding).create(on: db)
    try await Self.append(
      .handOverHat, coop: coop, actor: actor, detail: "\(hat.name) to \(to.name)", env: env, on: db)
    return holding
  }
}

extension Store {
  /// Hands a hat over, as a permit to hand over the co-op's hats allows.
  public func handOver(_ hatID: ID<Hat>, _ input: Handover, permit: Permit, env: Effects) async throws -> HatHolding {
    try Self.check(permit, .handOverHat)
    return try await handOver(hatID, input, coop: permit.coopID, by: permit.requester.account.id, env: env)
  }
}
