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
    /// Which day of the horizon (0 for a single day).
    public var day = 0
    /// What the visit takes from the route's capacity (ConVRP's demand; 0 in home-care instances).
    public var demand = 0.0
    /// Starting after this is not allowed at all (hard; Solomon's due date, "medication by 9").
    public var deadline = Double.infinity

    public init(
      person: Int, node: Int, skill: Int, duration: Double, earliest: Double, latest: Double, day: Int = 0,
      demand: Double = 0, deadline: Double = .infinity
    ) {
      self.person = person
      self.node = node
      self.skill = skill
      self.duration = duration
      self.earliest = earliest
      self.latest = latest
      self.day = day
      self.demand = demand
      self.deadline = deadline
    }
  }

  /// One carer's working day: a route. Single-day instances have one shift per carer.
  public struct Shift: Sendable, Hashable {
    public let carer: Int
    public let day: Int
    public let startNode: Int
    public let endNode: Int
    /// Hard limits on the route: total demand, and the time it ends back at base (∞ when unlimited).
    public var capacity = Double.infinity
    public var maxDuration = Double.infinity
    /// When the carer may leave base (minutes into the day).
    public var start = 0.0

    public init(
      carer: Int, day: Int, startNode: Int, endNode: Int, capacity: Double = .infinity,
      maxDuration: Double = .infinity, start: Double = 0
    ) {
      self.carer = carer
      self.day = day
      self.startNode = startNode
      self.endNode = endNode
      self.capacity = capacity
      self.maxDuration = maxDuration
      self.start = start
    }
  }

  public struct Carer: Sendable, Hashable {
    public let name: String
    public let skills: Set<Int>
    public let startNode: Int
    public let endNode: Int
    /// Hard limits on the route: total demand, and the time it ends back at base (∞ when unlimited).
    public var capacity = Double.infinity
    public var maxDuration = Double.infinity

    public init(
      name: String, skills: Set<Int>, startNode: Int, endNode: Int, capacity: Double = .infinity,
      maxDuration: Double = .infinity
    ) {
      self.name = name
      self.skills = skills
      self.startNode = startNode
      self.endNode = endNode
      self.capacity = capacity
      self.maxDuration = maxDuration
    }
  }

  /// Service `second` starts between `minGap` and `maxGap` after `first` (0/0: at the same time).
  /// The two are always done by different carers.
  public struct Sync: Sendable, Hashable {
    public let first: Int
    public let second: Int
    public let minGap: Double
    public let maxGap: Double

    public init(first: Int, second: Int, minGap: Double, maxGap: Double) {
      self.first = first
      self.second = second
      self.minGap = minGap
      self.maxGap = maxGap
    }
  }

  public let name: String
  public let services: [Service]
  public let carers: [Carer]
  /// The routes to fill, one per carer and day.
  public var shifts: [Shift] { didSet { rules = CareRules(self) } }
  public let travel: [[Double]]
  public let syncs: [Sync]
  /// Names for output: the person's id for each person index, the service label for each skill.
  public let personIDs: [String]
  public let skillIDs: [String]
  /// Per person, who they chose: their named backup and the carers in their team (empty when the
  /// instance does not say). Repair asks the backup first, then the team, then anyone qualified.
  public var backup: [Int: Int] = [:] { didSet { rules = CareRules(self) } }
  public var team: [Int: Set<Int>] = [:]
  /// Per person, what they ask of the rota; per carer, their zone of consent (see `CareRules`).
  public var wishes: [Int: Wishes] = [:] { didSet { rules = CareRules(self) } }
  public var consent: [Int: Consent] = [:] { didSet { rules = CareRules(self) } }
  /// What one visit by a carer the person did not choose costs, in objective units (minutes).
  public var preferenceWeight = 30.0 { didSet { rules = CareRules(self) } }
  /// The wishes and consent as flat tables for the search.
  private(set) var rules = CareRules()

  public init(
    name: String, services: [Service], carers: [Carer], travel: [[Double]], syncs: [Sync], personIDs: [String],
    skillIDs: [String]
  ) {
    self.name = name
    self.services = services
    self.carers = carers
    shifts = carers.indices.map {
      Shift(carer: $0, day: 0, startNode: carers[$0].startNode, endNode: carers[$0].endNode)
    }
    self.travel = travel
    self.syncs = syncs
    self.personIDs = personIDs
    self.skillIDs = skillIDs
    rules = CareRules(self)
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

  /// Whether the shift's carer has the skill, works that day, has consented to the person and the task,
  /// and has not been declined by the person.
  public func canDo(_ shift: Int, _ service: Int) -> Bool {
    let carer = shifts[shift].carer
    return shifts[shift].day == services[service].day && carers[carer].skills.contains(services[service].skill)
      && !rules.isBarred(service, carer)
  }

  /// Every visit has at least one carer who may do it, or the error says which visit and why not.
  public func checkEveryVisitHasACarer(file: String) throws {
    for s in services.indices where !shifts.indices.contains(where: { canDo($0, s) }) {
      let service = services[s]
      throw InstanceError(
        file: file, location: "visit \(s) (person \(personIDs[service.person]), \(skillIDs[service.skill]))",
        message: "no carer may do this visit: none has the skill on that day, agreed to it, and is not declined")
    }
  }

  public func carerName(ofShift shift: Int) -> String { carers[shifts[shift].carer].name }
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
