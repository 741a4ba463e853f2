import CareCore
import FluentKit
import Foundation
import SQLKit

/// A published visit about to go to cover, with the workers the engine found for it (closest first).
public struct NewCoverRequest: Sendable {
  public let visit: RotaVisit
  public let reason: String
  public let candidates: [CoverCandidate]

  public init(visit: RotaVisit, reason: String, candidates: [CoverCandidate]) {
    self.visit = visit
    self.reason = reason
    self.candidates = candidates
  }

  /// The closest tier anyone was found in: its offers go out first.
  public var firstTier: CoverTier? { candidates.map(\.tier).min() }
}

/// A job to queue with a write: its kind and payload, and when it may run.
public struct QueuedJob: Sendable {
  public let kind: String
  public let payload: String
  public let runAt: Date?

  public init(kind: String, payload: String, runAt: Date? = nil) {
    self.kind = kind
    self.payload = payload
    self.runAt = runAt
  }
}

/// Cover: a worker cannot make published visits; offers go out a tier at a time; the first to accept gets
/// the visit, which becomes a new published version of the week (every version is kept, so the calendar
/// feeds and "what changed" see it like any other change).
extension Store {
  static let coverTaken = CareError.conflict(
    FieldError(
      "offer", "This visit is no longer waiting for cover: someone else took it, or the week was planned again"))

  /// Opens a cover request for each visit, with its offers (the first tier's sent, the rest waiting), the
  /// messages (each mailed too) and the jobs that widen the offers if nobody answers, in one transaction.
  /// Refused when a visit is not on the newest published week any more, or already waiting for cover.
  public func askForCover(
    _ requests: [NewCoverRequest], permit: Permit, messages: [NewMessage], mailJob: MailJob,
    widen: @escaping @Sendable (CoverRequest) throws -> QueuedJob?, env: Effects
  ) async throws -> [CoverRequest] {
    try Self.check(permit, .askCover)
    guard case .askCover(_, let circleID, let workerID) = permit.action else { throw CareError.forbidden }
    return try await writeChecked(conflict: FieldError("visit", "Cover is already being found for this visit")) { db in
      var made: [CoverRequest] = []
      for request in requests {
        let visit = request.visit
        guard visit.workerID == workerID,
          let week = try await RotaWeekRow.find(visit.weekID.rawValue, on: db), week.coopID == permit.coopID.rawValue,
          week.circleID == circleID.rawValue, week.state == RotaWeek.State.published.rawValue,
          try await Self.newestPublished(circle: circleID, monday: week.monday, on: db)?.id == week.id
        else {
          throw CareError.conflict(
            FieldError("visit", "This week was published again since you looked: look at the week again"))
        }
        let row = CoverRequestRow()
        row.id = env.newID()
        row.coopID = permit.coopID.rawValue
        row.circleID = circleID.rawValue
        row.monday = week.monday
        row.personID = visit.personID.rawValue
        row.pattern = visit.pattern
        row.slot = visit.slot
        row.day = visit.day.iso
        row.start = visit.start
        row.length = visit.length
        row.tasks = String(decoding: try Self.weekEncoder.encode(visit.tasks.sorted()), as: UTF8.self)
        row.workerID = visit.workerID.rawValue
        row.reason = request.reason
        row.state = CoverRequest.State.open.rawValue
        row.tier = request.firstTier?.rawValue
        row.createdBy = permit.requester.account.id.rawValue
        row.createdAt = env.now()
        try await row.create(on: db)
        for candidate in request.candidates {
          let offer = CoverOfferRow()
          offer.id = env.newID()
          offer.requestID = row.id!
          offer.workerID = candidate.worker.rawValue
          offer.tier = candidate.tier.rawValue
          offer.start = candidate.start
          offer.state = (candidate.tier == request.firstTier ? CoverOffer.State.offered : .waiting).rawValue
          try await offer.create(on: db)
        }
        let value = try row.value()
        if request.candidates.contains(where: { $0.tier > (request.firstTier ?? .circle) }),
          let job = try widen(value)
        {
          try await Self.enqueue(job.kind, payload: job.payload, runAt: job.runAt, env: env, on: db)
        }
        try await Self.append(
          .askCover, coop: permit.coopID, actor: permit.requester.account.id, person: visit.personID,
          detail: "\(visit.day.iso) \(CoopCalendar.clockText(visit.start)); \(request.candidates.count) could cover",
          env: env, on: db)
        made.append(value)
      }
      try await Self.keepAndMail(messages, coop: permit.coopID, mailJob: mailJob, env: env, on: db)
      return made
    }
  }

  /// The worker accepts an offer: of two accepting at the same moment, one gets the visit (the request moves
  /// from open to covered only once, the row locked first, then the offer; an index allows one accepted offer
  /// a request). The visit goes to them in a new published version of the week; the other offers
  /// close; the messages are kept and mailed. `messages` is given the request and the workers whose offers
  /// closed.
  public func acceptCover(
    _ offerID: ID<CoverOffer>, permit: Permit, mailJob: MailJob,
    messages: @escaping @Sendable (CoverRequest, [ID<Account>]) -> [NewMessage], env: Effects
  ) async throws -> (CoverRequest, RotaWeek) {
    try Self.check(permit, .answerCover)
    let worker = permit.requester.account.id
    // Two covers of the same week at the same moment on PostgreSQL: both may pick the same next version
    // number; the index refuses one, which is tried again on the newer week.
    for attempt in 1...5 {
      do {
        return try await write { db in
          let sql = db as! any SQLDatabase
          let now = env.now()
          // The request first, then the offers (the order every write here keeps): of two yeses at once on
          // PostgreSQL, the second waits on the request's row, then finds it covered — never a deadlock.
          guard
            let taken = try await sql.raw(
              """
              SELECT request_id, start_minute FROM cover_offers
              WHERE id = \(bind: offerID.rawValue) AND worker_id = \(bind: worker.rawValue) AND state = 'offered'
              """
            ).first()
          else { throw Self.coverTaken }
          let requestID = try taken.decode(column: "request_id", as: UUID.self)
          let start = try taken.decode(column: "start_minute", as: Int.self)
          guard
            try await sql.raw(
              """
              UPDATE cover_requests SET state = 'covered', covered_by = \(bind: worker.rawValue),
                closed_at = \(bind: now)
              WHERE id = \(bind: requestID) AND state = 'open' AND coop_id = \(bind: permit.coopID.rawValue)
              RETURNING id
              """
            ).first() != nil,
            try await sql.raw(
              """
              UPDATE cover_offers SET state = 'accepted', answered_at = \(bind: now)
              WHERE id = \(bind: offerID.rawValue) AND state = 'offered'
              RETURNING id
              """
            ).first() != nil,
            let row = try await CoverRequestRow.find(requestID, on: db)
          else { throw Self.coverTaken }
          let others = try await CoverOfferRow.query(on: db).filter(\.$requestID == requestID)
            .filter(\.$state == CoverOffer.State.offered.rawValue).all().map { CareCore.ID<Account>($0.workerID) }
          try await CoverOfferRow.query(on: db).filter(\.$requestID == requestID)
            .filter(\.$state ~~ [CoverOffer.State.offered.rawValue, CoverOffer.State.waiting.rawValue])
            .set(\.$state, to: CoverOffer.State.closed.rawValue).update()
          let request = try row.value()
          let week = try await Self.republish(
            circle: request.circleID, monday: row.monday, by: worker, env: env, on: db
          ) { visit in
            guard visit.personID == request.personID, visit.pattern == request.pattern, visit.day == request.day
            else { return visit }
            if visit.slot == request.slot {
              guard visit.workerID == request.workerID else { throw Self.coverTaken }
              return visit.with(worker: worker, start: start)
            }
            return visit.with(partner: worker)
          }
          try await Self.append(
            .takeCover, coop: permit.coopID, actor: worker, person: request.personID,
            detail:
              "\(request.day.iso) \(CoopCalendar.clockText(start)) instead of \(request.workerID); version \(week.number)",
            env: env, on: db)
          try await Self.keepAndMail(messages(request, others), coop: permit.coopID, mailJob: mailJob, env: env, on: db)
          return (request, week)
        }
      } catch StoreError.constraint("rota_weeks_one_number") where attempt < 5 {
        continue
      }
    }
    throw Self.coverTaken
  }

  /// The worker says no to an offer. Whether anyone of the request's tier still has it open comes back
  /// (none: the caller widens the offer to the next tier).
  public func declineCover(_ offerID: ID<CoverOffer>, permit: Permit, env: Effects) async throws
    -> (request: CoverRequest, stillOffered: Int)
  {
    try Self.check(permit, .answerCover)
    let worker = permit.requester.account.id
    return try await write { db in
      let sql = db as! any SQLDatabase
      guard
        let answered = try await sql.raw(
          """
          UPDATE cover_offers SET state = 'declined', answered_at = \(bind: env.now())
          WHERE id = \(bind: offerID.rawValue) AND worker_id = \(bind: worker.rawValue) AND state = 'offered'
          RETURNING request_id
          """
        ).first(),
        let row = try await CoverRequestRow.find(try answered.decode(column: "request_id", as: UUID.self), on: db),
        row.coopID == permit.coopID.rawValue
      else { throw Self.coverTaken }
      let still = try await CoverOfferRow.query(on: db).filter(\.$requestID == row.id!)
        .filter(\.$state == CoverOffer.State.offered.rawValue).count()
      try await Self.append(
        .declineCover, coop: permit.coopID, actor: worker, person: CareCore.ID(row.personID),
        detail: "\(row.day) \(CoopCalendar.clockText(row.start))", env: env, on: db)
      return (try row.value(), still)
    }
  }

  /// Sends a waiting request's offers to the next tier (still open, and only from the tier it was at: of
  /// two widenings at once, one happens). The workers newly offered come back; none when there is no next
  /// tier or the request moved on.
  public func widenCover(
    _ requestID: ID<CoverRequest>, from tier: CoverTier, messages: @escaping @Sendable ([ID<Account>]) -> [NewMessage],
    mailJob: MailJob, widenAgain: @escaping @Sendable () throws -> QueuedJob?, env: Effects
  ) async throws -> [ID<Account>] {
    try await write { db in
      let waiting = try await CoverOfferRow.query(on: db).filter(\.$requestID == requestID.rawValue)
        .filter(\.$state == CoverOffer.State.waiting.rawValue).all()
      guard let next = waiting.map(\.tier).filter({ $0 > tier.rawValue }).min() else { return [] }
      let sql = db as! any SQLDatabase
      guard
        let row = try await sql.raw(
          """
          UPDATE cover_requests SET tier = \(bind: next)
          WHERE id = \(bind: requestID.rawValue) AND tier = \(bind: tier.rawValue) AND state = 'open'
          RETURNING coop_id, person_id
          """
        ).first()
      else { return [] }
      let coop = CareCore.ID<Coop>(try row.decode(column: "coop_id", as: UUID.self))
      let offered = waiting.filter { $0.tier == next }
      try await CoverOfferRow.query(on: db).filter(\.$id ~~ offered.map { $0.id! })
        .set(\.$state, to: CoverOffer.State.offered.rawValue).update()
      let workers = offered.map { CareCore.ID<Account>($0.workerID) }
      if waiting.contains(where: { $0.tier > next }), let job = try widenAgain() {
        try await Self.enqueue(job.kind, payload: job.payload, runAt: job.runAt, env: env, on: db)
      }
      try await Self.append(
        .widenCover, coop: coop, actor: nil, person: CareCore.ID(try row.decode(column: "person_id", as: UUID.self)),
        detail: "to \(CoverTier(rawValue: next)?.label ?? "more workers") (\(workers.count))", env: env, on: db)
      try await Self.keepAndMail(messages(workers), coop: coop, mailJob: mailJob, env: env, on: db)
      return workers
    }
  }

  // MARK: Reads

  public func coverRequest(_ id: ID<CoverRequest>) async throws -> CoverRequest? {
    try await CoverRequestRow.find(id.rawValue, on: db).map { try $0.value() }
  }

  public func coverOffer(_ id: ID<CoverOffer>) async throws -> CoverOffer? {
    try await CoverOfferRow.find(id.rawValue, on: db).map { try $0.value() }
  }

  public func coverOffers(request: ID<CoverRequest>) async throws -> [CoverOffer] {
    try await CoverOfferRow.query(on: db).filter(\.$requestID == request.rawValue).all().map { try $0.value() }
      .sorted { ($0.tier, $0.start) < ($1.tier, $1.start) }
  }

  /// The circle's cover requests for a week (the rota keeper's list), by day and time.
  /// A circle's cover requests in a week, for whoever the policy lets plan that circle's week.
  public func coverRequests(permit: Permit, monday: Day) async throws -> [CoverRequest] {
    guard let circle = permit.circleID, permit.covers(.planWeek) else { throw CareError.forbidden }
    return try await coverRequests(circle: circle, monday: monday)
  }

  func coverRequests(circle: ID<Circle>, monday: Day) async throws -> [CoverRequest] {
    try await CoverRequestRow.query(on: db).filter(\.$circleID == circle.rawValue).filter(\.$monday == monday.iso)
      .all().map { try $0.value() }.sorted { ($0.day, $0.start) < ($1.day, $1.start) }
  }

  /// Open requests for a person's visits between two days (as the permit to see their team allows).
  public func openCover(permit: Permit, person: ID<Person>, from: Day, through: Day) async throws -> [CoverRequest] {
    try Self.check(permit, .viewTeam, person: person)
    return try await CoverRequestRow.query(on: db).filter(\.$personID == person.rawValue)
      .filter(\.$state == CoverRequest.State.open.rawValue).filter(\.$day >= from.iso).filter(\.$day <= through.iso)
      .all().map { try $0.value() }
  }

  /// Requests about a worker's own visits from a day on (what they said they cannot make).
  public func coverAsked(worker: ID<Account>, from: Day) async throws -> [CoverRequest] {
    try await CoverRequestRow.query(on: db).filter(\.$workerID == worker.rawValue).filter(\.$day >= from.iso)
      .all().map { try $0.value() }.sorted { ($0.day, $0.start) < ($1.day, $1.start) }
  }

  /// Offers made to a worker for visits from a day on, with their requests.
  public func coverOffers(worker: ID<Account>, from: Day) async throws -> [(offer: CoverOffer, request: CoverRequest)] {
    let offers = try await CoverOfferRow.query(on: db).filter(\.$workerID == worker.rawValue)
      .filter(\.$state != CoverOffer.State.waiting.rawValue).all()
    guard !offers.isEmpty else { return [] }
    let requests = try await CoverRequestRow.query(on: db).filter(\.$id ~~ offers.map(\.requestID))
      .filter(\.$day >= from.iso).all()
    let byID = Dictionary(uniqueKeysWithValues: try requests.map { ($0.id!, try $0.value()) })
    return try offers.compactMap { o in try byID[o.requestID].map { (try o.value(), $0) } }
      .sorted { ($0.request.day, $0.request.start) < ($1.request.day, $1.request.start) }
  }

  /// Visits the worker took as cover from outside the person's team, between two days: for these alone
  /// they see the person's address and tasks, until the visit's day is over.
  public func coveredFromOutside(worker: ID<Account>, from: Day, through: Day) async throws -> [CoverRequest] {
    let offers = try await CoverOfferRow.query(on: db).filter(\.$workerID == worker.rawValue)
      .filter(\.$state == CoverOffer.State.accepted.rawValue).filter(\.$tier == CoverTier.circle.rawValue).all()
    guard !offers.isEmpty else { return [] }
    return try await CoverRequestRow.query(on: db).filter(\.$id ~~ offers.map(\.requestID))
      .filter(\.$state == CoverRequest.State.covered.rawValue).filter(\.$day >= from.iso)
      .filter(\.$day <= through.iso).all().map { try $0.value() }
  }

  /// A who-looked row on the person's log for each covered visit whose address and tasks a worker from
  /// outside their team was shown (durable before the page is).
  public func recordCoverLooks(_ requests: [CoverRequest], by requester: Requester, env: Effects) async throws {
    for request in requests {
      try await viewLog.append(
        AuditEvent(
          id: ID(env.newID()), coopID: requester.coopID, at: env.now(), actorID: requester.account.id,
          onBehalfOf: nil, personID: request.personID, action: .seeCoveredVisit,
          detail: "\(request.day.iso) \(CoopCalendar.clockText(request.start))"))
    }
  }

  // MARK: Helpers

  /// The newest published version of a circle's week.
  static func newestPublished(circle: ID<Circle>, monday: String, on db: any Database) async throws -> RotaWeekRow? {
    try await RotaWeekRow.query(on: db).filter(\.$circleID == circle.rawValue).filter(\.$monday == monday)
      .filter(\.$state == RotaWeek.State.published.rawValue).sort(\.$number, .descending).first()
  }

  /// A new published version of the circle's week: the newest published one's visits, each passed through
  /// `change`, numbered after every version so far.
  static func republish(
    circle: ID<Circle>, monday: String, by actor: ID<Account>, env: Effects, on db: any Database,
    change: (NewRotaVisit) throws -> NewRotaVisit
  ) async throws -> RotaWeek {
    guard let current = try await newestPublished(circle: circle, monday: monday, on: db) else {
      throw coverTaken
    }
    let last =
      try await RotaWeekRow.query(on: db).filter(\.$circleID == circle.rawValue)
      .filter(\.$monday == monday).max(\.$number) ?? current.number
    let visits = try await RotaVisitRow.query(on: db).filter(\.$weekID == current.id!).all()
      .map { try NewRotaVisit(try $0.value()) }.map(change)
    let row = RotaWeekRow()
    row.id = env.newID()
    row.coopID = current.coopID
    row.circleID = current.circleID
    row.monday = monday
    row.number = last + 1
    row.state = RotaWeek.State.published.rawValue
    row.progress = 1
    row.seconds = current.seconds
    row.figures = current.figures
    row.edits = 0
    row.createdBy = actor.rawValue
    row.createdAt = env.now()
    row.publishedBy = actor.rawValue
    row.publishedAt = env.now()
    try await row.create(on: db)
    try await insertVisits(visits, ids: visits.map { _ in env.newID() }, week: CareCore.ID(row.id!), on: db)
    return try row.value()
  }
}

extension NewRotaVisit {
  init(_ v: RotaVisit) {
    self.init(
      personID: v.personID, pattern: v.pattern, slot: v.slot, day: v.day, start: v.start, length: v.length,
      usualStart: v.usualStart, window: v.window, tasks: v.tasks, workerID: v.workerID, partnerID: v.partnerID)
  }

  func with(worker: ID<Account>? = nil, start: Int? = nil, partner: ID<Account>? = nil) -> NewRotaVisit {
    NewRotaVisit(
      personID: personID, pattern: pattern, slot: slot, day: day, start: start ?? self.start, length: length,
      usualStart: usualStart, window: window, tasks: tasks, workerID: worker ?? workerID,
      partnerID: partner ?? partnerID)
  }
}
