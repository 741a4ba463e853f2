import CareCore
import FluentKit
import Foundation

/// What a proposal would change if it passed.
final class ProposalChangeRow: Model, @unchecked Sendable {
  static let schema = "proposal_changes"
  @IDProperty<ProposalChangeRow, UUID>(key: .id) var id: UUID?
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "setting") var setting: String
  @Field(key: "value") var value: Int
  @Field(key: "takes_effect") var takesEffect: String
  init() {}
}

/// A value a passed proposal gave a setting, from a day on.
final class CoopSettingRow: Model, @unchecked Sendable {
  static let schema = "coop_settings"
  @IDProperty<CoopSettingRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "setting") var setting: String
  @Field(key: "value") var value: Int
  @Field(key: "from_day") var fromDay: String
  @Field(key: "proposal_id") var proposalID: UUID
  @Field(key: "recorded_at") var recordedAt: Date
  init() {}
}

/// Decisions that change settings: a proposal keeps what it would change; when it passes, the count keeps the
/// new values from their day in the same transaction as the result. Settings are read by the day: nothing
/// has to run when a change takes effect.
extension Store {
  /// The co-op's settings as decided, with their history: read by the pay run, the pattern form, new circles
  /// and the settings page (the co-op's members may all see them).
  public func settings(coop: ID<Coop>) async throws -> CoopSettings {
    try await Self.settings(coop, on: db)
  }

  static func settings(_ coop: ID<Coop>, on db: any Database) async throws -> CoopSettings {
    CoopSettings(
      try await CoopSettingRow.query(on: db).filter(\.$coopID == coop.rawValue).all().map { row in
        try Self.settingEntry(
          "coop_settings", setting: row.setting, value: row.value, fromDay: row.fromDay,
          proposalID: row.proposalID, recordedAt: row.recordedAt)
      })
  }

  /// A kept setting value as the domain reads it (the co-op's, or a circle's), its words checked.
  static func settingEntry(
    _ table: String, setting: String, value: Int, fromDay: String, proposalID: UUID, recordedAt: Date
  ) throws -> SettingEntry {
    SettingEntry(
      setting: try StoreError.known(Setting(rawValue: setting), "\(table).setting", setting), value: value,
      from: try StoreError.known(Day(iso: fromDay), "\(table).from_day", fromDay),
      proposalID: CareCore.ID(proposalID), recordedAt: recordedAt)
  }

  static func keepChanges(
    _ proposal: UUID, _ changes: [SettingChange], from day: Day, env: Effects, on db: any Database
  ) async throws {
    for change in changes {
      let row = ProposalChangeRow()
      (row.id, row.proposalID, row.setting, row.value, row.takesEffect) = (
        env.newID(), proposal, change.setting.rawValue, change.value, day.iso
      )
      try await row.create(on: db)
    }
  }

  /// Each proposal's changes and the day they take effect.
  static func changes(_ ids: [UUID], on db: any Database) async throws -> [UUID: (changes: [SettingChange], from: Day)]
  {
    guard !ids.isEmpty else { return [:] }
    let rows = try await ProposalChangeRow.query(on: db).filter(\.$proposalID ~~ ids).all()
    var out: [UUID: (changes: [SettingChange], from: Day)] = [:]
    for row in rows {
      let setting = try StoreError.known(Setting(rawValue: row.setting), "proposal_changes.setting", row.setting)
      let from = try StoreError.known(Day(iso: row.takesEffect), "proposal_changes.takes_effect", row.takesEffect)
      out[row.proposalID, default: ([], from)].changes.append(SettingChange(setting, row.value))
    }
    return out.mapValues { ($0.changes.sorted { $0.setting < $1.setting }, $0.from) }
  }

  /// A passed proposal's changes, kept as the co-op's settings from `day` (its stated day, or the day of the
  /// count if that came later: a change never reaches back).
  static func applyChanges(_ proposal: Proposal, from day: Day, env: Effects, on db: any Database) async throws {
    for change in proposal.changes {
      let row = CoopSettingRow()
      (row.id, row.coopID, row.setting, row.value) = (
        env.newID(), proposal.coopID.rawValue, change.setting.rawValue, change.value
      )
      (row.fromDay, row.proposalID, row.recordedAt) = (day.iso, proposal.id.rawValue, env.now())
      try await row.create(on: db)
    }
  }
}
