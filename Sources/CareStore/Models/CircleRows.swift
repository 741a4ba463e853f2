import CareCore
import FluentKit
import Foundation

final class CircleRow: Model, @unchecked Sendable {
  static let schema = "circles"
  @IDProperty<CircleRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "name") var name: String
  @Field(key: "area") var area: String
  @Field(key: "max_workers") var maxWorkers: Int
  @Field(key: "max_teams") var maxTeams: Int

  init() {}

  init(_ c: CareCore.Circle) {
    id = c.id.rawValue
    coopID = c.coopID.rawValue
    name = c.name
    area = c.area
    maxWorkers = c.sizeGuide.maxWorkers
    maxTeams = c.sizeGuide.maxTeams
  }

  var value: CareCore.Circle {
    Circle(
      id: CareCore.ID(id!), coopID: CareCore.ID(coopID), name: name, area: area,
      sizeGuide: SizeGuide(maxWorkers: maxWorkers, maxTeams: maxTeams))
  }
}

final class CircleMembershipRow: Model, @unchecked Sendable {
  static let schema = "circle_memberships"
  @IDProperty<CircleMembershipRow, UUID>(key: .id) var id: UUID?
  @Field(key: "circle_id") var circleID: UUID
  @Field(key: "account_id") var accountID: UUID
  @Field(key: "joined_at") var joinedAt: Date
  @OptionalField(key: "left_at") var leftAt: Date?

  init() {}

  init(id: UUID, circleID: UUID, accountID: UUID, joinedAt: Date) {
    self.id = id
    self.circleID = circleID
    self.accountID = accountID
    self.joinedAt = joinedAt
  }

  var value: CircleMembership {
    CircleMembership(
      circleID: CareCore.ID(circleID), accountID: CareCore.ID(accountID), joinedAt: joinedAt, leftAt: leftAt)
  }
}

final class HatRow: Model, @unchecked Sendable {
  static let schema = "hats"
  @IDProperty<HatRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @OptionalField(key: "circle_id") var circleID: UUID?
  @Field(key: "kind") var kind: String
  @Field(key: "name") var name: String
  @Field(key: "purpose") var purpose: String
  /// One accountability a line: plain text reads the same on both engines.
  @Field(key: "accountabilities") var accountabilities: String

  init() {}

  init(_ h: Hat) {
    id = h.id.rawValue
    coopID = h.coopID.rawValue
    circleID = h.circleID?.rawValue
    kind = h.kind.rawValue
    name = h.name
    purpose = h.purpose
    accountabilities = h.accountabilities.joined(separator: "\n")
  }

  var value: Hat {
    get throws {
      Hat(
        id: CareCore.ID(id!), coopID: CareCore.ID(coopID), circleID: circleID.map(CareCore.ID.init),
        kind: try StoreError.known(HatKind(rawValue: kind), "hats.kind", kind),
        name: name, purpose: purpose,
        accountabilities: accountabilities.split(separator: "\n").map(String.init))
    }
  }
}

final class HatHoldingRow: Model, @unchecked Sendable {
  static let schema = "hat_holdings"
  @IDProperty<HatHoldingRow, UUID>(key: .id) var id: UUID?
  @Field(key: "hat_id") var hatID: UUID
  @Field(key: "account_id") var accountID: UUID
  @Field(key: "term_start") var termStart: String
  @OptionalField(key: "term_end") var termEnd: String?
  @OptionalField(key: "ended_on") var endedOn: String?
  @OptionalField(key: "handed_over_to") var handedOverTo: UUID?

  init() {}

  init(_ h: HatHolding) {
    id = h.id.rawValue
    hatID = h.hatID.rawValue
    accountID = h.accountID.rawValue
    termStart = h.termStart.iso
    termEnd = h.termEnd?.iso
    endedOn = h.endedOn?.iso
    handedOverTo = h.handedOverTo?.rawValue
  }

  var value: HatHolding {
    get throws {
      HatHolding(
        id: CareCore.ID(id!), hatID: CareCore.ID(hatID), accountID: CareCore.ID(accountID),
        termStart: try StoreError.known(Day(iso: termStart), "hat_holdings.term_start", termStart),
        termEnd: try termEnd.map { try StoreError.known(Day(iso: $0), "hat_holdings.term_end", $0) },
        endedOn: try endedOn.map { try StoreError.known(Day(iso: $0), "hat_holdings.ended_on", $0) },
        handedOverTo: handedOverTo.map(CareCore.ID.init))
    }
  }
}
