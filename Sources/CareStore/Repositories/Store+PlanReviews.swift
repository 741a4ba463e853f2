import CareCore
import FluentKit
import Foundation

final class PlanReviewRow: Model, @unchecked Sendable {
  static let schema = "plan_reviews"
  @IDProperty<PlanReviewRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "kind") var kind: String
  @Field(key: "day") var day: String
  @Field(key: "notes") var notes: String
  @OptionalField(key: "next_due") var nextDue: String?
  @Field(key: "by") var by: UUID
  @OptionalField(key: "on_behalf_of") var onBehalfOf: UUID?
  @Field(key: "at") var at: Date
  init() {}

  var value: PlanReview {
    get throws {
      PlanReview(
        id: CareCore.ID(id!), personID: CareCore.ID(personID),
        kind: try StoreError.known(PlanReview.Kind(rawValue: kind), "plan_reviews.kind", kind),
        day: try StoreError.known(Day(iso: day), "plan_reviews.day", day), notes: notes,
        nextDue: try nextDue.map { try StoreError.known(Day(iso: $0), "plan_reviews.next_due", $0) },
        by: CareCore.ID(by), at: at)
    }
  }
}

final class PlanReviewReminderRow: Model, @unchecked Sendable {
  static let schema = "plan_review_reminders"
  @IDProperty<PlanReviewReminderRow, UUID>(key: .id) var id: UUID?
  @Field(key: "person_id") var personID: UUID
  @Field(key: "due") var due: String
  @Field(key: "sent_at") var sentAt: Date
  init() {}
}

/// Reviews of a person's plan: the next one's date, those held with what was agreed, and the reminders the
/// team gets as one comes near (once per date).
extension Store {
  public func planReviews(permit: Permit) async throws -> PlanReviews {
    try Self.check(permit, anyOf: [.viewPlan, .proposePlanChange, .answerPlanChange])
    guard let person = permit.personID else { throw CareError.forbidden }
    return PlanReviews(
      entries: try await PlanReviewRow.query(on: db).filter(\.$personID == person.rawValue).all().map { try $0.value })
  }

  /// Keeps a review entry (the next date set, or a review held), with an audit line.
  public func addPlanReview(
    _ kind: PlanReview.Kind, day: Day, notes: String, nextDue: Day?, permit: Permit, env: Effects
  ) async throws -> PlanReview {
    guard case .proposePlanChange(let team) = permit.action else { throw CareError.forbidden }
    return try await write { db in
      let row = PlanReviewRow()
      row.id = env.newID()
      (row.coopID, row.personID, row.kind) = (permit.coopID.rawValue, team.personID.rawValue, kind.rawValue)
      (row.day, row.notes, row.nextDue) = (day.iso, notes, nextDue?.iso)
      (row.by, row.onBehalfOf, row.at) = (permit.requester.account.id.rawValue, permit.onBehalfOf?.rawValue, env.now())
      try await row.create(on: db)
      try await Self.append(
        kind == .due ? .setPlanReview : .holdPlanReview, coop: permit.coopID, actor: permit.requester.account.id,
        onBehalfOf: permit.onBehalfOf, person: team.personID,
        detail: kind == .due
          ? "due on \(day.iso)" : "held on \(day.iso)" + (nextDue.map { ", next on \($0.iso)" } ?? ""),
        env: env, on: db)
      return try row.value
    }
  }

  /// Every person whose next review is due on or before `through` (overdue ones too), with their team and the
  /// date: the reminder job's list (a scheduled job, for every co-op, with no requester).
  public func reviewsDue(through: Day) async throws -> [(team: Team, due: Day)] {
    let rows = try await PlanReviewRow.query(on: db).all()
    var out: [(team: Team, due: Day)] = []
    for (person, rows) in Dictionary(grouping: rows, by: \.personID) {
      let reviews = PlanReviews(entries: try rows.map { try $0.value })
      guard let due = reviews.due, due <= through, let coop = rows.first?.coopID,
        let team = try await team(CareCore.ID(person), coop: CareCore.ID(coop))
      else { continue }
      out.append((team, due))
    }
    return out.sorted { $0.due < $1.due }
  }

  /// Keeps the reminder for this person and date, and the messages it sends (and their mail), in one
  /// transaction; false when it was sent already (by this job before, or another at the same moment).
  public func remindOfReview(
    person: ID<Person>, due: Day, messages: [NewMessage], coop: ID<Coop>, mailJob: MailJob, env: Effects
  ) async throws -> Bool {
    do {
      return try await writeChecked { db in
        let sent = try await PlanReviewReminderRow.query(on: db).filter(\.$personID == person.rawValue)
          .filter(\.$due == due.iso).first()
        guard sent == nil else { return false }
        let row = PlanReviewReminderRow()
        (row.id, row.personID, row.due, row.sentAt) = (env.newID(), person.rawValue, due.iso, env.now())
        try await row.create(on: db)
        try await Self.keepAndMail(messages, coop: coop, mailJob: mailJob, env: env, on: db)
        return true
      }
    } catch CareError.conflict {
      return false
    }
  }
}
