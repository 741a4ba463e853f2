import CareCore
import Foundation

/// One circle's week in the co-op's own terms: everything the planner needs and nothing else. Built by
/// the use cases from the store; turned into the engine's problem by `WeekPlanner`.
public struct WeekToPlan: Sendable {
  public struct Person: Sendable {
    public var id: ID<CareCore.Person>
    public var name: String
    public var home: Home
    public var pattern: SupportPattern
    /// Workers holding an accepted worker (or backup worker) place in the person's team.
    public var team: Set<ID<Account>>

    public init(id: ID<CareCore.Person>, name: String, home: Home, pattern: SupportPattern, team: Set<ID<Account>>) {
      self.id = id
      self.name = name
      self.home = home
      self.pattern = pattern
      self.team = team
    }
  }

  public struct Worker: Sendable {
    public var id: ID<Account>
    public var name: String
    /// What they are trained for; a visit needs every one of its tasks here and in their zone of consent.
    public var skills: Set<VisitTask>
    public var zone: ConsentZone

    public init(id: ID<Account>, name: String, skills: Set<VisitTask>, zone: ConsentZone) {
      self.id = id
      self.name = name
      self.skills = skills
      self.zone = zone
    }
  }

  /// The Monday the week starts on.
  public var monday: Day
  public var people: [Person]
  public var workers: [Worker]

  public init(monday: Day, people: [Person], workers: [Worker]) {
    self.monday = monday
    self.people = people
    self.workers = workers
  }
}

/// One visit on the planned week.
public struct PlannedVisit: Hashable, Sendable {
  public let person: ID<CareCore.Person>
  /// Which of the person's visit patterns this is.
  public let pattern: Int
  public let weekday: Weekday
  public let day: Day
  /// Minutes after local midnight.
  public let start: Int
  public let length: Int
  public let worker: ID<Account>
  /// The other worker of a two-worker visit.
  public let partner: ID<Account>?
}

/// A visit no worker may do, or none can fit in, with the reasons in plain words.
public struct UnfilledVisit: Hashable, Sendable {
  public let person: ID<CareCore.Person>
  public let pattern: Int
  public let weekday: Weekday
  public let day: Day
  public let start: Int
  public let reasons: [String]
}

/// How the week looks for one person: the figures the rota keeper reads before publishing.
public struct PersonFigures: Hashable, Sendable {
  public let person: ID<CareCore.Person>
  public let visits: Int
  /// The workers they will see, most visits first.
  public let workers: [ID<Account>]
  /// Visits by a worker they chose or their named backup, as a share of their visits (1 when none).
  public let withChosenShare: Double
  /// Bice–Boxerman continuity of care index over their visits (1: one worker; 1 when fewer than 2 visits).
  public let continuityIndex: Double
  /// Minutes later than they accepted, added up over the week.
  public let minutesLate: Int
}

public struct PlannedWeek: Sendable {
  public let monday: Day
  public let visits: [PlannedVisit]
  public let unfilled: [UnfilledVisit]
  public let figures: [PersonFigures]
  /// Minutes of travel between visits, all workers together.
  public let travelMinutes: Int
  /// Share of people who see only workers they chose plus their named backup, at most 3 + 1.
  public let shareWithinChoice: Double
}
