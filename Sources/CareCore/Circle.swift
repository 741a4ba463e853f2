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
