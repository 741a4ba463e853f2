import CareCore
import CareStore
import Foundation

/// The person's say about their records: the settings page's model.
public struct RecordSettingsModel: Sendable {
  public let team: Team
  public let settings: RecordSettings

  public var personName: String { team.personAccount.name }
}

extension Cases {
  /// The settings as they stand, for the person or their arranger (anyone else: refused as the policy says).
  public func recordSettings(_ personID: ID<Person>, by requester: Requester) async throws -> RecordSettingsModel {
    let (team, permit) = try await team(personID, for: requester) { .changeRecordSettings($0) }
    return RecordSettingsModel(team: team, settings: try await store.recordSettings(permit: permit))
  }

  /// Keeps the person's new settings (checked first: 1 to 28 days, or never).
  public func changeRecordSettings(_ settings: RecordSettings, person personID: ID<Person>, by requester: Requester)
    async throws
  {
    let (_, permit) = try await team(personID, for: requester) { .changeRecordSettings($0) }
    try await store.changeRecordSettings(settings, permit: permit, env: effects)
  }
}
