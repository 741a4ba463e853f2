import CareCore
import FluentKit
import Foundation

final class TimesAnswerRow: Model, @unchecked Sendable {
  static let schema = "visit_times_answers"
  @IDProperty<TimesAnswerRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "person_id") var personID: UUID
  @Field(key: "visit_key") var visitKey: String
  @Field(key: "visit_id") var visitID: UUID
  @Field(key: "account_id") var accountID: UUID
  @Field(key: "side") var side: String
  @Field(key: "answer") var answer: String
  @OptionalField(key: "start_minute") var start: Int?
  @OptionalField(key: "end_minute") var end: Int?
  @Field(key: "reason") var reason: String
  @Field(key: "at") var at: Date

  init() {}

  init(_ a: TimesAnswer) {
    (id, coopID, personID, visitKey, visitID) = (
      a.id.rawValue, a.coopID.rawValue, a.personID.rawValue, a.visitKey, a.visitID.rawValue
    )
    (accountID, side, answer, start, end, reason, at) = (
      a.accountID.rawValue, a.side.rawValue, a.answer.rawValue, a.start, a.end, a.reason, a.at
    )
  }

  var value: TimesAnswer {
    get throws {
      TimesAnswer(
        id: CareCore.ID(id!), coopID: CareCore.ID(coopID), personID: CareCore.ID(personID), visitKey: visitKey,
        visitID: CareCore.ID(visitID), accountID: CareCore.ID(accountID),
        side: try StoreError.known(TimesAnswer.Side(rawValue: side), "visit_times_answers.side", side),
        answer: try StoreError.known(TimesAnswer.Answer(rawValue: answer), "visit_times_answers.answer", answer),
        start: start, end: end, reason: reason, at: at)
    }
  }
}

extension Store {
  /// Keeps one side's answer about a visit's times, with an audit line: the worker's with a permit to record
  /// the visit, the person's (or arranger's) with a permit to confirm its times.
  public func answerTimes(_ answer: TimesAnswer, permit: Permit, env: Effects) async throws {
    let allowed: Bool =
      switch (answer.side, permit.action) {
      case (.worker, .recordVisit(let facts)): facts.team.personID == answer.personID
      case (.person, .confirmVisitTimes(let team)): team.personID == answer.personID
      default: false
      }
    guard allowed, answer.accountID == permit.requester.account.id, answer.coopID == permit.coopID else {
      throw CareError.forbidden
    }
    try await write { db in
      try await TimesAnswerRow(answer).create(on: db)
      let what =
        switch (answer.side, answer.answer) {
        case (.worker, _):
          "confirmed the times "
            + [answer.start, answer.end].compactMap { $0 }.map(CoopCalendar.clockText)
            .joined(separator: " to ")
        case (.person, .confirm): "said the times are right"
        case (.person, .dispute): "said something is wrong: \(answer.reason)"
        }
      try await Self.append(
        answer.answer == .dispute ? .disputeTimes : .confirmTimes, coop: permit.coopID,
        actor: permit.requester.account.id, onBehalfOf: permit.onBehalfOf, person: answer.personID,
        detail: what, env: env, on: db)
    }
  }

  /// The answers about several of a person's visits (by `RotaVisit.key`), oldest first, for a permit to read
  /// their records or answer for them.
  public func timesAnswers(permit: Permit, keys: [String]) async throws -> [TimesAnswer] {
    guard let person = permit.personID, permit.covers(anyOf: [.viewRecords, .confirmVisitTimes]) else {
      throw CareError.forbidden
    }
    guard !keys.isEmpty else { return [] }
    return try await TimesAnswerRow.query(on: db).filter(\.$personID == person.rawValue)
      .filter(\.$visitKey ~~ Set(keys).sorted()).sort(\.$at).all().map { try $0.value }
  }

  /// Every answer about one visit's times, oldest first, for a permit on that person's visit.
  public func timesAnswers(_ visit: RotaVisit, permit: Permit) async throws -> [TimesAnswer] {
    guard permit.personID == visit.personID, permit.covers(anyOf: [.recordVisit, .viewRecords, .confirmVisitTimes])
    else { throw CareError.forbidden }
    return try await TimesAnswerRow.query(on: db).filter(\.$personID == visit.personID.rawValue)
      .filter(\.$visitKey == visit.key).sort(\.$at).all().map { try $0.value }
  }
}
