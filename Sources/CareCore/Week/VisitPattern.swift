import Foundation

/// A day of the week, Monday first (the co-op's weeks start on Monday).
public enum Weekday: Int, Sendable, Codable, CaseIterable, Comparable, Hashable {
  case monday, tuesday, wednesday, thursday, friday, saturday, sunday

  public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }

  public var name: String {
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue]
  }
}

/// What a visit is for. A worker's zone of consent says which of these they will do.
public enum VisitTask: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
  case personalCare, medication, movingAndHandling, overnight, meals, household, goingOut, company

  public static func < (a: VisitTask, b: VisitTask) -> Bool { a.rawValue < b.rawValue }

  public var label: String {
    switch self {
    case .personalCare: "personal care"
    case .medication: "medication"
    case .movingAndHandling: "moving and handling"
    case .overnight: "overnight"
    case .meals: "meals"
    case .household: "household jobs"
    case .goingOut: "going out"
    case .company: "company"
    }
  }
}

/// One recurring visit the team wants: which days, when, how long, what for, and by how many workers.
public struct VisitPattern: Hashable, Sendable, Codable {
  public var days: Set<Weekday>
  /// Minutes after local midnight the visit is wanted to start (wall-clock time, so 08:00 stays 08:00
  /// across the clock change).
  public var start: Int
  /// How long after `start` the visit may begin and still be on time (minutes).
  public var window: Int
  /// Minutes.
  public var length: Int
  public var tasks: Set<VisitTask>
  /// One worker, or two.
  public var workers: Int
  /// For two workers: at the same time (true), or the second straight after the first (false).
  public var together: Bool

  public init(
    days: Set<Weekday>, start: Int, window: Int = 15, length: Int, tasks: Set<VisitTask>, workers: Int = 1,
    together: Bool = true
  ) {
    self.days = days
    self.start = start
    self.window = window
    self.length = length
    self.tasks = tasks
    self.workers = workers
    self.together = together
  }

  /// The minutes of the day the visit may occupy at its latest: from `start` to the end of a visit begun at
  /// the end of its window (two workers one after the other take twice the length).
  public var span: Range<Int> {
    start..<(start + window + length * (workers == 2 && !together ? 2 : 1))
  }
}

/// How a person wants to be supported week by week, owned by their team: the visits, the workers they
/// chose (in order), the ones they declined, their named backup, and how much later they will accept a
/// visit to keep a chosen worker ("I'll get up 45 minutes later for Sam").
public struct SupportPattern: Hashable, Sendable, Codable {
  public var visits: [VisitPattern]
  /// Minutes later than a visit's window the person accepts when a chosen worker comes.
  public var flexibility: Int
  public var chosen: [ID<Account>]
  public var declined: Set<ID<Account>>
  public var backup: ID<Account>?

  public init(
    visits: [VisitPattern], flexibility: Int = 0, chosen: [ID<Account>] = [], declined: Set<ID<Account>> = [],
    backup: ID<Account>? = nil
  ) {
    self.visits = visits
    self.flexibility = flexibility
    self.chosen = chosen
    self.declined = declined
    self.backup = backup
  }

  public static let longestFlexibility = 180
  public static let longestWindow = 180

  /// Every problem at once, in plain words, each named by the field it belongs to (`visits[1].length`).
  public var problems: [FieldError] {
    var found: [FieldError] = []
    func add(_ field: String, _ message: String) { found.append(FieldError(field, message)) }
    if visits.isEmpty { add("visits", "Add at least one visit") }
    for (i, v) in visits.enumerated() {
      let f = "visits[\(i)]"
      let n = "Visit \(i + 1)"
      if v.days.isEmpty { add("\(f).days", "\(n): choose at least one day") }
      if !(0..<(24 * 60)).contains(v.start) { add("\(f).start", "\(n): the start must be a time of day") }
      if !(0...Self.longestWindow).contains(v.window) {
        add("\(f).window", "\(n): the window must be 0 to \(Self.longestWindow) minutes")
      }
      if v.length < 5 { add("\(f).length", "\(n): a visit lasts at least 5 minutes") }
      if v.length > 24 * 60 { add("\(f).length", "\(n): a visit cannot be longer than a day") }
      if v.span.upperBound > 24 * 60 && v.length <= 24 * 60 && (0..<(24 * 60)).contains(v.start) {
        add("\(f).length", "\(n): the visit must end by midnight (plan an overnight visit as starting in the evening)")
      }
      if v.tasks.isEmpty { add("\(f).tasks", "\(n): say what the visit is for") }
      if !(1...2).contains(v.workers) { add("\(f).workers", "\(n): one worker or two") }
    }
    for i in visits.indices {
      for j in visits.indices where j > i {
        let shared = visits[i].days.intersection(visits[j].days)
        guard let day = shared.min(), visits[i].span.overlaps(visits[j].span) else { continue }
        add("visits[\(j)].start", "Visits \(i + 1) and \(j + 1) overlap on \(day.name)")
      }
    }
    if !(0...Self.longestFlexibility).contains(flexibility) {
      add("flexibility", "Flexibility must be 0 to \(Self.longestFlexibility) minutes")
    }
    if Set(chosen).count != chosen.count { add("chosen", "A worker is chosen twice") }
    if chosen.contains(where: declined.contains) { add("declined", "A worker cannot be both chosen and declined") }
    if let backup, declined.contains(backup) { add("backup", "The backup cannot be a declined worker") }
    return found
  }

  public func validated() throws(CareError) -> SupportPattern {
    let found = problems
    guard found.isEmpty else { throw CareError.invalid(found) }
    return self
  }
}
