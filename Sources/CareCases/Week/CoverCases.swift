import CareCore
import CareRota
import CareStore
import Foundation

/// What a worker sees of cover: the offers made to them (with the area, the time and what the visit is
/// for — the address comes with the visit once they take it) and the visits they said they cannot make.
public struct CoverModel: Sendable {
  public struct Offer: Sendable, Hashable {
    public let offer: CoverOffer
    public let request: CoverRequest
    public let person: String
    /// The first half of the postcode: enough to know how far, not where.
    public let area: String
  }

  public struct Asked: Sendable, Hashable {
    public let request: CoverRequest
    public let person: String
    /// Who is coming instead, once someone took it.
    public let coveredBy: String?
  }

  public let account: Account
  public let today: Day
  public let offers: [Offer]
  public let asked: [Asked]

  public var openOffers: [Offer] { offers.filter { $0.offer.state == .offered && $0.request.state == .open } }
  public var answeredOffers: [Offer] { offers.filter { !($0.offer.state == .offered && $0.request.state == .open) } }
}

/// The payload of a `cover.widen` job: offer the request to the next tier if nobody has taken it.
struct WidenCoverJob: Codable {
  let requestID: UUID
  let tier: Int
}

extension Cases {
  /// How long a tier has to answer before the next is asked too.
  public static let coverWait: TimeInterval = 30 * 60
  /// The longest stretch of days one "I can't work" covers.
  public static let longestAway = 28

  /// The worker (or their circle's rota keeper) says they cannot make one published visit: it goes to cover.
  @discardableResult
  public func cannotMake(_ visitID: ID<RotaVisit>, reason: String, by requester: Requester) async throws
    -> [CoverRequest]
  {
    let reason = try CoverReason.validated(reason)
    guard let visit = try await store.visit(visitID), let week = try await store.rotaWeek(visit.weekID),
      week.coopID == requester.coopID, week.state == .published
    else { throw CareError.notFound }
    let permit = try Self.hidingOthers(
      requester, .askCover(coop: requester.coopID, circle: week.circleID, worker: visit.workerID))
    guard visit.day >= today else {
      throw CareError.conflict(FieldError("visit", "This visit has already happened"))
    }
    return try await askForCover([visit], in: week, reason: reason, permit: permit)
  }

  /// The signed-in worker cannot work from one day to another: each of their published visits in those days
  /// goes to cover, week by week.
  @discardableResult
  public func cannotWork(from: Day, through: Day, reason: String, by requester: Requester) async throws
    -> [CoverRequest]
  {
    let reason = try CoverReason.validated(reason)
    var problems: [FieldError] = []
    if from < today { problems.append(FieldError("from", "Give today or a day after it")) }
    if through < from { problems.append(FieldError("through", "The last day must be on or after the first")) }
    if from.adding(days: Self.longestAway) <= through {
      problems.append(FieldError("through", "Give at most \(Self.longestAway) days at a time"))
    }
    // Well-formed days that do not fit (past, backwards, too long) are a conflict with the calendar, not bad input.
    if let first = problems.first { throw CareError.conflict(first) }
    let visits = try await store.publishedVisits(worker: requester.account.id, from: from, through: through)
    guard !visits.isEmpty else {
      throw CareError.conflict(FieldError("from", "You have no visits on those days: nothing needs cover"))
    }
    var made: [CoverRequest] = []
    for (weekID, theirs) in Dictionary(grouping: visits, by: \.weekID).sorted(by: {
      $0.key.description < $1.key.description
    }) {
      guard let week = try await store.rotaWeek(weekID) else { continue }
      let permit = try AccessPolicy.permit(
        requester, .askCover(coop: requester.coopID, circle: week.circleID, worker: requester.account.id))
      let waiting = Set(
        try await store.coverAsked(worker: requester.account.id, from: from).filter { $0.state == .open }.map(\.key))
      let new = theirs.filter { !waiting.contains($0.key) }
      guard !new.isEmpty else { continue }
      made += try await askForCover(new, in: week, reason: reason, permit: permit)
    }
    return made
  }

  /// Finds who could take each visit with the engine's repair, then keeps the requests and offers, tells
  /// the first tier and the person, and queues the widening — all in one transaction.
  func askForCover(_ visits: [RotaVisit], in week: RotaWeek, reason: String, permit: Permit) async throws
    -> [CoverRequest]
  {
    guard let facts = try await store.circleWeekFacts(week.circleID, coop: week.coopID, on: week.monday) else {
      throw CareError.notFound
    }
    let gone = visits[0].workerID
    let (plan, _) = Self.weekToPlan(facts, monday: week.monday)
    let kept = try await store.visits(week: week.id)
    let found = WeekPlanner().coverCandidates(
      plan, plan: kept.map(VisitOnPlan.init), uncovered: visits.map(VisitOnPlan.init), without: gone)
    let names = Self.names(facts)
    let goneName = names[gone.rawValue] ?? "Your worker"
    var messages: [NewMessage] = []
    var requests: [NewCoverRequest] = []
    for visit in visits {
      let candidates = found[VisitOnPlan(visit)] ?? []
      let request = NewCoverRequest(visit: visit, reason: reason, candidates: candidates)
      requests.append(request)
      let person = facts.people.first { $0.id == visit.personID }
      let personName = person?.name ?? "Someone"
      let when = "\(visit.day.longText) at \(CoopCalendar.clockText(visit.start))"
      for c in candidates where c.tier == request.firstTier {
        messages.append(
          coverOffer(
            to: c.worker, person: personName, day: visit.day, at: visit.start, from: c.start, length: visit.length,
            tasks: visit.tasks))
      }
      if let account = person?.accountID {
        let who =
          switch request.firstTier {
          case .backup?:
            candidates.first.flatMap { names[$0.worker.rawValue] }.map { "\($0), your backup" } ?? "your backup"
          case .team?: "others in your team"
          case .circle?: "workers in your circle who cover"
          case nil: "the rota keeper"
          }
        messages.append(
          NewMessage(
            to: account, subject: "\(goneName) cannot come on \(when)",
            body: "\(goneName) cannot come on \(when). We are asking \(who) to come instead; "
              + "you will be told who is coming.",
            link: links.personWeekPath(visit.personID, week.monday)))
      }
    }
    let now = effects.now()
    return try await store.askForCover(
      requests, permit: permit, messages: messages, mailJob: Self.mailJob,
      widen: { request in
        QueuedJob(
          kind: JobKind.widenCover.rawValue,
          payload: try Self.payload(
            WidenCoverJob(requestID: request.id.rawValue, tier: (request.tier ?? .backup).rawValue)),
          runAt: now.addingTimeInterval(Self.coverWait))
      }, env: effects)
  }

  /// The offers made to the signed-in worker and the visits they said they cannot make, from today on.
  public func cover(by requester: Requester) async throws -> CoverModel {
    let me = requester.account.id
    let offers = try await store.coverOffers(worker: me, from: today)
    let asked = try await store.coverAsked(worker: me, from: today)
    let people = Set(offers.map(\.request.personID) + asked.map(\.personID))
    let personNames = try await store.personNames(Array(people))
    let areas = try await store.postcodeAreas(Array(Set(offers.map(\.request.personID))))
    let workers = try await store.accountNames(asked.compactMap(\.coveredBy))
    return CoverModel(
      account: requester.account, today: today,
      offers: offers.map {
        CoverModel.Offer(
          offer: $0.offer, request: $0.request, person: personNames[$0.request.personID] ?? "Someone",
          area: areas[$0.request.personID] ?? "")
      },
      asked: asked.map {
        CoverModel.Asked(
          request: $0, person: personNames[$0.personID] ?? "Someone",
          coveredBy: $0.coveredBy.map { workers[$0] ?? "a worker" })
      })
  }

  /// The worker answers an offer. Yes: checked again against every rule as the week is now (it may have
  /// changed since the offer went out), then the first yes gets the visit — a new published version of the
  /// week — and the person, the worker who could not come and the others asked are told. No: when
  /// everybody asked has said no, the next tier is asked at once.
  @discardableResult
  public func answerCover(_ offerID: ID<CoverOffer>, accept: Bool, by requester: Requester) async throws
    -> CoverRequest
  {
    guard let offer = try await store.coverOffer(offerID), let request = try await store.coverRequest(offer.requestID),
      request.coopID == requester.coopID
    else { throw CareError.notFound }
    let permit = try Self.hidingOthers(requester, .answerCover(coop: requester.coopID, worker: offer.workerID))
    guard offer.state == .offered, request.state == .open else { throw CareError.conflict(Self.coverGone) }
    guard accept else {
      let (request, still) = try await store.declineCover(offerID, permit: permit, env: effects)
      if still == 0, let tier = request.tier { try await widenCover(request.id, from: tier) }
      return request
    }
    guard request.day >= today else {
      throw CareError.conflict(FieldError("offer", "This visit has already happened"))
    }
    guard
      let week = try await store.publishedWeek(
        circle: request.circleID, monday: CoopCalendar.london.weekStart(of: request.day)),
      let facts = try await store.circleWeekFacts(request.circleID, coop: request.coopID, on: week.monday)
    else { throw CareError.conflict(Self.coverGone) }
    let published = try await store.visits(week: week.id)
    guard let visit = published.first(where: { $0.key == request.key }), visit.workerID == request.workerID else {
      throw CareError.conflict(Self.coverGone)
    }
    let (plan, _) = Self.weekToPlan(facts, monday: week.monday)
    let reasons = WeekPlanner().whyNot(
      move: VisitOnPlan(visit), to: requester.account.id, at: offer.start, in: plan,
      plan: published.filter { $0.id != visit.id }.map(VisitOnPlan.init), asCover: true)
    guard reasons.isEmpty else {
      throw CareError.conflict(
        FieldError("offer", "You cannot take this visit now: \(reasons.joined(separator: "; "))"))
    }
    let names = Self.names(facts)
    let me = requester.account
    let accountOf = facts.people.first { $0.id == request.personID }?.accountID
    let gone = names[request.workerID.rawValue] ?? "Your worker"
    let when = "\(request.day.longText) at \(CoopCalendar.clockText(offer.start))"
    let personLink = links.personWeekPath(request.personID, week.monday)
    let myWeekLink = links.myWeekPath(week.monday)
    let (covered, _) = try await store.acceptCover(
      offerID, permit: permit, mailJob: Self.mailJob,
      messages: { request, others in
        var messages: [NewMessage] = []
        if let accountOf {
          messages.append(
            NewMessage(
              to: accountOf, subject: "\(me.name) is coming on \(when)",
              body: "\(me.name) is coming on \(when) instead of \(gone).", link: personLink))
        }
        messages.append(
          NewMessage(
            to: request.workerID, subject: "\(me.name) is covering your visit on \(when)",
            body: "\(me.name) is covering your visit on \(when). It is no longer in your week.", link: myWeekLink))
        for other in others where other != me.id {
          messages.append(
            NewMessage(
              to: other, subject: "The visit on \(when) is covered",
              body: "Someone else said yes first to the visit on \(when). Thank you for looking.", link: nil))
        }
        return messages
      }, env: effects)
    return covered
  }

  /// Offers a request to the next tier (the `cover.widen` job, or everyone asked said no).
  func widenCover(_ requestID: ID<CoverRequest>, from tier: CoverTier) async throws {
    guard let request = try await store.coverRequest(requestID), request.state == .open else { return }
    let names = try await store.personNames([request.personID])
    let offers = try await store.coverOffers(request: requestID)
    let person = names[request.personID] ?? "Someone"
    let now = effects.now()
    _ = try await store.widenCover(
      requestID, from: tier,
      messages: { workers in
        workers.map { worker in
          self.coverOffer(
            to: worker, person: person, day: request.day, at: request.start,
            from: offers.first { $0.workerID == worker }?.start ?? request.start, length: request.length,
            tasks: request.tasks)
        }
      }, mailJob: Self.mailJob,
      widenAgain: {
        let next = offers.map(\.tier).filter { $0 > tier }.min() ?? .circle
        return QueuedJob(
          kind: JobKind.widenCover.rawValue,
          payload: try Self.payload(WidenCoverJob(requestID: requestID.rawValue, tier: next.rawValue)),
          runAt: now.addingTimeInterval(Self.coverWait))
      }, env: effects)
  }

  /// The message asking a worker to cover a visit (in the app, and mailed).
  func coverOffer(
    to worker: ID<Account>, person: String, day: Day, at start: Int, from offered: Int, length: Int,
    tasks: Set<VisitTask>
  ) -> NewMessage {
    NewMessage(
      to: worker, subject: "Can you cover a visit on \(day.longText) at \(CoopCalendar.clockText(start))?",
      body: "\(person) needs someone on \(day.longText) from \(CoopCalendar.clockText(offered)) for "
        + "\(Minutes(length).spoken) (\(Self.taskList(tasks))). Say yes or no in the app: the first to say yes "
        + "gets the visit.",
      link: links.coverPath())
  }

  func runWidenCover(_ job: WidenCoverJob) async throws {
    guard let tier = CoverTier(rawValue: job.tier) else { return }
    try await widenCover(ID(job.requestID), from: tier)
  }

  static let coverGone = FieldError(
    "offer", "This visit is no longer waiting for cover: someone else took it, or the week was planned again")

  static let mailJob = MailJob(
    kind: JobKind.messageMail.rawValue, payload: { try payload(MessageMail(messageID: $0.rawValue)) })

  static func taskList(_ tasks: Set<VisitTask>) -> String { tasks.sorted().map(\.label).joined(separator: ", ") }

  /// A refusal about someone else's visit or offer reads as "not found": nobody learns it exists.
  static func hidingOthers(_ requester: Requester, _ action: Action) throws(CareError) -> Permit {
    do {
      return try AccessPolicy.permit(requester, action)
    } catch .forbidden {
      throw .notFound
    }
  }
}

/// The form saying a worker cannot make one visit: the visit and whose it is.
public struct CoverAskModel: Sendable {
  public let visit: RotaVisit
  public let person: String
}

extension Cases {
  /// The visit a worker is about to say they cannot make (theirs, published, still to come).
  public func coverAsk(_ visitID: ID<RotaVisit>, by requester: Requester) async throws -> CoverAskModel {
    guard let visit = try await store.visit(visitID), let week = try await store.rotaWeek(visit.weekID),
      week.coopID == requester.coopID, week.state == .published
    else { throw CareError.notFound }
    _ = try Self.hidingOthers(
      requester, .askCover(coop: requester.coopID, circle: week.circleID, worker: visit.workerID))
    guard visit.day >= today else {
      throw CareError.conflict(FieldError("visit", "This visit has already happened"))
    }
    let names = try await store.personNames([visit.personID])
    return CoverAskModel(visit: visit, person: names[visit.personID] ?? "Someone")
  }

  /// The circle's cover requests for a week, for its rota keeper (or an administrator).
  public func weekCover(circle circleID: ID<Circle>, monday: Day, by requester: Requester) async throws
    -> [CoverRequest]
  {
    let permit = try AccessPolicy.permit(requester, .planWeek(coop: requester.coopID, circle: circleID))
    try Self.checkMonday(monday)
    guard try await store.isCircle(circleID, of: requester.coopID) else { throw CareError.notFound }
    return try await store.coverRequests(permit: permit, monday: monday)
  }
}
