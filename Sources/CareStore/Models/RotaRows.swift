import CareCore
import FluentKit
import Foundation

final class RotaWeekRow: Model, @unchecked Sendable {
  static let schema = "rota_weeks"
  @IDProperty<RotaWeekRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "circle_id") var circleID: UUID
  @Field(key: "monday") var monday: String
  @Field(key: "number") var number: Int
  @Field(key: "state") var state: String
  @Field(key: "progress") var progress: Double
  @Field(key: "seconds") var seconds: Double
  @OptionalField(key: "figures") var figures: String?
  @Field(key: "edits") var edits: Int
  @Field(key: "created_by") var createdBy: UUID
  @Field(key: "created_at") var createdAt: Date
  @OptionalField(key: "published_by") var publishedBy: UUID?
  @OptionalField(key: "published_at") var publishedAt: Date?
  @OptionalField(key: "problem") var problem: String?

  init() {}

  func value() throws -> RotaWeek {
    RotaWeek(
      id: CareCore.ID(id!), coopID: CareCore.ID(coopID), circleID: CareCore.ID(circleID),
      monday: try StoreError.known(Day(iso: monday), "rota_weeks.monday", monday), number: number,
      state: try StoreError.known(RotaWeek.State(rawValue: state), "rota_weeks.state", state),
      progress: RotaWeek.Progress(fraction: progress, seconds: seconds),
      figures: try figures.map { try StoreError.decoded(WeekFigures.self, $0, "rota_weeks.figures") }, edits: edits,
      createdBy: CareCore.ID(createdBy), createdAt: createdAt, publishedBy: publishedBy.map(CareCore.ID.init),
      publishedAt: publishedAt, problem: problem)
  }
}

final class RotaVisitRow: Model, @unchecked Sendable {
  static let schema = "rota_visits"
  @IDProperty<RotaVisitRow, UUID>(key: .id) var id: UUID?
  @Field(key: "week_id") var weekID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "pattern") var pattern: Int
  @Field(key: "slot") var slot: Int
  @Field(key: "day") var day: String
  @Field(key: "start_minute") var start: Int
  @Field(key: "length") var length: Int
  @Field(key: "usual_start") var usualStart: Int
  @Field(key: "time_window") var window: Int
  @Field(key: "tasks") var tasks: String
  @Field(key: "worker_id") var workerID: UUID
  @OptionalField(key: "partner_id") var partnerID: UUID?

  init() {}

  func value() throws -> RotaVisit {
    RotaVisit(
      id: CareCore.ID(id!), weekID: CareCore.ID(weekID), personID: CareCore.ID(personID), pattern: pattern,
      slot: slot, day: try StoreError.known(Day(iso: day), "rota_visits.day", day), start: start, length: length,
      usualStart: usualStart, window: window,
      tasks: Set(try StoreError.decoded([VisitTask].self, tasks, "rota_visits.tasks")),
      workerID: CareCore.ID(workerID), partnerID: partnerID.map(CareCore.ID.init))
  }
}

final class MessageRow: Model, @unchecked Sendable {
  static let schema = "messages"
  @IDProperty<MessageRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "account_id") var accountID: UUID
  @Field(key: "at") var at: Date
  @Field(key: "subject") var subject: String
  @Field(key: "body") var body: String
  @OptionalField(key: "link") var link: String?
  @OptionalField(key: "read_at") var readAt: Date?

  init() {}

  func value() -> Message {
    Message(
      id: CareCore.ID(id!), accountID: CareCore.ID(accountID), at: at, subject: subject, body: body, link: link,
      readAt: readAt)
  }
}

final class CoverRequestRow: Model, @unchecked Sendable {
  static let schema = "cover_requests"
  @IDProperty<CoverRequestRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "circle_id") var circleID: UUID
  @Field(key: "monday") var monday: String
  @Field(key: "person_id") var personID: UUID
  @Field(key: "pattern") var pattern: Int
  @Field(key: "slot") var slot: Int
  @Field(key: "day") var day: String
  @Field(key: "start_minute") var start: Int
  @Field(key: "length") var length: Int
  @Field(key: "tasks") var tasks: String
  @Field(key: "worker_id") var workerID: UUID
  @Field(key: "reason") var reason: String
  @Field(key: "state") var state: String
  @OptionalField(key: "tier") var tier: Int?
  @OptionalField(key: "covered_by") var coveredBy: UUID?
  @Field(key: "created_by") var createdBy: UUID
  @Field(key: "created_at") var createdAt: Date
  @OptionalField(key: "closed_at") var closedAt: Date?

  init() {}

  func value() throws -> CoverRequest {
    CoverRequest(
      id: CareCore.ID(id!), coopID: CareCore.ID(coopID), circleID: CareCore.ID(circleID),
      personID: CareCore.ID(personID), pattern: pattern, slot: slot,
      day: try StoreError.known(Day(iso: day), "cover_requests.day", day), start: start, length: length,
      tasks: Set(try StoreError.decoded([VisitTask].self, tasks, "cover_requests.tasks")),
      workerID: CareCore.ID(workerID), reason: reason,
      state: try StoreError.known(CoverRequest.State(rawValue: state), "cover_requests.state", state),
      tier: tier.flatMap(CoverTier.init(rawValue:)), coveredBy: coveredBy.map(CareCore.ID.init),
      createdBy: CareCore.ID(createdBy), createdAt: createdAt)
  }
}

final class CoverOfferRow: Model, @unchecked Sendable {
  static let schema = "cover_offers"
  @IDProperty<CoverOfferRow, UUID>(key: .id) var id: UUID?
  @Field(key: "request_id") var requestID: UUID
  @Field(key: "worker_id") var workerID: UUID
  @Field(key: "tier") var tier: Int
  @Field(key: "start_minute") var start: Int
  @Field(key: "state") var state: String
  @OptionalField(key: "answered_at") var answeredAt: Date?

  init() {}

  func value() throws -> CoverOffer {
    CoverOffer(
      id: CareCore.ID(id!), requestID: CareCore.ID(requestID), workerID: CareCore.ID(workerID),
      tier: try StoreError.known(CoverTier(rawValue: tier), "cover_offers.tier", String(tier)), start: start,
      state: try StoreError.known(CoverOffer.State(rawValue: state), "cover_offers.state", state),
      answeredAt: answeredAt)
  }
}
