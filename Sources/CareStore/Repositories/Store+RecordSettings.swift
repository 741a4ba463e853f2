import CareCore
import FluentKit
import Foundation

final class RecordSettingsRow: Model, @unchecked Sendable {
  static let schema = "record_settings"
  @IDProperty<RecordSettingsRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @OptionalField(key: "auto_confirm_days") var autoConfirmDays: Int?
  @Field(key: "family_sees_personal_care") var familySeesPersonalCare: Bool
  @Field(key: "changed_by") var changedBy: UUID
  @Field(key: "changed_at") var changedAt: Date

  init() {}
}

extension Store {
  /// What the person has decided about their records (the standard until they decide), for a permit about
  /// their records or these settings.
  public func recordSettings(permit: Permit) async throws -> RecordSettings {
    try Self.check(permit, anyOf: [.viewRecords, .recordVisit, .confirmVisitTimes, .changeRecordSettings])
    guard let person = permit.personID else { throw CareError.forbidden }
    let rows = try await RecordSettingsRow.query(on: db).filter(\.$personID == person.rawValue).all()
    guard let newest = rows.max(by: { ($0.changedAt, $0.id!.uuidString) < ($1.changedAt, $1.id!.uuidString) })
    else { return .standard }
    return RecordSettings(
      autoConfirmDays: newest.autoConfirmDays, familySeesPersonalCare: newest.familySeesPersonalCare)
  }

  /// Keeps a new version of the settings, with an audit line (on the person's behalf when an arranger acts).
  public func changeRecordSettings(_ settings: RecordSettings, permit: Permit, env: Effects) async throws {
    guard case .changeRecordSettings(let team) = permit.action else { throw CareError.forbidden }
    let settings = try settings.validated()
    try await write { db in
      let row = RecordSettingsRow()
      row.id = env.newID()
      (row.coopID, row.personID) = (permit.coopID.rawValue, team.personID.rawValue)
      (row.autoConfirmDays, row.familySeesPersonalCare) = (settings.autoConfirmDays, settings.familySeesPersonalCare)
      (row.changedBy, row.changedAt) = (permit.requester.account.id.rawValue, env.now())
      try await row.create(on: db)
      let days =
        settings.autoConfirmDays.map { "times confirm themselves after \($0) days" } ?? "times wait for an answer"
      try await Self.append(
        .changeRecordSettings, coop: permit.coopID, actor: permit.requester.account.id,
        onBehalfOf: permit.onBehalfOf, person: team.personID,
        detail: days
          + (settings.familySeesPersonalCare ? "; family see personal care" : "; personal care kept from family"),
        env: env, on: db)
    }
  }
}
