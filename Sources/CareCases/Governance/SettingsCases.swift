import CareCore
import CareStore
import Foundation

/// The co-op's settings page: each setting's value today, what decisions have set it (and when), and changes
/// decided that take effect later.
public struct SettingsModel: Sendable {
  public struct Row: Sendable {
    public let setting: Setting
    public let value: Int
    /// The decision in force today (nil: the standard value, never changed).
    public let current: SettingEntry?
    /// Every value decided, oldest first (including any still to come).
    public let history: [SettingEntry]
  }

  public let rows: [Row]
  public let upcoming: [SettingEntry]
  public let today: Day
  /// The decisions named in the history, by id.
  public let titles: [ID<Proposal>: String]

  public func title(_ id: ID<Proposal>) -> String { titles[id] ?? "a decision" }
}

/// Decisions that change settings: the settings page, and the values the rest of the co-op's work reads on a
/// day (the pay run's table, the pattern form's flexibility, a new circle's size guide).
extension Cases {
  public func settings(by requester: Requester) async throws -> SettingsModel {
    let permit = try AccessPolicy.permit(requester, .viewProposals(coop: requester.coopID))
    let settings = try await store.settings(coop: requester.coopID)
    let proposals = try await store.proposals(permit: permit)
    let day = today
    return SettingsModel(
      rows: Setting.allCases.map { setting in
        SettingsModel.Row(
          setting: setting, value: settings.value(setting, on: day), current: settings.entry(setting, on: day),
          history: settings.history(setting))
      },
      upcoming: settings.upcoming(after: day), today: day,
      titles: Dictionary(uniqueKeysWithValues: proposals.map { ($0.id, $0.title) }))
  }

  /// The co-op's settings as decided (for a use case that reads one on a day).
  func coopSettings(_ coop: ID<Coop>) async throws -> CoopSettings {
    try await store.settings(coop: coop)
  }
}
