import Foundation

/// A goal for living life well, in the person's words, broken into small steps; the team notes progress as
/// it comes. Nothing is edited: a step ticked off, a step found not done after all, a note, the goal reached
/// or set aside are each a new entry, so how the goal went over time can be read back (and drawn).
public struct PlanGoal: Sendable, Hashable, Identifiable {
  public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
    /// Being worked on.
    case working
    /// Reached.
    case achieved
    /// Put down for now (it can be picked up again).
    case setAside = "set-aside"

    public var label: String {
      switch self {
      case .working: "Working on it"
      case .achieved: "Achieved"
      case .setAside: "Set aside for now"
      }
    }
  }

  public let id: ID<PlanGoal>
  public let personID: ID<Person>
  public let title: String
  public let createdBy: ID<Account>
  public let createdAt: Date
  /// In the order they were added (numbered from 1).
  public let steps: [GoalStep]
  /// Everything that happened to the goal, oldest first.
  public let entries: [GoalEntry]

  public init(
    id: ID<PlanGoal>, personID: ID<Person>, title: String, createdBy: ID<Account>, createdAt: Date,
    steps: [GoalStep], entries: [GoalEntry]
  ) {
    (self.id, self.personID, self.title, self.createdBy, self.createdAt) = (id, personID, title, createdBy, createdAt)
    self.steps = steps.sorted { $0.number < $1.number }
    self.entries = entries.sorted { ($0.at, $0.id.description) < ($1.at, $1.id.description) }
  }

  /// The latest word on the goal: working on it unless it was reached or set aside (and not picked up since).
  public var status: Status {
    entries.last { $0.kind.status != nil }?.kind.status ?? .working
  }

  /// The steps done now: each step's latest tick or untick decides.
  public var done: Set<Int> { Self.done(entries) }

  /// How far along the goal was after each entry that changed it, from the day it was set: the points of its
  /// progress chart (steps done, steps there were).
  public var progress: [GoalProgressPoint] {
    var points = [GoalProgressPoint(at: createdAt, done: 0, steps: steps.filter { $0.addedAt <= createdAt }.count)]
    let changes = (entries.map(\.at) + steps.map(\.addedAt)).filter { $0 > createdAt }
    for at in Set(changes).sorted() {
      let doneThen = Self.done(entries.filter { $0.at <= at }).count
      points.append(GoalProgressPoint(at: at, done: doneThen, steps: steps.filter { $0.addedAt <= at }.count))
    }
    return points
  }

  static func done(_ entries: [GoalEntry]) -> Set<Int> {
    var done = Set<Int>()
    for entry in entries {
      guard let step = entry.step else { continue }
      switch entry.kind {
      case .stepDone: done.insert(step)
      case .stepNotDone: done.remove(step)
      default: continue
      }
    }
    return done
  }

  /// The most steps a goal has: small steps, but not a to-do list.
  public static let mostSteps = 20
  /// The most goals the person works on at once.
  public static let mostWorking = 30
  public static let longestTitle = 200
  public static let longestStep = 300
}

/// One small step towards a goal.
public struct GoalStep: Sendable, Hashable {
  public let number: Int
  public let text: String
  public let addedBy: ID<Account>
  public let addedAt: Date

  public init(number: Int, text: String, addedBy: ID<Account>, addedAt: Date) {
    (self.number, self.text, self.addedBy, self.addedAt) = (number, text, addedBy, addedAt)
  }
}

/// Something that happened to a goal: a progress note, a step done (or found not done after all), the goal
/// reached, set aside, or picked up again. Each may carry a note in the words of whoever wrote it.
public struct GoalEntry: Sendable, Hashable, Identifiable {
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    case note
    case stepDone = "step-done"
    case stepNotDone = "step-not-done"
    case achieved
    case setAside = "set-aside"
    case resumed

    /// The status the goal has from this entry on (nil: it does not change it).
    public var status: PlanGoal.Status? {
      switch self {
      case .achieved: .achieved
      case .setAside: .setAside
      case .resumed: .working
      default: nil
      }
    }
  }

  public let id: ID<GoalEntry>
  public let kind: Kind
  /// The step a tick or untick is about.
  public let step: Int?
  public let note: String
  public let by: ID<Account>
  public let at: Date

  public init(id: ID<GoalEntry>, kind: Kind, step: Int?, note: String, by: ID<Account>, at: Date) {
    (self.id, self.kind, self.step, self.note, self.by, self.at) = (id, kind, step, note, by, at)
  }

  public static let longestNote = 1_000
}

/// One point of a goal's progress chart.
public struct GoalProgressPoint: Sendable, Hashable {
  public let at: Date
  public let done: Int
  public let steps: Int

  public init(at: Date, done: Int, steps: Int) {
    (self.at, self.done, self.steps) = (at, done, steps)
  }
}

/// What the forms about goals send, checked all at once.
public enum GoalInput {
  /// A new goal: its words, and the first small steps in order (each a line of words; none is fine).
  public static func goal(title: String?, steps: [String]) throws(CareError) -> (title: String, steps: [String]) {
    var v = Validator()
    let title = v.text(title, field: "title", label: "the goal", max: PlanGoal.longestTitle)
    if steps.count > PlanGoal.mostSteps {
      v.add("steps", "A goal has at most \(PlanGoal.mostSteps) steps")
    }
    var kept: [String] = []
    for (index, step) in steps.prefix(PlanGoal.mostSteps).enumerated() {
      kept.append(v.text(step, field: "steps", label: "step \(index + 1)", max: PlanGoal.longestStep))
    }
    try v.check()
    return (title, kept)
  }

  /// One more step.
  public static func step(_ text: String?) throws(CareError) -> String {
    var v = Validator()
    let step = v.text(text, field: "stepText", label: "the step", max: PlanGoal.longestStep)
    try v.check()
    return step
  }

  /// Progress: a note (`note`, which needs words), or a step ticked (`done`) or unticked (`not-done`), with
  /// words if wanted.
  public static func progress(kind: String?, step: Int?, note: String?) throws(CareError) -> (
    kind: GoalEntry.Kind, step: Int?, note: String
  ) {
    var v = Validator()
    let chosen: GoalEntry.Kind? =
      switch kind {
      case "note": .note
      case "done": .stepDone
      case "not-done": .stepNotDone
      default: nil
      }
    if chosen == nil { v.add("kind", "Choose a note, a step done, or a step not done after all") }
    let words = v.text(
      note, field: "note", label: "what happened", required: chosen == .note, max: GoalEntry.longestNote,
      multiline: true)
    if chosen != nil && chosen != .note && step == nil { v.add("step", "Choose the step") }
    try v.check()
    return (chosen!, chosen == .note ? nil : step, words)
  }

  /// The goal reached, set aside, or picked up again, with words if wanted.
  public static func status(_ status: String?, note: String?) throws(CareError) -> (
    status: PlanGoal.Status, note: String
  ) {
    var v = Validator()
    let chosen = status.flatMap(PlanGoal.Status.init(rawValue:))
    if chosen == nil { v.add("status", "Choose achieved, set aside, or working on it") }
    let words = v.text(
      note, field: "statusNote", label: "the note", required: false, max: GoalEntry.longestNote, multiline: true)
    try v.check()
    return (chosen!, words)
  }
}
