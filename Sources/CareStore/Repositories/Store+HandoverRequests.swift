import CareCore
import FluentKit
import Foundation

final class HandoverRequestRow: Model, @unchecked Sendable {
  static let schema = "handover_requests"
  @IDProperty<HandoverRequestRow, UUID>(key: .id) var id: UUID?
  @Field(key: "coop_id") var coopID: UUID
  @Field(key: "hat_id") var hatID: UUID
  @Field(key: "to_account") var toAccount: UUID
  @Field(key: "term_start") var termStart: String
  @OptionalField(key: "term_end") var termEnd: String?
  @Field(key: "replacing") var replacing: String
  @Field(key: "asked_by") var askedBy: UUID
  @Field(key: "asked_at") var askedAt: Date
  init() {}
}

final class HandoverAnswerRow: Model, @unchecked Sendable {
  static let schema = "handover_answers"
  @IDProperty<HandoverAnswerRow, UUID>(key: .id) var id: UUID?
  @Field(key: "request_id") var requestID: UUID
  @Field(key: "approved") var approved: Bool
  @Field(key: "reason") var reason: String
  @Field(key: "by") var by: UUID
  @Field(key: "at") var at: Date
  init() {}
}

/// Hand-overs of privileged hats waiting for a second hat holder: asked (the hand-over form, when the members
/// decided so), then approved — the hand-over done in the same transaction — or refused, once.
extension Store {
  /// Keeps a request to hand a hat over, as a permit to hand hats over allows (checked like a hand-over).
  public func askHandover(_ hatID: ID<Hat>, _ input: Handover, permit: Permit, env: Effects) async throws
    -> HandoverRequest
  {
    try Self.check(permit, .handOverHat)
    guard let hat = try await HatRow.find(hatID.rawValue, on: db), hat.coopID == permit.coopID.rawValue else {
      throw CareError.notFound
    }
    let valid = try input.validated()
    let actor = permit.requester.account.id
    return try await write { db in
      guard let to = try await AccountRow.find(valid.to.rawValue, on: db), to.coopID == permit.coopID.rawValue
      else { throw CareError.unknownReference(FieldError("toAccountID", "Select who will wear the hat")) }
      let row = HandoverRequestRow()
      row.id = env.newID()
      (row.coopID, row.hatID, row.toAccount) = (permit.coopID.rawValue, hatID.rawValue, valid.to.rawValue)
      (row.termStart, row.termEnd, row.replacing) = (valid.termStart.iso, valid.termEnd?.iso, input.replacing ?? "")
      (row.askedBy, row.askedAt) = (actor.rawValue, env.now())
      try await row.create(on: db)
      try await Self.append(
        .askHandover, coop: permit.coopID, actor: actor, detail: "\(hat.name) to \(to.name)", env: env, on: db)
      return try await Self.requests([row], on: db)[0]
    }
  }

  /// The hat's requests, newest first, for anyone who may see the co-op's hats.
  public func handoverRequests(_ hatID: ID<Hat>, permit: Permit) async throws -> [HandoverRequest] {
    try Self.check(permit, anyOf: [.viewHats, .handOverHat])
    let rows = try await HandoverRequestRow.query(on: db).filter(\.$hatID == hatID.rawValue)
      .filter(\.$coopID == permit.coopID.rawValue).sort(\.$askedAt, .descending).all()
    return try await Self.requests(rows, on: db)
  }

  /// One request of the co-op's (nil: none such).
  public func handoverRequest(_ id: ID<HandoverRequest>, permit: Permit) async throws -> HandoverRequest? {
    try Self.check(permit, anyOf: [.viewHats, .handOverHat])
    guard let row = try await HandoverRequestRow.find(id.rawValue, on: db), row.coopID == permit.coopID.rawValue
    else { return nil }
    return try await Self.requests([row], on: db).first
  }

  static func requests(_ rows: [HandoverRequestRow], on db: any Database) async throws -> [HandoverRequest] {
    let ids = rows.compactMap(\.id)
    guard !ids.isEmpty else { return [] }
    let answers = try await HandoverAnswerRow.query(on: db).filter(\.$requestID ~~ ids).all()
    let byRequest = Dictionary(answers.map { ($0.requestID, $0) }, uniquingKeysWith: { first, _ in first })
    return rows.map { row in
      HandoverRequest(
        id: ID(row.id!), hatID: ID(row.hatID), to: ID(row.toAccount), termStart: Day(iso: row.termStart)!,
        termEnd: row.termEnd.flatMap(Day.init(iso:)), replacing: row.replacing, askedBy: ID(row.askedBy),
        askedAt: row.askedAt,
        answer: byRequest[row.id!].map {
          HandoverRequest.Answer(approved: $0.approved, by: ID($0.by), at: $0.at, reason: $0.reason)
        })
    }
  }

  /// Approves or refuses a request, as a permit to approve this one allows: once (409 after), not once lapsed
  /// (409); approving hands the hat over in the same transaction (409 when someone handed it over meanwhile).
  public func answerHandover(
    _ id: ID<HandoverRequest>, approve: Bool, reason: String, permit: Permit, env: Effects
  ) async throws -> HandoverRequest {
    guard case .approveHandover = permit.action else { throw CareError.forbidden }
    let actor = permit.requester.account.id
    return try await writeChecked(conflict: FieldError("answer", "Someone answered this at the same moment")) { db in
      guard let row = try await HandoverRequestRow.find(id.rawValue, on: db), row.coopID == permit.coopID.rawValue,
        let request = try await Self.requests([row], on: db).first
      else { throw CareError.notFound }
      if request.answer != nil {
        throw CareError.conflict(FieldError("answer", "This hand-over has been answered already"))
      }
      if request.lapsed(at: env.now()) {
        throw CareError.conflict(
          FieldError(
            "answer",
            "This hand-over waited more than \(HandoverRequest.lapsesAfterDays) days and lapsed: ask again"))
      }
      let answer = HandoverAnswerRow()
      answer.id = env.newID()
      (answer.requestID, answer.approved, answer.reason, answer.by, answer.at) = (
        row.id!, approve, reason, actor.rawValue, env.now()
      )
      try await answer.create(on: db)
      let hat = try await HatRow.find(row.hatID, on: db)
      try await Self.append(
        .answerHandover, coop: permit.coopID, actor: actor,
        detail: "\(hat?.name ?? "a hat"): \(approve ? "approved" : "refused")", env: env, on: db)
      if approve {
        _ = try await Self.handOver(
          request.hatID, Handover.Valid(to: request.to, termStart: request.termStart, termEnd: request.termEnd),
          replacing: request.replacing, coop: permit.coopID, by: ID(row.askedBy), env: env, on: db)
      }
      return try await Self.requests([row], on: db)[0]
    }
  }
}
