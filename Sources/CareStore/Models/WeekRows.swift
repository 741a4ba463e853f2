import CareCore
import FluentKit
import Foundation

final class HomeRow: Model, @unchecked Sendable {
  static let schema = "homes"
  /// The person's id: one home a person.
  @IDProperty<HomeRow, UUID>(custom: "person_id", generatedBy: .user) var id: UUID?
  @Field(key: "address") var address: String
  @Field(key: "postcode") var postcode: String
  @Field(key: "latitude") var latitude: Double
  @Field(key: "longitude") var longitude: Double
  @Field(key: "has_pets") var hasPets: Bool
  @Field(key: "someone_smokes") var someoneSmokes: Bool
  @Field(key: "changed_at") var changedAt: Date
  @Field(key: "changed_by") var changedBy: UUID

  init() {}

  func value() throws -> Home {
    let position = try StoreError.known(
      GeoPoint(latitude: latitude, longitude: longitude), "homes.latitude", "\(latitude), \(longitude)")
    return Home(
      address: address, postcode: postcode, position: position, hasPets: hasPets, someoneSmokes: someoneSmokes)
  }
}

final class SupportPatternRow: Model, @unchecked Sendable {
  static let schema = "support_patterns"
  @IDProperty<SupportPatternRow, UUID>(key: .id) var id: UUID?
  @Field(key: "person_id") var personID: UUID
  @Field(key: "version") var version: Int
  @Field(key: "pattern") var pattern: String
  @Field(key: "effective_from") var effectiveFrom: String
  @Field(key: "proposed_by") var proposedBy: UUID
  @Field(key: "proposed_at") var proposedAt: Date
  @OptionalField(key: "answered_by") var answeredBy: UUID?
  @OptionalField(key: "answered_at") var answeredAt: Date?
  @Field(key: "status") var status: String

  init() {}

  func value() throws -> PatternVersion {
    PatternVersion(
      id: CareCore.ID(id!), personID: CareCore.ID(personID), version: version,
      pattern: try StoreError.decoded(SupportPattern.self, pattern, "support_patterns.pattern"),
      effectiveFrom: try StoreError.known(Day(iso: effectiveFrom), "support_patterns.effective_from", effectiveFrom),
      proposedBy: CareCore.ID(proposedBy), proposedAt: proposedAt, answeredBy: answeredBy.map(CareCore.ID.init),
      answeredAt: answeredAt,
      status: try StoreError.known(PatternVersion.Status(rawValue: status), "support_patterns.status", status))
  }
}

final class ConsentZoneRow: Model, @unchecked Sendable {
  static let schema = "consent_zones"
  @IDProperty<ConsentZoneRow, UUID>(key: .id) var id: UUID?
  @Field(key: "account_id") var accountID: UUID
  @Field(key: "version") var version: Int
  @Field(key: "zone") var zone: String
  @Field(key: "changed_at") var changedAt: Date

  init() {}
}

final class WorkerTrainingRow: Model, @unchecked Sendable {
  static let schema = "worker_training"
  @IDProperty<WorkerTrainingRow, UUID>(custom: "account_id", generatedBy: .user) var id: UUID?
  @Field(key: "tasks") var tasks: String
  @Field(key: "changed_at") var changedAt: Date
  @Field(key: "changed_by") var changedBy: UUID

  init() {}
}
