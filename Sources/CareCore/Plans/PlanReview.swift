import Foundation

/// A review of the person's support plan: the date the next one is due, or one held (a meeting, with what
/// was agreed; its photos or recordings are media kept under the person's consent, from a meeting of that
/// title and day). Never edited: each is a new entry; the latest says when the next is due.
public struct PlanReview: Sendable, Hashable, Identifiable {
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The next review was set for `day`.
    case due
    /// A review was held on `day`; `notes` say what was agreed; `nextDue`, when the next is.
    case held
  }

  public let id: ID<PlanReview>
  public let personID: ID<Person>
  public let kind: Kind
  public let day: Day
  public let notes: String
  public let nextDue: Day?
  public let by: ID<Account>
  public let at: Date

  public init(
    id: ID<PlanReview>, personID: ID<Person>, kind: Kind, day: Day, notes: String, nextDue: Day?, by: ID<Account>,
    at: Date
  ) {
    (self.id, self.personID, self.kind, self.day, self.notes) = (id, personID, kind, day, notes)
    (self.nextDue, self.by, self.at) = (nextDue, by, at)
  }

  /// How many days before a review the team is reminded (and how late an overdue one is still reminded of).
  public static let reminderDays = 14
  /// The longest notes of a review.
  public static let longestNotes = 4_000
}

/// The person's reviews, oldest first: when the next is due, and those held.
public struct PlanReviews: Sendable, Hashable {
  public let entries: [PlanReview]

  public init(entries: [PlanReview]) {
    self.entries = entries.sorted { ($0.at, $0.id.description) < ($1.at, $1.id.description) }
  }

  /// The date of the next review, as the latest entry says (none set, or a review held without one: nil).
  public var due: Day? {
    guard let last = entries.last else { return nil }
    return last.kind == .due ? last.day : last.nextDue
  }

  /// The reviews held, the latest first.
  public var held: [PlanReview] { entries.filter { $0.kind == .held }.reversed() }
}

/// What recording a review (or setting the next date) asks for, checked all at once against today.
public enum PlanReviewInput {
  public static func due(_ day: String?, today: Day) throws(CareError) -> Day {
    var v = Validator()
    let due = v.day(day, field: "due", label: "the day of the next review")
    if let due, due < today { v.add("due", "The next review cannot be before today") }
    try v.check()
    return due!
  }

  public static func held(_ day: String?, notes: String?, nextDue: String?, today: Day) throws(CareError) -> (
    day: Day, notes: String, nextDue: Day?
  ) {
    var v = Validator()
    let held = v.day(day, field: "held", label: "the day the review was held")
    if let held, held > today { v.add("held", "The day the review was held cannot be after today") }
    let notes = v.text(
      notes, field: "notes", label: "what was agreed", max: PlanReview.longestNotes, multiline: true)
    let next = v.day(nextDue, field: "nextDue", label: "the day of the next review", required: false)
    if let next, next <= today { v.add("nextDue", "The next review must be after today") }
    try v.check()
    return (held!, notes, next)
  }
}
