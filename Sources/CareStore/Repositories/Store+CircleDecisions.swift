import CareCore
import FluentKit
import Foundation

final class ProposalCircleRow: Model, @unchecked Sendable {
  static let schema = "proposal_circles"
  @IDProperty<ProposalCircleRow, UUID>(key: .id) var id: UUID?
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "circle_id") var circleID: UUID
  init() {}
}

final class CircleSettingRow: Model, @unchecked Sendable {
  static let schema = "circle_settings"
  @IDProperty<CircleSettingRow, UUID>(key: .id) var id: UUID?
  @Field(key: "circle_id") var circleID: UUID
  @Field(key: "setting") var setting: String
  @Field(key: "value") var value: Int
  @Field(key: "from_day") var fromDay: String
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "recorded_at") var recordedAt: Date
  init() {}
}

/// Decisions put to one circle: which proposals are a circle's, who answers them (the circle's workers and
/// the people it supports, among the co-op's voting members), and the circle's own settings as its decisions
/// set them (read by the day, like the co-op's).
extension Store {
  /// The circle's own settings as its decisions set them (its size guide), with their history.
  public func circleSettings(_ circle: ID<Circle>) async throws -> CoopSettings {
    CoopSettings(
      try await CircleSettingRow.query(on: db).filter(\.$circleID == circle.rawValue).all().map { row in
        try Self.settingEntry(
          "circle_settings", setting: row.setting, value: row.value, fromDay: row.fromDay,
          proposalID: row.proposalID, recordedAt: row.recordedAt)
      })
  }

  /// Who answers a circle's decisions on `day`: the co-op's voting members who work in the circle or are
  /// supported by a team in it.
  public func circleVoters(_ circle: ID<Circle>, coop: ID<Coop>, on day: Day) async throws -> [ID<Account>] {
    let workers = try await CircleMembershipRow.query(on: db).filter(\.$circleID == circle.rawValue)
      .filter(\.$leftAt == nil).all().map(\.accountID)
    let supported = try await people(coop: coop).filter { $0.0.circleID == circle }.map(\.1.id.rawValue)
    let inCircle = Set(workers + supported)
    return try await votingMembers(coop: coop, on: day).filter { inCircle.contains($0.rawValue) }
  }

  static func keepCircle(_ proposal: UUID, _ circle: ID<Circle>, env: Effects, on db: any Database) async throws {
    let row = ProposalCircleRow()
    (row.id, row.proposalID, row.circleID) = (env.newID(), proposal, circle.rawValue)
    try await row.create(on: db)
  }

  /// Each proposal's circle, for those put to one.
  static func circles(of ids: [UUID], on db: any Database) async throws -> [UUID: ID<Circle>] {
    guard !ids.isEmpty else { return [:] }
    return Dictionary(
      uniqueKeysWithValues: try await ProposalCircleRow.query(on: db).filter(\.$proposalID ~~ ids).all().map {
        ($0.proposalID, CareCore.ID($0.circleID))
      })
  }

  /// A circle's passed decision's changes, kept as the circle's own settings from `day`.
  static func applyCircleChanges(
    _ proposal: Proposal, circle: ID<Circle>, from day: Day, env: Effects, on db: any Database
  ) async throws {
    for change in proposal.changes {
      let row = CircleSettingRow()
      (row.id, row.circleID, row.setting, row.value) = (
        env.newID(), circle.rawValue, change.setting.rawValue, change.value
      )
      (row.fromDay, row.proposalID, row.recordedAt) = (day.iso, proposal.id.rawValue, env.now())
      try await row.create(on: db)
    }
  }
}
