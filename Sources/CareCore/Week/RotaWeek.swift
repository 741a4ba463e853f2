import Foundation

/// One version of a circle's week: made by the rota engine (while `planning`, with its progress), then a
/// `draft` the rota keeper reads and may change, then `published` — the week everybody sees. Every
/// version is kept; the published week is the newest published version.
public struct RotaWeek: Sendable, Hashable, Identifiable {
  public enum State: String, Sendable, Codable, CaseIterable {
    /// The engine is searching; `progress` says how far.
    case planning
    /// Planned, not yet shown to anybody but the rota keeper.
    case draft
    case published
    /// Stopped before it finished, or replaced by a newer plan before it was published.
    case cancelled
    /// The engine could not run (the reason is in `problem`).
    case failed
  }

  /// How far the engine has got, between 0 and 1, and the seconds spent.
  public struct Progress: Sendable, Hashable {
    public let fraction: Double
    public let seconds: Double

    public init(fraction: Double, seconds: Double) {
      self.fraction = min(1, max(0, fraction))
      self.seconds = seconds
    }
  }

  public let id: CareCore.ID<RotaWeek>
  public let coopID: CareCore.ID<Coop>
  public let circleID: CareCore.ID<Circle>
  public let monday: Day
  /// 1 for the first version of this circle's week, then 2, 3…
  public let number: Int
  public let state: State
  public let progress: Progress
  public let figures: WeekFigures?
  /// Raised on every hand change: a change made against an older count is refused (someone else changed it).
  public let edits: Int
  public let createdBy: CareCore.ID<Account>
  public let createdAt: Date
  public let publishedBy: CareCore.ID<Account>?
  public let publishedAt: Date?
  public let problem: String?

  public init(
    id: CareCore.ID<RotaWeek>, coopID: CareCore.ID<Coop>, circleID: CareCore.ID<Circle>, monday: Day, number: Int,
    state: State,
    progress: Progress, figures: WeekFigures?, edits: Int, createdBy: CareCore.ID<Account>, createdAt: Date,
    publishedBy: CareCore.ID<Account>?, publishedAt: Date?, problem: String?
  ) {
    self.id = id
    self.coopID = coopID
    self.circleID = circleID
    self.monday = monday
    self.number = number
    self.state = state
    self.progress = progress
    self.figures = figures
    self.edits = edits
    self.createdBy = createdBy
    self.createdAt = createdAt
    self.publishedBy = publishedBy
    self.publishedAt = publishedAt
    self.problem = problem
  }
}

/// A planned week's figures as the rota keeper reads them: kept with the version, so a published week
/// says how good it was when it was made.
public struct WeekFigures: Sendable, Hashable, Codable {
  public struct ForPerson: Sendable, Hashable, Codable {
    public let person: ID<Person>
    public let visits: Int
    /// The workers they will see, most visits first.
    public let workers: [ID<Account>]
    public let withChosenShare: Double
    public let continuityIndex: Double
    public let minutesLate: Int

    public init(
      person: ID<Person>, visits: Int, workers: [ID<Account>], withChosenShare: Double, continuityIndex: Double,
      minutesLate: Int
    ) {
      self.person = person
      self.visits = visits
      self.workers = workers
      self.withChosenShare = withChosenShare
      self.continuityIndex = continuityIndex
      self.minutesLate = minutesLate
    }
  }

  /// A visit nobody may do or could fit in, with the reasons in plain words.
  public struct Unfilled: Sendable, Hashable, Codable {
    public let person: ID<Person>
    public let day: Day
    public let start: Int
    public let reasons: [String]

    public init(person: ID<Person>, day: Day, start: Int, reasons: [String]) {
      self.person = person
      self.day = day
      self.start = start
      self.reasons = reasons
    }
  }

  public let people: [ForPerson]
  public let unfilled: [Unfilled]
  public let travelMinutes: Int
  /// Share of people who see only workers they chose plus their named backup, at most 3 + 1.
  public let shareWithinChoice: Double
  /// In plain words: who was left out of the plan because something is missing.
  public let notReady: [String]

  public init(
    people: [ForPerson], unfilled: [Unfilled], travelMinutes: Int, shareWithinChoice: Double, notReady: [String]
  ) {
    self.people = people
    self.unfilled = unfilled
    self.travelMinutes = travelMinutes
    self.shareWithinChoice = shareWithinChoice
    self.notReady = notReady
  }
}

/// One visit of a week's version: who, when, for how long, by whom.
public struct RotaVisit: Sendable, Hashable, Identifiable {
  public let id: CareCore.ID<RotaVisit>
  public let weekID: CareCore.ID<RotaWeek>
  public let personID: CareCore.ID<Person>
  /// Which of the person's visit patterns (its place in the agreed pattern's list).
  public let pattern: Int
  /// 0, or 1 for the second worker of a two-worker visit.
  public let slot: Int
  public let day: Day
  /// Minutes after local midnight (wall-clock time).
  public let start: Int
  public let length: Int
  /// When the person asked for it to start, and how much later they accepted.
  public let usualStart: Int
  public let window: Int
  public let tasks: Set<VisitTask>
  public let workerID: CareCore.ID<Account>
  /// The other worker of a two-worker visit.
  public let partnerID: CareCore.ID<Account>?

  public init(
    id: CareCore.ID<RotaVisit>, weekID: CareCore.ID<RotaWeek>, personID: CareCore.ID<Person>, pattern: Int, slot: Int,
    day: Day, start: Int,
    length: Int, usualStart: Int, window: Int, tasks: Set<VisitTask>, workerID: CareCore.ID<Account>,
    partnerID: CareCore.ID<Account>?
  ) {
    self.id = id
    self.weekID = weekID
    self.personID = personID
    self.pattern = pattern
    self.slot = slot
    self.day = day
    self.start = start
    self.length = length
    self.usualStart = usualStart
    self.window = window
    self.tasks = tasks
    self.workerID = workerID
    self.partnerID = partnerID
  }

  /// The same visit in another version of the week (its place in the pattern, its day and its slot); the
  /// calendar feeds' UIDs are made from it, so they stay put across versions.
  public var key: String { "\(personID.description)/\(pattern)/\(day.iso)/\(slot)" }

  /// The day a visit's key names.
  public static func day(ofKey key: String) -> Day? {
    let parts = key.split(separator: "/")
    return parts.count == 4 ? Day(iso: String(parts[2])) : nil
  }

  /// Later than the person asked for, beyond the time they accepted.
  public var isLaterThanUsual: Bool { start > usualStart + window }

  public var end: Int { start + length }
}

/// A visit about to be stored: what the engine planned, with its slot and the pattern's facts.
public struct NewRotaVisit: Sendable, Hashable {
  public let personID: ID<Person>
  public let pattern: Int
  public let slot: Int
  public let day: Day
  public let start: Int
  public let length: Int
  public let usualStart: Int
  public let window: Int
  public let tasks: Set<VisitTask>
  public let workerID: ID<Account>
  public let partnerID: ID<Account>?

  public init(
    personID: ID<Person>, pattern: Int, slot: Int, day: Day, start: Int, length: Int, usualStart: Int, window: Int,
    tasks: Set<VisitTask>, workerID: ID<Account>, partnerID: ID<Account>?
  ) {
    self.personID = personID
    self.pattern = pattern
    self.slot = slot
    self.day = day
    self.start = start
    self.length = length
    self.usualStart = usualStart
    self.window = window
    self.tasks = tasks
    self.workerID = workerID
    self.partnerID = partnerID
  }

  public var key: String { "\(personID.description)/\(pattern)/\(day.iso)/\(slot)" }

  /// The day a visit's key names.
  public static func day(ofKey key: String) -> Day? {
    let parts = key.split(separator: "/")
    return parts.count == 4 ? Day(iso: String(parts[2])) : nil
  }
}
