import Foundation

/// What the store knows about a circle's week, for planning it: each person of the circle with their
/// home, the pattern in effect and the workers in their team; each worker of the circle (and each worker
/// in one of its teams) with their zone of consent and training. Missing pieces stay nil: the planner's
/// caller says who is not ready yet.
public struct CircleWeekFacts: Sendable {
  public struct PersonFacts: Sendable {
    public let id: ID<Person>
    /// The person's own account (messages about their week go there).
    public let accountID: ID<Account>
    public let name: String
    public let home: Home?
    public let pattern: PatternVersion?
    /// Accounts with an accepted worker or backup worker place in the team.
    public let teamWorkers: Set<ID<Account>>

    public init(
      id: ID<Person>, accountID: ID<Account>, name: String, home: Home?, pattern: PatternVersion?,
      teamWorkers: Set<ID<Account>>
    ) {
      self.id = id
      self.accountID = accountID
      self.name = name
      self.home = home
      self.pattern = pattern
      self.teamWorkers = teamWorkers
    }
  }

  public struct WorkerFacts: Sendable {
    public let id: ID<Account>
    public let name: String
    public let zone: ConsentZone?
    public let training: Set<VisitTask>

    public init(id: ID<Account>, name: String, zone: ConsentZone?, training: Set<VisitTask>) {
      self.id = id
      self.name = name
      self.zone = zone
      self.training = training
    }
  }

  public let circle: Circle
  public let people: [PersonFacts]
  public let workers: [WorkerFacts]

  public init(circle: Circle, people: [PersonFacts], workers: [WorkerFacts]) {
    self.circle = circle
    self.people = people
    self.workers = workers
  }
}
