import CareCore
import CareLedger
import CareRota
import CareStore
import Foundation
import Rota

/// What the rota keeper's week page shows: the newest version (its progress while the engine plans, or
/// the draft with its figures), the published week, and what the draft changes from it.
/// One person's hours beside a week's plan: what the week gives them, what their agreements pay for a
/// week, and what is banked.
public struct HoursBeside: Sendable, Hashable {
  public let person: ID<Person>
  public let planned: Int
  public let paidAWeek: Int
  public let banked: Int
  /// The week gives more than is paid for and banked.
  public var isOver: Bool { planned > paidAWeek + banked }
}

public struct WeekPlanModel: Sendable {
  public let circle: Circle
  public let monday: Day
  /// Every version, newest first.
  public let versions: [RotaWeek]
  /// The version on show: the newest if it is being planned, a draft or published; otherwise the published
  /// week (nil when there is none).
  public let shown: RotaWeek?
  public let visits: [RotaVisit]
  public let published: RotaWeek?
  /// What the shown draft changes from the published week (nil when nothing is published yet or the
  /// published week is the one shown).
  public let changes: WeekChanges?
  public let names: [UUID: String]
  /// Who is not ready to be planned, as things stand now.
  public let notReady: [String]
  /// Visits of this week that went to cover (open first: the ones still without a worker).
  public var cover: [CoverRequest] = []
  /// Each person's hours beside the week shown (those with funding recorded).
  public var hours: [HoursBeside] = []
  /// The people the shown week would give more hours than they have (paid for this week and banked).
  public var overspending: [HoursBeside] { hours.filter(\.isOver) }

  public var openCover: [CoverRequest] { cover.filter { $0.state == .open } }

  /// The newest version, when it ended without a plan (stopped or failed): the page says so.
  public var endedWithoutPlan: RotaWeek? {
    guard let latest = versions.first, latest.state == .cancelled || latest.state == .failed else { return nil }
    return latest
  }

  public func name(_ id: ID<Account>) -> String { names[id.rawValue] ?? "someone no longer in the circle" }
  public func name(_ id: ID<Person>) -> String { names[id.rawValue] ?? "someone no longer in the circle" }
}

/// How one version of a week differs from another, visit by visit (a visit is the same when its person,
/// pattern, day and slot are: see `RotaVisit.key`).
public struct WeekChanges: Sendable, Equatable {
  /// Visits in the new version only, gone from it, or with another worker or time.
  public let added: Int
  public let removed: Int
  public let moved: Int
  /// People and workers with any visit that changed: they are told when the week is published.
  public let people: Set<ID<Person>>
  public let workers: Set<ID<Account>>

  public var isEmpty: Bool { added == 0 && removed == 0 && moved == 0 }

  public init(from old: [RotaVisit], to new: [RotaVisit]) {
    let before = Dictionary(old.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    let after = Dictionary(new.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    var added = 0
    var removed = 0
    var moved = 0
    var people: Set<ID<Person>> = []
    var workers: Set<ID<Account>> = []
    for (key, visit) in after {
      guard let was = before[key] else {
        added += 1
        people.insert(visit.personID)
        workers.insert(visit.workerID)
        continue
      }
      if was.workerID != visit.workerID || was.start != visit.start || was.length != visit.length {
        moved += 1
        people.insert(visit.personID)
        workers.formUnion([was.workerID, visit.workerID])
      }
    }
    for (key, visit) in before where after[key] == nil {
      removed += 1
      people.insert(visit.personID)
      workers.insert(visit.workerID)
    }
    self.added = added
    self.removed = removed
    self.moved = moved
    self.people = people
    self.workers = workers
  }
}

extension Cases {
  /// A publish or change naming a version that is not (or no longer) the circle's draft.
  static let notTheDraft = CareError.conflict(
    FieldError("week", "This draft was changed or replaced since you looked at it: look again before publishing"))
}

/// The payload of a `rota.plan-week` job.
struct PlanWeekJob: Codable {
  let weekID: UUID
}

/// What the engine has reached, shared between its thread and the task that writes it down.
final class SearchTicker: @unchecked Sendable {
  private let lock = NSLock()
  private var reached = RotaWeek.Progress(fraction: 0, seconds: 0)
  private var stopped = false
  private var finished = false

  func report(_ progress: RotaWeek.Progress) { lock.withLock { reached = progress } }
  var progress: RotaWeek.Progress { lock.withLock { reached } }
  func stop() { lock.withLock { stopped = true } }
  var isStopped: Bool { lock.withLock { stopped } }
  func finish() { lock.withLock { finished = true } }
  var isFinished: Bool { lock.withLock { finished } }
}

extension Cases {
  /// Starts planning the circle's week: a new version in `planning` and the job that plans it, together.
  /// Only the circle's rota keeper (or an administrator); nothing to plan is refused with the reasons.
  public func startPlanningWeek(circle circleID: ID<Circle>, monday: Day, by requester: Requester) async throws
    -> RotaWeek
  {
    let permit = try AccessPolicy.permit(requester, .planWeek(coop: requester.coopID, circle: circleID))
    try Self.checkMonday(monday)
    guard let facts = try await store.circleWeekFacts(circleID, coop: requester.coopID, on: monday) else {
      throw CareError.notFound
    }
    let (week, notReady) = Self.weekToPlan(facts, monday: monday)
    guard !week.people.isEmpty else {
      let why = notReady.isEmpty ? "Nobody in this circle has visits to plan yet" : notReady.joined(separator: "; ")
      throw CareError.conflict(FieldError("week", "There is nothing to plan: \(why)"))
    }
    return try await store.startPlanning(
      monday: monday, permit: permit, jobKind: JobKind.planWeek.rawValue,
      payload: { try Self.payload(PlanWeekJob(weekID: $0.rawValue)) }, env: effects)
  }

  /// The `rota.plan-week` job: plans the version with the engine, writing its progress down about twice a
  /// second (so the page can show it, and a "stop" reaches the engine), then keeps the plan as a draft.
  func runWeekPlan(_ job: PlanWeekJob) async throws {
    guard let version = try await store.versionToPlan(ID(job.weekID)) else { return }
    guard let facts = try await store.circleWeekFacts(version.circleID, coop: version.coopID, on: version.monday)
    else {
      try await store.failPlanning(version.id, problem: "The circle is gone")
      return
    }
    let (week, notReady) = Self.weekToPlan(facts, monday: version.monday)
    let ticker = SearchTicker()
    var options = weekSearch.options
    let budget = weekSearch
    options.progressEvery = 500
    options.progress = { p in
      let fraction =
        budget.iterations.map { Double(p.iteration) / Double(max(1, $0)) } ?? p.seconds / max(0.001, budget.seconds)
      ticker.report(RotaWeek.Progress(fraction: fraction, seconds: p.seconds))
    }
    options.shouldStop = { ticker.isStopped }
    let writer = Task {
      while !ticker.isFinished {
        try? await Task.sleep(nanoseconds: 500_000_000)
        if ticker.isFinished { break }
        if try await !store.recordProgress(version.id, ticker.progress) { ticker.stop() }
      }
    }
    let (planned, visits) = await Self.planOffTheLoop(week, options: options)
    ticker.finish()
    _ = await writer.result
    _ = try await store.saveDraft(
      version.id, visits: visits, figures: WeekFigures(planned, notReady: notReady), env: effects)
  }

  /// Stops the engine planning the circle's week (it keeps nothing of it). Nothing being planned: nothing
  /// to do.
  public func stopPlanningWeek(circle circleID: ID<Circle>, by requester: Requester) async throws {
    let permit = try AccessPolicy.permit(requester, .planWeek(coop: requester.coopID, circle: circleID))
    try await store.stopPlanning(permit: permit, env: effects)
  }

  /// The rota keeper's page for one circle and week.
  public func weekPlan(circle circleID: ID<Circle>, monday: Day, by requester: Requester) async throws
    -> WeekPlanModel
  {
    let permit = try AccessPolicy.permit(requester, .planWeek(coop: requester.coopID, circle: circleID))
    try Self.checkMonday(monday)
    guard let facts = try await store.circleWeekFacts(circleID, coop: requester.coopID, on: monday) else {
      throw CareError.notFound
    }
    let versions = try await store.rotaWeeks(permit: permit, monday: monday)
    let published = versions.first { $0.state == .published }
    let shown: RotaWeek? =
      if let latest = versions.first, [.planning, .draft, .published].contains(latest.state) {
        latest
      } else {
        published
      }
    let visits = if let shown { try await store.visits(week: shown.id) } else { [RotaVisit]() }
    var changes: WeekChanges?
    if let shown, shown.state == .draft, let published {
      changes = WeekChanges(from: try await store.visits(week: published.id), to: visits)
    }
    var names = Self.names(facts)
    let unknown = Set(visits.flatMap { [$0.workerID] + [$0.partnerID].compactMap { $0 } })
      .filter { names[$0.rawValue] == nil }
    let cover = try await store.coverRequests(permit: permit, monday: monday)
    let others = Set(cover.flatMap { [$0.workerID] + [$0.coveredBy].compactMap { $0 } }).filter {
      names[$0.rawValue] == nil
    }
    for (id, name) in try await store.accountNames(Array(unknown.union(others))) { names[id.rawValue] = name }
    var model = WeekPlanModel(
      circle: facts.circle, monday: monday, versions: versions, shown: shown, visits: visits, published: published,
      changes: changes, names: names, notReady: Self.weekToPlan(facts, monday: monday).1)
    model.cover = cover.sorted {
      ($0.state == .open ? 0 : 1, $0.day, $0.start) < ($1.state == .open ? 0 : 1, $1.day, $1.start)
    }
    model.hours = try await hoursBeside(visits, by: requester)
    return model
  }

  /// Each person's hours beside a week's visits, for those of them the requester may see hours of (the
  /// circle's rota keeper may see all of them).
  func hoursBeside(_ visits: [RotaVisit], by requester: Requester) async throws -> [HoursBeside] {
    var out: [HoursBeside] = []
    let byPerson = Dictionary(grouping: visits.filter { $0.slot == 0 }, by: \.personID)
    for (person, theirs) in byPerson.sorted(by: { $0.key.description < $1.key.description }) {
      guard let facts = try await store.teamFacts(person, coop: requester.coopID),
        let permit = try? AccessPolicy.permit(requester, .viewHours(facts))
      else { continue }
      let day = theirs.map(\.day).min() ?? today
      let agreements = try await store.fundingAgreements(permit: permit).filter { $0.covers(day) }
      guard !agreements.isEmpty else { continue }
      let records = try await store.hoursRecords(permit: permit)
      let banked = agreements.reduce(0) { total, a in
        total + HoursBook(records.filter { $0.agreementID == a.id }.map(\.entry)).balance(.banked)
      }
      out.append(
        HoursBeside(
          person: person, planned: theirs.reduce(0) { $0 + $1.length },
          paidAWeek: agreements.reduce(0) { $0 + $1.minutesAWeek }, banked: banked))
    }
    return out
  }

  /// Publishes the draft: it becomes the week everybody sees. Each person and worker whose visits changed
  /// from the week published before (everybody on it, the first time) gets a message in the app. A
  /// draft changed or replaced since the rota keeper looked (`edits`) is refused: nothing is published.
  @discardableResult
  public func publishWeek(
    _ weekID: ID<RotaWeek>, edits: Int, circle circleID: ID<Circle>, by requester: Requester
  ) async throws -> RotaWeek {
    let permit = try AccessPolicy.permit(requester, .planWeek(coop: requester.coopID, circle: circleID))
    guard try await store.isCircle(circleID, of: requester.coopID) else { throw CareError.notFound }
    guard let draft = try await store.rotaWeek(weekID), draft.coopID == requester.coopID, draft.circleID == circleID
    else { throw Self.notTheDraft }
    let visits = try await store.visits(week: weekID)
    let before = try await store.publishedWeek(circle: circleID, monday: draft.monday)
    let old = if let before { try await store.visits(week: before.id) } else { [RotaVisit]() }
    let changes = WeekChanges(from: old, to: visits)
    let facts = try await store.circleWeekFacts(circleID, coop: requester.coopID, on: draft.monday)
    let accountOf = Dictionary(uniqueKeysWithValues: (facts?.people ?? []).map { ($0.id, $0.accountID) })
    let when = draft.monday.longText
    var messages: [NewMessage] = []
    for person in changes.people.sorted(by: { $0.description < $1.description }) {
      guard let account = accountOf[person] else { continue }
      messages.append(
        NewMessage(
          to: account, subject: "Who is coming in the week of \(when)",
          body: before == nil
            ? "Your visits for the week of \(when) are ready: see who is coming and when."
            : "Your visits for the week of \(when) have changed: see who is coming and when.",
          link: links.personWeekPath(person, draft.monday)))
    }
    for worker in changes.workers.sorted(by: { $0.description < $1.description }) {
      messages.append(
        NewMessage(
          to: worker, subject: "Your visits in the week of \(when)",
          body: before == nil
            ? "Your visits for the week of \(when) are ready."
            : "Your visits for the week of \(when) have changed: look at your week again.",
          link: links.myWeekPath(draft.monday)))
    }
    return try await store.publish(
      weekID, edits: edits, permit: permit, messages: messages, mailJob: Self.mailJob, env: effects)
  }
}

/// The form to change one visit of a draft: the visit, whose it is, and the workers it could go to.
public struct VisitChangeModel: Sendable {
  public let circle: Circle
  public let week: RotaWeek
  public let visit: RotaVisit
  public let personName: String
  /// The circle's workers who have said what they agree to, by name.
  public let workers: [(id: ID<Account>, name: String)]
}

extension Cases {
  public func visitChange(_ visitID: ID<RotaVisit>, circle circleID: ID<Circle>, by requester: Requester)
    async throws -> VisitChangeModel
  {
    try require(requester, .planWeek(coop: requester.coopID, circle: circleID))
    guard let visit = try await store.visit(visitID), let week = try await store.rotaWeek(visit.weekID),
      week.coopID == requester.coopID, week.circleID == circleID,
      let facts = try await store.circleWeekFacts(circleID, coop: requester.coopID, on: week.monday)
    else { throw CareError.notFound }
    guard week.state == .draft else {
      throw CareError.conflict(FieldError("version", "Only a draft can be changed: plan the week again to change it"))
    }
    return VisitChangeModel(
      circle: facts.circle, week: week, visit: visit,
      personName: facts.people.first { $0.id == visit.personID }?.name ?? "",
      workers: facts.workers.filter { $0.zone != nil }.map { ($0.id, $0.name) })
  }

  /// The rota keeper moves a draft's visit to another worker and/or time. Every hard rule is checked first
  /// (skills, consent, availability, declined workers, overlap, travel, hours) and a change that breaks one
  /// is refused with the reasons in plain words; then the engine's independent evaluator re-scores the whole
  /// week as a second check. A change against a draft someone changed since (`edits`) is refused too.
  @discardableResult
  public func changeVisit(
    _ visitID: ID<RotaVisit>, circle circleID: ID<Circle>, to worker: ID<Account>, start: Int, edits: Int,
    by requester: Requester
  ) async throws -> RotaVisit {
    let permit = try AccessPolicy.permit(requester, .planWeek(coop: requester.coopID, circle: circleID))
    guard (0..<24 * 60).contains(start) else {
      throw CareError.invalid([FieldError("start", "Give a time of day, like 08:30")])
    }
    guard let visit = try await store.visit(visitID), let week = try await store.rotaWeek(visit.weekID),
      week.coopID == requester.coopID, week.circleID == circleID,
      let facts = try await store.circleWeekFacts(circleID, coop: requester.coopID, on: week.monday)
    else { throw CareError.notFound }
    guard week.state == .draft, week.edits == edits else {
      throw CareError.conflict(
        FieldError("worker", "Someone changed or replaced this draft since you looked at it: look again"))
    }
    let (plan, _) = Self.weekToPlan(facts, monday: week.monday)
    let kept = try await store.visits(week: week.id).map(VisitOnPlan.init)
    let planner = WeekPlanner()
    let reasons = planner.whyNot(move: VisitOnPlan(visit), to: worker, at: start, in: plan, plan: kept)
    guard reasons.isEmpty else { throw CareError.invalid(reasons.map { FieldError("worker", $0) }) }
    // The independent evaluator, before and after: the change may not add a broken rule it finds.
    let changed = kept.map { v in
      v == VisitOnPlan(visit)
        ? VisitOnPlan(person: v.person, pattern: v.pattern, slot: v.slot, day: v.day, start: start, worker: worker)
        : v
    }
    let before = Set(planner.check(plan, kept).report.violations)
    let after = planner.check(plan, changed).report.violations.filter { !before.contains($0) }
    guard after.isEmpty else {
      throw CareError.invalid(
        [
          FieldError(
            "worker", "The change breaks a rule of the week's plan (\(after.prefix(3).joined(separator: "; ")))")
        ])
    }
    return try await store.changeVisit(
      visitID, in: week.id, to: worker, start: start, edits: edits, permit: permit, env: effects)
  }
}

extension VisitOnPlan {
  init(_ v: RotaVisit) {
    self.init(person: v.personID, pattern: v.pattern, slot: v.slot, day: v.day, start: v.start, worker: v.workerID)
  }
}
