import Foundation

/// How a worker is engaged by the co-op, apart from whether they are a member: employed or self-employed,
/// at what rate an hour, from which day. Pay (issue 14) and what they agree to do belong to the engagement.
/// Each change is a new engagement from a day; the one before ends the day before. Nothing is rewritten.
public struct Engagement: Hashable, Sendable, Codable {
  public enum Basis: String, Hashable, Sendable, Codable, CaseIterable {
    case employed
    case selfEmployed = "self-employed"

    public var label: String {
      switch self {
      case .employed: "Employed by the co-op"
      case .selfEmployed: "Self-employed"
      }
    }
  }

  public let id: ID<Engagement>
  public let coopID: ID<Coop>
  public let accountID: ID<Account>
  public let basis: Basis
  /// Pay for an hour of care, in pence.
  public let hourlyPence: Int
  public let startedOn: Day
  public let endedOn: Day?

  public init(
    id: ID<Engagement>, coopID: ID<Coop>, accountID: ID<Account>, basis: Basis, hourlyPence: Int, startedOn: Day,
    endedOn: Day?
  ) {
    self.id = id
    self.coopID = coopID
    self.accountID = accountID
    self.basis = basis
    self.hourlyPence = hourlyPence
    self.startedOn = startedOn
    self.endedOn = endedOn
  }

  /// In force on that day.
  public func covers(_ day: Day) -> Bool { startedOn <= day && (endedOn.map { day <= $0 } ?? true) }
}

/// What starting (or changing) an engagement asks for.
public struct NewEngagement: Sendable, Codable {
  public var basis: Engagement.Basis?
  public var hourlyPence: Int?
  public var startedOn: String

  public init(basis: Engagement.Basis?, hourlyPence: Int?, startedOn: String) {
    self.basis = basis
    self.hourlyPence = hourlyPence
    self.startedOn = startedOn
  }

  public struct Valid: Sendable, Equatable {
    public let basis: Engagement.Basis
    public let hourlyPence: Int
    public let startedOn: Day
  }

  public static let highestHourlyPence = 100_000

  public func validated() throws(CareError) -> Valid {
    var v = Validator()
    if basis == nil { v.add("basis", "Select how they are engaged") }
    let pence = hourlyPence ?? -1
    if !(1...Self.highestHourlyPence).contains(pence) {
      v.add("hourlyPence", "Enter the pay for an hour in pence, from 1 to \(Self.highestHourlyPence)")
    }
    let day = v.day(startedOn, field: "startedOn", label: "the day it starts")
    try v.check()
    return Valid(basis: basis!, hourlyPence: pence, startedOn: day!)
  }
}
