/// A home-care routing and scheduling problem: services at people's homes, each needing one carer
/// with a skill, within a time window; carers with skills; travel times; and services of one person
/// that must happen together or one after the other.
public struct RotaProblem: Sendable {
  public struct Service: Sendable, Hashable {
    public let person: Int
    /// Index into the travel matrix.
    public let node: Int
    public let skill: Int
    public let duration: Double
    public let earliest: Double
    /// Starting after this is late (soft): lateness is what the objective counts.
    public let latest: Double
  }

  public struct Carer: Sendable, Hashable {
    public let name: String
    public let skills: Set<Int>
    public let startNode: Int
    public let endNode: Int
  }

  /// Service `second` starts between `minGap` and `maxGap` after `first` (0/0: at the same time).
  /// The two are always done by different carers.
  public struct Sync: Sendable, Hashable {
    public let first: Int
    public let second: Int
    public let minGap: Double
    public let maxGap: Double
  }

  public let name: String
  public let services: [Service]
  public let carers: [Carer]
  public let travel: [[Double]]
  public let syncs: [Sync]
  /// Names for output: the person's id for each person index, the service label for each skill.
  public let personIDs: [String]
  public let skillIDs: [String]
  /// Per person, who they chose: their named backup and the carers in their team (empty when the
  /// instance does not say). Repair asks the backup first, then the team, then anyone qualified.
  public var backup: [Int: Int] = [:]
  public var team: [Int: Set<Int>] = [:]

  public init(
    name: String, services: [Service], carers: [Carer], travel: [[Double]], syncs: [Sync], personIDs: [String],
    skillIDs: [String]
  ) {
    self.name = name
    self.services = services
    self.carers = carers
    self.travel = travel
    self.syncs = syncs
    self.personIDs = personIDs
    self.skillIDs = skillIDs
  }

  /// For each service, the sync it takes part in (if any), so the two halves can find each other.
  public var partner: [Int?] {
    var result = [Int?](repeating: nil, count: services.count)
    for (index, sync) in syncs.enumerated() {
      result[sync.first] = index
      result[sync.second] = index
    }
    return result
  }

  public func canDo(_ carer: Int, _ service: Int) -> Bool {
    carers[carer].skills.contains(services[service].skill)
  }
}

/// Where a problem file is wrong, named so a person can fix it.
public struct InstanceError: Error, CustomStringConvertible, Equatable {
  public let file: String
  public let location: String
  public let message: String

  public init(file: String, location: String, message: String) {
    self.file = file
    self.location = location
    self.message = message
  }

  public var description: String { "\(file): \(location): \(message)" }
}
