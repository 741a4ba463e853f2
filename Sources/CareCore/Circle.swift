import Foundation

/// A small, open, local network of workers. Each team belongs to one circle.
public struct Circle: Hashable, Sendable, Codable {
  public let id: ID<Circle>
  public let coopID: ID<Coop>
  public var name: String
  public var area: String
  public var sizeGuide: SizeGuide

  public init(id: ID<Circle>, coopID: ID<Coop>, name: String, area: String, sizeGuide: SizeGuide) {
    self.id = id
    self.coopID = coopID
    self.name = name
    self.area = area
    self.sizeGuide = sizeGuide
  }
}

/// Circles stay small so that everyone knows everyone; past the guide the circle is asked to split.
public struct SizeGuide: Hashable, Sendable, Codable {
  public var maxWorkers: Int
  public var maxTeams: Int

  public init(maxWorkers: Int = 12, maxTeams: Int = 8) {
    self.maxWorkers = maxWorkers
    self.maxTeams = maxTeams
  }

  public static let standard = SizeGuide()

  /// Plain-words advice when a circle has outgrown the guide, or nil when it is within it.
  public func advice(workers: Int, teams: Int) -> String? {
    var over: [String] = []
    if workers > maxWorkers { over.append("\(workers) workers (guide: \(maxWorkers))") }
    if teams > maxTeams { over.append("\(teams) teams (guide: \(maxTeams))") }
    guard !over.isEmpty else { return nil }
    return "This circle has \(over.joined(separator: " and ")). "
      + "Small circles work better: think about splitting it into two."
  }
}

/// A worker's time in a circle; joining and leaving are free, and both are kept.
public struct CircleMembership: Hashable, Sendable, Codable {
  public let circleID: ID<Circle>
  public let accountID: ID<Account>
  public var joinedAt: Date
  public var leftAt: Date?

  public init(circleID: ID<Circle>, accountID: ID<Account>, joinedAt: Date, leftAt: Date?) {
    self.circleID = circleID
    self.accountID = accountID
    self.joinedAt = joinedAt
    self.leftAt = leftAt
  }
}

public struct NewCircle: Sendable, Codable {
  public var name: String
  public var area: String
  public var maxWorkers: Int?
  public var maxTeams: Int?

  public init(name: String, area: String, maxWorkers: Int? = nil, maxTeams: Int? = nil) {
    self.name = name
    self.area = area
    self.maxWorkers = maxWorkers
    self.maxTeams = maxTeams
  }

  public func validated() throws(CareError) -> NewCircle {
    var v = Validator()
    let name = v.text(name, field: "name", label: "the circle's name", max: 100)
    let area = v.text(area, field: "area", label: "the area it covers", max: 200)
    if let w = maxWorkers, !(1...100).contains(w) {
      v.add("maxWorkers", "Enter a number of workers from 1 to 100")
    }
    if let t = maxTeams, !(1...100).contains(t) {
      v.add("maxTeams", "Enter a number of teams from 1 to 100")
    }
    try v.check()
    return NewCircle(name: name, area: area, maxWorkers: maxWorkers, maxTeams: maxTeams)
  }

  public var sizeGuide: SizeGuide {
    SizeGuide(maxWorkers: maxWorkers ?? 12, maxTeams: maxTeams ?? 8)
  }
}

/// Splitting a circle that has grown too big: a new circle (name, area) and the teams and workers that go
/// to it. Everything else stays where it was; the teams keep their members, visits already published stay
/// with the old circle's weeks, and the new circle plans from its own first week.
public struct CircleSplit: Sendable, Codable {
  public var circle: NewCircle
  /// Person ids of the teams that move.
  public var people: [String]
  /// Account ids of the workers that move (they leave the old circle and join the new one).
  public var workers: [String]

  public init(circle: NewCircle, people: [String], workers: [String]) {
    self.circle = circle
    self.people = people
    self.workers = workers
  }

  public struct Valid: Sendable {
    public var circle: NewCircle
    public let people: [ID<Person>]
    public let workers: [ID<Account>]
  }

  public func validated() throws(CareError) -> Valid {
    var v = Validator()
    var circle = self.circle
    do { circle = try self.circle.validated() } catch {
      if case .invalid(let errors) = error { for e in errors { v.add(e.field, e.message) } }
    }
    let people = self.people.compactMap { ID<Person>(string: $0) }
    let workers = self.workers.compactMap { ID<Account>(string: $0) }
    if people.count != self.people.count { v.add("people", "Select the teams that move from the list") }
    if workers.count != self.workers.count { v.add("workers", "Select the workers that move from the list") }
    if self.people.isEmpty { v.add("people", "Select at least one team to move to the new circle") }
    if self.people.count > 100 || self.workers.count > 100 { v.add("people", "Move at most 100 teams and 100 workers") }
    try v.check()
    // The same id twice (in any letter case) is the same team or worker: moved once.
    var seenPeople = Set<ID<Person>>()
    var seenWorkers = Set<ID<Account>>()
    return Valid(
      circle: circle, people: people.filter { seenPeople.insert($0).inserted },
      workers: workers.filter { seenWorkers.insert($0).inserted })
  }
}
