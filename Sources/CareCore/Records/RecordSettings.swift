import Foundation

/// What the person decides about their records: whether a visit's times confirm themselves when they have
/// not answered within some days of the worker confirming them, and whether family and friends in their team
/// see notes about personal care. Kept as versions (the newest counts; each change is in the audit log).
public struct RecordSettings: Sendable, Hashable, Codable {
  /// Days after the worker confirmed a visit's times (and the visit ended) that the times count as
  /// confirmed if the person has said nothing; nil: never (they stay pending until the person answers).
  public var autoConfirmDays: Int?
  public var familySeesPersonalCare: Bool

  public init(autoConfirmDays: Int? = nil, familySeesPersonalCare: Bool = false) {
    self.autoConfirmDays = autoConfirmDays
    self.familySeesPersonalCare = familySeesPersonalCare
  }

  /// Until the person says otherwise: times wait for their answer, personal care is not shown to family.
  public static let standard = RecordSettings()

  public static let mostDays = 28

  public func validated() throws(CareError) -> RecordSettings {
    if let days = autoConfirmDays, !(1...Self.mostDays).contains(days) {
      throw .invalid([
        FieldError("autoConfirmDays", "Give a number of days from 1 to \(Self.mostDays), or leave it empty")
      ])
    }
    return self
  }
}
