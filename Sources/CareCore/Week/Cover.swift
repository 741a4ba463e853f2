import Foundation

/// How close a cover worker is to the person: offers go out in this order, the named backup first.
public enum CoverTier: Int, Sendable, Codable, CaseIterable, Comparable {
  case backup = 0
  case team = 1
  /// Workers of the circle who said they are happy to cover, from outside the person's team.
  case circle = 2

  public static func < (a: CoverTier, b: CoverTier) -> Bool { a.rawValue < b.rawValue }

  /// As the API writes it.
  public var name: String {
    switch self {
    case .backup: "backup"
    case .team: "team"
    case .circle: "circle"
    }
  }

  public var label: String {
    switch self {
    case .backup: "the named backup"
    case .team: "others in the team"
    case .circle: "workers in the circle who cover"
    }
  }
}

/// A published visit its worker cannot make, while the co-op finds someone else: offers go out a tier at a
/// time (backup, team, circle); the first to accept gets the visit.
public struct CoverRequest: Sendable, Hashable, Identifiable {
  public enum State: String, Sendable, Codable, CaseIterable {
    /// Nobody has taken it yet.
    case open
    /// Someone accepted: the published week has them on the visit.
    case covered
    /// The week was planned and published again since: the new plan decides who comes.
    case replanned
  }

  public let id: CareCore.ID<CoverRequest>
  public let coopID: CareCore.ID<Coop>
  public let circleID: CareCore.ID<Circle>
  public let personID: CareCore.ID<Person>
  /// The visit, by its place in the week (see `RotaVisit.key`): the same in every version.
  public let pattern: Int
  public let slot: Int
  public let day: Day
  public let start: Int
  public let length: Int
  public let tasks: Set<VisitTask>
  /// The worker who cannot come.
  public let workerID: CareCore.ID<Account>
  public let reason: String
  public let state: State
  /// The furthest tier offers have gone to (nil: nobody could be offered it).
  public let tier: CoverTier?
  public let coveredBy: CareCore.ID<Account>?
  public let createdBy: CareCore.ID<Account>
  public let createdAt: Date

  public init(
    id: CareCore.ID<CoverRequest>, coopID: CareCore.ID<Coop>, circleID: CareCore.ID<Circle>,
    personID: CareCore.ID<Person>, pattern: Int, slot: Int,
    day: Day, start: Int, length: Int, tasks: Set<VisitTask>, workerID: CareCore.ID<Account>, reason: String,
    state: State,
    tier: CoverTier?, coveredBy: CareCore.ID<Account>?, createdBy: CareCore.ID<Account>, createdAt: Date
  ) {
    self.id = id
    self.coopID = coopID
    self.circleID = circleID
    self.personID = personID
    self.pattern = pattern
    self.slot = slot
    self.day = day
    self.start = start
    self.length = length
    self.tasks = tasks
    self.workerID = workerID
    self.reason = reason
    self.state = state
    self.tier = tier
    self.coveredBy = coveredBy
    self.createdBy = createdBy
    self.createdAt = createdAt
  }

  /// The same key as the visit's (`RotaVisit.key`).
  public var key: String { "\(personID.description)/\(pattern)/\(day.iso)/\(slot)" }
}

/// One worker asked to take a visit as cover, at a time the rota engine found for them.
public struct CoverOffer: Sendable, Hashable, Identifiable {
  public enum State: String, Sendable, Codable, CaseIterable {
    /// Found by the engine, not sent yet: their tier's turn has not come.
    case waiting
    /// Sent: they may accept or say no.
    case offered
    case accepted
    case declined
    /// Someone else accepted first, or the week was planned again.
    case closed
  }

  public let id: CareCore.ID<CoverOffer>
  public let requestID: CareCore.ID<CoverRequest>
  public let workerID: CareCore.ID<Account>
  public let tier: CoverTier
  /// When the visit would start with them (minutes after local midnight).
  public let start: Int
  public let state: State
  public let answeredAt: Date?

  public init(
    id: CareCore.ID<CoverOffer>, requestID: CareCore.ID<CoverRequest>, workerID: CareCore.ID<Account>, tier: CoverTier,
    start: Int,
    state: State, answeredAt: Date?
  ) {
    self.id = id
    self.requestID = requestID
    self.workerID = workerID
    self.tier = tier
    self.start = start
    self.state = state
    self.answeredAt = answeredAt
  }
}

/// A worker the engine found for a visit needing cover.
public struct CoverCandidate: Sendable, Hashable {
  public let worker: ID<Account>
  public let tier: CoverTier
  public let start: Int

  public init(worker: ID<Account>, tier: CoverTier, start: Int) {
    self.worker = worker
    self.tier = tier
    self.start = start
  }
}

/// Why a worker cannot make visits: kept with the request, shown to the rota keeper (never to others).
public enum CoverReason {
  public static let longest = 500

  /// The reason as given, trimmed; too long is refused.
  public static func validated(_ text: String) throws(CareError) -> String {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.count <= longest else {
      throw CareError.invalid([FieldError("reason", "Keep the reason to \(longest) characters or fewer")])
    }
    return trimmed
  }
}
