import Foundation

/// One version of a person's support pattern. Anyone in the team may propose one; it takes effect from
/// its date only once the person or their arranger agrees (the team's final say). Every version is kept.
public struct PatternVersion: Hashable, Sendable {
  public enum Status: String, Sendable, Codable, Hashable {
    case proposed, agreed, declined
  }

  public let id: ID<PatternVersion>
  public let personID: ID<Person>
  /// 1, 2, 3… for this person.
  public let version: Int
  public let pattern: SupportPattern
  public let effectiveFrom: Day
  public let proposedBy: ID<Account>
  public let proposedAt: Date
  /// Who agreed or declined, and when (nil while proposed).
  public let answeredBy: ID<Account>?
  public let answeredAt: Date?
  public let status: Status

  public init(
    id: ID<PatternVersion>, personID: ID<Person>, version: Int, pattern: SupportPattern, effectiveFrom: Day,
    proposedBy: ID<Account>, proposedAt: Date, answeredBy: ID<Account>?, answeredAt: Date?, status: Status
  ) {
    self.id = id
    self.personID = personID
    self.version = version
    self.pattern = pattern
    self.effectiveFrom = effectiveFrom
    self.proposedBy = proposedBy
    self.proposedAt = proposedAt
    self.answeredBy = answeredBy
    self.answeredAt = answeredAt
    self.status = status
  }
}

extension Array where Element == PatternVersion {
  /// The version in effect on `day`: the agreed one with the latest start on or before it (a later
  /// version number wins when two start the same day).
  public func inEffect(on day: Day) -> PatternVersion? {
    filter { $0.status == .agreed && $0.effectiveFrom <= day }
      .max { ($0.effectiveFrom, $0.version) < ($1.effectiveFrom, $1.version) }
  }
}
